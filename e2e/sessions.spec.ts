import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, field, newFamily, newStaff, testDb } from "./support";

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
  const session = response.headers
    .getSetCookie()
    .map(pair)
    .find((c) => c.startsWith(`${COOKIE}=`));
  expect(session, "cookie de session posé par la connexion").toBeTruthy();
  return session!.slice(COOKIE.length + 1);
}

/** GET /api/auth/session with this cookie: the body and the session cookies sent back. */
async function sessionRoute(token: string) {
  const response = await fetch(`${BASE}/api/auth/session`, { headers: { cookie: `${COOKIE}=${token}` } });
  expect(response.status).toBe(200);
  return {
    body: (await response.json()) as Record<string, unknown>,
    sent: response.headers.getSetCookie().filter((c) => c.startsWith(`${COOKIE}=`)),
  };
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

/** Signs in on the sign-in page already open; `landing` is where it must bring back (same bound as support.ts signIn). */
async function signInHere(page: Page, email: string, landing: string) {
  await field(page, "E-mail").fill(email);
  await field(page, "Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(`${BASE}${landing}`, { timeout: 30_000 });
}

test("la connexion ramène à la page demandée avec sa requête, cookie absent ou session fermée", async ({ page }) => {
  const { user, family } = await newFamily();
  const checkoutId = `cs_test_${randomBytes(8).toString("hex")}`;
  const payment = await testDb().payment.create({
    data: { familyId: family.id, method: "STRIPE", amountCents: 1234, stripeCheckoutSessionId: checkoutId },
  });
  // Open on the stand-in, as « Payer » leaves it (an unknown session is shown as no longer payable).
  await testDb().standInCheckoutSession.create({ data: { id: checkoutId, paymentId: payment.id, amountCents: 1234 } });
  const target = `/paiement/simulateur?session=${checkoutId}&paiement=${payment.id}`;
  const backHere = async () => {
    await expect(page).toHaveURL((url) => url.pathname === "/connexion" && url.searchParams.get("retour") === target);
    await expect(page.getByText("Connectez-vous pour accéder à cette page.")).toBeVisible();
    await signInHere(page, user.email, target);
    await expect(page.getByRole("heading", { level: 1, name: "Paiement par carte (démonstration)" })).toBeVisible();
    await expect(page.getByText(/Montant : 12,34\s€/)).toBeVisible();
  };

  // No cookie: the proxy sends to the sign-in page.
  await page.goto(target);
  await backHere();

  // A cookie whose session was closed elsewhere: the page itself sends to the sign-in page.
  await testDb().userSession.deleteMany({ where: { userId: user.id } });
  await page.goto(target);
  await backHere();

  // Staff pages too (their layout leaves the redirect to the page, which knows its query).
  const staff = await newStaff();
  await page.context().clearCookies();
  await page.goto("/admin/paiements?mode=CHEQUE");
  await expect(page).toHaveURL((url) => url.pathname === "/connexion" && url.searchParams.get("retour") === "/admin/paiements?mode=CHEQUE");
  await signInHere(page, staff.email, "/admin/paiements?mode=CHEQUE");
  await testDb().userSession.deleteMany({ where: { userId: staff.id } });
  await page.goto("/admin/paiements?mode=CHEQUE");
  await expect(page).toHaveURL((url) => url.pathname === "/connexion" && url.searchParams.get("retour") === "/admin/paiements?mode=CHEQUE");
});
