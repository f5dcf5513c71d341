/**
 * The visitor's IP address, as our own server (scripts/lib/serve.ts) resolved it
 * from the socket and, only for the proxies listed in TRUSTED_PROXIES, from
 * X-Forwarded-For. The server passes it in a request header whose name is
 * random per process (CLIENT_IP_HEADER): a visitor cannot forge it, and when the
 * app runs without our server (plain `next start`) the IP is simply unknown.
 */
export const CLIENT_IP_HEADER_ENV = "PORTAIL_CLIENT_IP_HEADER";

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

export function clientIp(headers: HeaderBag): string | null {
  const name = process.env[CLIENT_IP_HEADER_ENV];
  if (!name || !headers) return null;
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  const ip = Array.isArray(value) ? value[0] : value;
  return ip && ip.length <= 64 ? ip : null;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(ip: string | null): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  return v4.startsWith("127.") || ip === "::1";
}
