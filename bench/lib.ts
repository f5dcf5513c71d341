/** What the bench scripts share: loopback only, and a demo user's session cookie. */
import { DEMO_PASSWORD } from "../prisma/factories";

export function loopbackBase(argument: string | undefined): string {
  const base = argument ?? "http://localhost:3000";
  if (!/^http:\/\/(localhost|127\.\d+\.\d+\.\d+)(:\d+)?$/.test(base)) throw new Error("Banc d'essai limité à la boucle locale.");
  return base;
}

/** Signs in through next-auth's credentials endpoint and returns the session cookie. */
export async function sessionCookie(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Connexion impossible pour ${email}`);
  return session;
}
