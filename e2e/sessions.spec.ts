import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, newFamily, testDb } from "./support";

/** Issue 21: what the session route answers for a closed session; where sign-in sends back. */
const BASE = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const COOKIE = "next-auth.session-token";

const pair = (setCookie: string) => setCookie.split(";")[0]!;

/** Signs in as next-auth's own client does (CSRF token, then the credentials callback); returns the session cookie's value. */
async function signInRaw(email: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.headers.getSetCookie().map(pair).join("; ") },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, csrfToken, json: "true" }),
  });
  const session = response.headers.getSetCookie().map(pair).find((c) => c.startsWith(`${COOKIE}=`));
  expect(session, "cookie de session posé par la connexion").toBeTruthy();
  return session!.slice(COOKIE.length + 1);
}

/** GET /api/auth/session with this cookie: the body and the session cookies sent back. */
async function sessionRoute(token: string) {
  const response = await fetch(`${BASE}/api/auth/session`, { headers: { cookie: `${COOKIE}=${token}` } });
  expect(response.status).toBe(200);
  return { body: (await response.json()) as Record<string, unknown>, sent: response.headers.getSetCookie().filter((c) => c.startsWith(`${COOKIE}=`)) };
}

test("GET /api/auth/session : une session fermée ne répond rien et ne prolonge rien", async () => {
  const revoke: Record<string, (userId: string) => Promise<unknown>> = {
    // What « Se déconnecter de tous les appareils », a new password and a deactivation by staff do.
    "sessions fermées": (userId) => testDb().userSession.deleteMany({ where: { userId } }),
    // The session row is still there: the account's status is read too.
    "compte désactivé": (userId) => testDb().user.update({ where: { id: userId }, data: { status: "DEACTIVATED" } }),
    "session expirée": (userId) => testDb().userSession.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } }),
  };
  for (const [how, close] of Object.entries(revoke)) {
    const { user } = await newFamily();
    const token = await signInRaw(user.email);

    const live = await sessionRoute(token);
    expect(live.body.user, how).toEqual({ id: user.id, name: user.displayName, email: user.email });
    expect(live.sent, how).toHaveLength(1);
    expect(new Date(/Expires=([^;]+)/i.exec(live.sent[0]!)![1]!).getTime(), how).toBeGreaterThan(Date.now() + 7 * 3_600_000);

    await close(user.id);
    const closed = await sessionRoute(token);
    expect(closed.body, how).toEqual({});
    // The only session cookie sent back clears it: empty, max-age 0. Nothing is extended.
    expect(closed.sent, how).toHaveLength(1);
    expect(closed.sent[0], how).toMatch(new RegExp(`^${COOKIE}=;`));
    expect(closed.sent[0], how).toMatch(/Max-Age=0/i);
  }
});
