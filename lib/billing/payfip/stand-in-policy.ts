/**
 * Whether the PayFiP stand-in may answer here (ADR 054), as the Stripe stand-in is allowed in production
 * (scripts/lib/production-checks.ts): always in development and tests, on a local address, or when
 * ALLOW_PAYFIP_STAND_IN=1 says a public demonstration is meant. Otherwise « Payer » for a lieu using PayFiP, the stand-in's
 * service and its page all refuse: nobody can believe they paid a treasury that was never asked.
 */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function payfipStandInAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PAYFIP_WS_URL) return false;
  if (env.NODE_ENV !== "production") return true;
  if (env.ALLOW_PAYFIP_STAND_IN === "1") return true;
  try {
    const host = new URL(env.APP_URL ?? "http://localhost:3000").hostname;
    return LOCAL_HOSTS.has(host) || host.endsWith(".localhost");
  } catch {
    return false;
  }
}
