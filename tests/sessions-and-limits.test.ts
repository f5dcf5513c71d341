import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Issue 8 regressions: sessions end on the server; sign-in limits are counted
 * atomically and only for real password checks; anonymous e-mail forms give the
 * same answer for every address and are limited per address and per IP.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } }, headers: {} as Record<string, string> }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { encode } from "next-auth/jwt";
import { getSessionUser } from "@/lib/auth/session";
import { closeSession, openSession } from "@/lib/auth/user-sessions";
import { authOptions } from "@/lib/auth/options";
import { authenticate, MAX_FAILURES_PER_EMAIL, SIGN_IN_PER_EMAIL } from "@/lib/accounts/authenticate";
import { requestPasswordReset, resetPassword } from "@/lib/accounts/reset-password";
import { requestAccount } from "@/lib/accounts/request-account";
import { ANONYMOUS_EMAIL_PER_ADDRESS, ANONYMOUS_EMAIL_PER_IP } from "@/lib/accounts/anonymous-limits";
import { accountRequestSchema } from "@/lib/accounts/schemas";
import { staffChangeLoginEmail } from "@/lib/families/staff-change-login-email";
import { signOutEverywhereAction } from "@/app/compte/actions";
import { deactivateAccountAction, reactivateAccountAction } from "@/app/admin/familles/[familyId]/actions";
import { safeReturnPath } from "@/lib/net/safe-return";
import { CLIENT_IP_HEADER_ENV, clientIp, isLoopback } from "@/lib/net/client-ip";
import { createFamily, createStaffUser, uniqueEmail } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** Reads the session as a request carrying exactly this cookie would. */
async function userForCookie(cookie: string) {
  session.current = null;
  const headers = await import("next/headers");
  vi.spyOn(headers, "cookies").mockResolvedValueOnce({
    get: (name: string) => (name === "next-auth.session-token" ? { name, value: cookie } : undefined),
  } as never);
  return getSessionUser();
}

async function cookieFor(userId: string): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = await openSession(userId, "test");
  return { cookie: await encode({ token: { userId, sessionId }, secret: process.env.NEXTAUTH_SECRET! }), sessionId };
}

beforeEach(() => {
  session.current = null;
  session.headers = {};
});

describe("sessions end on the server", () => {
  it("« Se déconnecter » kills the cookie: replayed afterwards, it opens nothing; other devices stay signed in", async () => {
    const { user } = await createFamily(prisma);
    const phone = await cookieFor(user.id);
    const laptop = await cookieFor(user.id);
    expect((await userForCookie(phone.cookie))?.id).toBe(user.id);
    // next-auth calls this event on POST /api/auth/signout with the cookie's token.
    await authOptions.events!.signOut!({ token: { userId: user.id, sessionId: phone.sessionId }, session: null as never });
    expect(await userForCookie(phone.cookie)).toBeNull();
    expect((await userForCookie(laptop.cookie))?.id).toBe(user.id);
  });

  it("a token without a live session row (forged id, expired row) opens nothing", async () => {
    const { user } = await createFamily(prisma);
    const forged = await encode({ token: { userId: user.id, sessionId: "inexistante" }, secret: process.env.NEXTAUTH_SECRET! });
    expect(await userForCookie(forged)).toBeNull();
    const { cookie, sessionId } = await cookieFor(user.id);
    await prisma.userSession.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userForCookie(cookie)).toBeNull();
    // Someone else's session id under my user id: refused.
    const other = await createFamily(prisma);
    const theirs = await cookieFor(other.user.id);
    const mixed = await encode({ token: { userId: user.id, sessionId: theirs.sessionId }, secret: process.env.NEXTAUTH_SECRET! });
    expect(await userForCookie(mixed)).toBeNull();
    await closeSession(theirs.sessionId);
  });

  it("a new password ends every session and lifts the sign-in lock", async () => {
    const { user } = await createFamily(prisma, { password: "Ancien-mot-2025" });
    const a = await cookieFor(user.id);
    const b = await cookieFor(user.id);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i += 1) await authenticate({ email: user.email, password: `faux-${i}`, ip: null });
    expect(await authenticate({ email: user.email, password: "Ancien-mot-2025", ip: null })).toEqual({
      ok: false,
      failure: "RATE_LIMITED",
    });

    await requestPasswordReset(user.email, null);
    const message = await prisma.emailOutbox.findFirstOrThrow({ where: { to: user.email, template: "password-reset" } });
    await resetPassword(/jeton=([\w-]+)/.exec(message.text)![1], "Nouveau-mot-2026");
    expect(await userForCookie(a.cookie)).toBeNull();
    expect(await userForCookie(b.cookie)).toBeNull();
    expect((await authenticate({ email: user.email, password: "Nouveau-mot-2026", ip: null })).ok).toBe(true);
  });

  it("staff deactivate (reason required, logged, every session ends, sign-in refused) and reactivate", async () => {
    const { user, family } = await createFamily(prisma, { password: "Bon-mot-de-passe-1" });
    const device = await cookieFor(user.id);
    const staffUser = await createStaffUser(prisma);
    session.current = { user: { id: staffUser.id } };
    const noReason = await deactivateAccountAction({ familyId: family.id, id: user.id, reason: " " });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: "Motif du refus : champ obligatoire." } });
    expect((await userForCookie(device.cookie))?.id).toBe(user.id);

    session.current = { user: { id: staffUser.id } };
    expect(await deactivateAccountAction({ familyId: family.id, id: user.id, reason: "Départ de la commune" })).toEqual({
      ok: true,
      data: null,
    });
    expect(await userForCookie(device.cookie)).toBeNull();
    expect(await prisma.userSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await authenticate({ email: user.email, password: "Bon-mot-de-passe-1", ip: null })).toEqual({ ok: false, failure: "INACTIVE" });
    const log = await prisma.transitionLog.findFirstOrThrow({ where: { machine: "USER_ACCOUNT", entityId: user.id } });
    expect(log).toMatchObject({ fromStatus: "ACTIVE", toStatus: "DEACTIVATED", actorId: staffUser.id, reason: "Départ de la commune" });

    session.current = { user: { id: staffUser.id } };
    expect(await deactivateAccountAction({ familyId: family.id, id: user.id, reason: "Encore" })).toEqual({
      ok: false,
      error: "Ce compte est déjà désactivé.",
    });
    session.current = { user: { id: staffUser.id } };
    expect(await reactivateAccountAction({ familyId: family.id, id: user.id, reason: "Retour" })).toEqual({ ok: true, data: null });
    expect((await authenticate({ email: user.email, password: "Bon-mot-de-passe-1", ip: null })).ok).toBe(true);
  });

  it("deactivation: a parent is refused; another family's login or a staff login answers like a missing one", async () => {
    const a = await createFamily(prisma);
    const b = await createFamily(prisma);
    session.current = { user: { id: a.user.id } };
    expect(await deactivateAccountAction({ familyId: a.family.id, id: b.user.id, reason: "x" })).toEqual({
      ok: false,
      error: "Accès refusé.",
    });
    const staff = await createStaffUser(prisma);
    session.current = { user: { id: staff.id } };
    expect(await deactivateAccountAction({ familyId: a.family.id, id: b.user.id, reason: "x" })).toEqual({
      ok: false,
      error: "Élément introuvable.",
    });
    const otherStaff = await createStaffUser(prisma);
    expect(await deactivateAccountAction({ familyId: a.family.id, id: otherStaff.id, reason: "x" })).toEqual({
      ok: false,
      error: "Élément introuvable.",
    });
    expect(await prisma.user.count({ where: { id: { in: [a.user.id, b.user.id, otherStaff.id] }, status: "ACTIVE" } })).toBe(3);
  });

  it("a login e-mail change by staff ends the account's sessions", async () => {
    const { user, family } = await createFamily(prisma);
    const device = await cookieFor(user.id);
    await staffChangeLoginEmail({ familyId: family.id, userId: user.id, email: uniqueEmail("nouvelle"), actor: await staffActor() });
    expect(await userForCookie(device.cookie)).toBeNull();
  });

  it("« Se déconnecter de tous les appareils » ends them all, and only this user's", async () => {
    const { user } = await createFamily(prisma);
    const other = await createFamily(prisma);
    const devices = [await cookieFor(user.id), await cookieFor(user.id)];
    const theirs = await cookieFor(other.user.id);
    session.current = { user: { id: user.id } };
    const result = await signOutEverywhereAction({});
    expect(result.ok).toBe(true);
    for (const device of devices) expect(await userForCookie(device.cookie)).toBeNull();
    expect((await userForCookie(theirs.cookie))?.id).toBe(other.user.id);
    session.current = null;
    expect(await signOutEverywhereAction({})).toMatchObject({ ok: false, error: "Votre session a expiré. Reconnectez-vous." });
  });

  it("authorize() opens a session; a database failure says the service is unavailable, not « mot de passe incorrect »", async () => {
    const { user } = await createFamily(prisma, { password: "Bon-mot-de-passe-1" });
    const provider = authOptions.providers[0] as unknown as {
      options: { authorize: (c: unknown, r: unknown) => Promise<{ sessionId: string } | null> };
    };
    const signedIn = await provider.options.authorize(
      { email: user.email, password: "Bon-mot-de-passe-1" },
      { headers: { "user-agent": "Firefox" } },
    );
    expect(await prisma.userSession.findUnique({ where: { id: signedIn!.sessionId } })).toMatchObject({
      userId: user.id,
      userAgent: "Firefox",
    });
    await expect(provider.options.authorize({ email: user.email, password: "faux" }, { headers: {} })).rejects.toThrow("INVALID");

    // The database goes away: lib/db's client is swapped for one aimed at a closed port.
    const holder = globalThis as unknown as { prisma?: PrismaClient };
    const real = holder.prisma;
    const down = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://x:y@127.0.0.1:9/none" }) });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    holder.prisma = down;
    try {
      await expect(provider.options.authorize({ email: user.email, password: "Bon-mot-de-passe-1" }, { headers: {} })).rejects.toThrow(
        "UNAVAILABLE",
      );
    } finally {
      holder.prisma = real;
      quiet.mockRestore();
    }
  });
});

describe("sign-in limits", () => {
  it("30 parallel wrong passwords: exactly 5 are checked, the rest refused without counting", async () => {
    const { user } = await createFamily(prisma, { password: "Bon-mot-de-passe-1" });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => authenticate({ email: user.email, password: `faux-${i}`, ip: null })),
    );
    expect(results.filter((r) => !r.ok && r.failure === "INVALID")).toHaveLength(MAX_FAILURES_PER_EMAIL);
    expect(results.filter((r) => !r.ok && r.failure === "RATE_LIMITED")).toHaveLength(30 - MAX_FAILURES_PER_EMAIL);
    expect(await prisma.signInAttempt.count({ where: { email: user.email } })).toBe(MAX_FAILURES_PER_EMAIL);
    expect(await authenticate({ email: user.email, password: "Bon-mot-de-passe-1", ip: null })).toEqual({
      ok: false,
      failure: "RATE_LIMITED",
    });
  });

  it("refused attempts neither count nor extend the lock: when the window ends, the right password works", async () => {
    const { user } = await createFamily(prisma, { password: "Bon-mot-de-passe-1" });
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i += 1) await authenticate({ email: user.email, password: `faux-${i}`, ip: null });
    const key = `${SIGN_IN_PER_EMAIL.name}:${user.email}`;
    const locked = await prisma.rateLimit.findUniqueOrThrow({ where: { key } });
    for (let i = 0; i < 10; i += 1) {
      expect(await authenticate({ email: user.email, password: "Bon-mot-de-passe-1", ip: null })).toEqual({
        ok: false,
        failure: "RATE_LIMITED",
      });
    }
    expect(await prisma.rateLimit.findUniqueOrThrow({ where: { key } })).toEqual(locked);
    expect(await prisma.signInAttempt.count({ where: { email: user.email } })).toBe(MAX_FAILURES_PER_EMAIL);
    // The 15 minutes pass.
    await prisma.rateLimit.update({ where: { key }, data: { expire: BigInt(Date.now() - 1) } });
    expect((await authenticate({ email: user.email, password: "Bon-mot-de-passe-1", ip: null })).ok).toBe(true);
  });

  it("per IP: 40 parallel attempts on 40 addresses from one IP check at most 20", async () => {
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const results = await Promise.all(
      Array.from({ length: 40 }, () => authenticate({ email: uniqueEmail("ip"), password: "faux-mot-1", ip })),
    );
    expect(results.filter((r) => !r.ok && r.failure === "INVALID")).toHaveLength(20);
    expect(await prisma.signInAttempt.count({ where: { ip } })).toBe(20);
  });
});

describe("client IP and redirects", () => {
  it("the IP comes only from the header our server names (random per process), never from X-Forwarded-For", () => {
    const previous = process.env[CLIENT_IP_HEADER_ENV];
    delete process.env[CLIENT_IP_HEADER_ENV];
    expect(clientIp({ "x-forwarded-for": "1.2.3.4", "x-real-ip": "1.2.3.4" })).toBeNull();
    process.env[CLIENT_IP_HEADER_ENV] = "x-ip-0123abcd";
    expect(clientIp({ "x-forwarded-for": "1.2.3.4", "x-ip-0123abcd": "203.0.113.7" })).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-ip-0123abcd": "::1" }))).toBe("::1");
    if (previous === undefined) delete process.env[CLIENT_IP_HEADER_ENV];
    else process.env[CLIENT_IP_HEADER_ENV] = previous;
    expect([isLoopback("127.0.0.1"), isLoopback("::1"), isLoopback("::ffff:127.0.0.1"), isLoopback("10.0.0.1"), isLoopback(null)]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it.each([
    "/\\evil.example/vol",
    "/\tevil.example",
    "/%09/evil.example",
    "//evil.example",
    "/.//evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http://localhost:3000.evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,x",
    " //evil.example",
  ])("refuses %j as a return target", (value) => {
    const result = safeReturnPath(value, "http://localhost:3000");
    if (result !== null) expect(new URL(result, "http://localhost:3000").origin).toBe("http://localhost:3000");
    if (result !== null) expect(result.startsWith("//")).toBe(false);
  });

  it("keeps our own paths, with their query", () => {
    expect(safeReturnPath("/ma-famille?onglet=enfants#zoe", "http://localhost:3000")).toBe("/ma-famille?onglet=enfants#zoe");
    expect(safeReturnPath("http://localhost:3000/admin", "http://localhost:3000")).toBe("/admin");
    expect(safeReturnPath("/\\evil.example/vol", "http://localhost:3000")).toBeNull();
    // A tab is dropped by URL parsing: what remains is one of our own paths.
    expect(safeReturnPath("/\tevil.example", "http://localhost:3000")).toBe("/evil.example");
    expect(safeReturnPath("javascript:alert(1)", "http://localhost:3000")).toBeNull();
    expect(safeReturnPath(["/a"], "http://localhost:3000")).toBeNull();
  });
});

describe("anonymous e-mail forms: no enumeration, limited", () => {
  function accountInput(email: string, firstName = "Léa") {
    return accountRequestSchema.parse({
      civility: "MME",
      lastName: "Durand",
      firstName,
      birthDate: "1985-02-03",
      mobilePhone: "0611223344",
      email,
      street: "1 rue de la Paix",
      postalCode: "59000",
      city: "Lille",
      password: "Motdepasse-2026",
      passwordConfirmation: "Motdepasse-2026",
    });
  }

  it("« Mot de passe oublié » writes exactly one e-mail for a known, an unknown and a deactivated address", async () => {
    const { user } = await createFamily(prisma);
    const deactivated = await createFamily(prisma);
    await prisma.user.update({ where: { id: deactivated.user.id }, data: { status: "DEACTIVATED" } });
    const unknown = uniqueEmail("personne");
    for (const email of [user.email, unknown, deactivated.user.email]) {
      await expect(requestPasswordReset(email, null)).resolves.toBeUndefined();
      expect(await prisma.emailOutbox.count({ where: { to: email } })).toBe(1);
    }
    expect((await prisma.emailOutbox.findFirstOrThrow({ where: { to: unknown } })).template).toBe("password-reset-no-account");
    expect(await prisma.passwordResetToken.count({ where: { userId: deactivated.user.id } })).toBe(0);
  });

  it("limits per target address and per IP, counted atomically (parallel requests)", async () => {
    const target = uniqueEmail("cible");
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => requestPasswordReset(target, null)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(ANONYMOUS_EMAIL_PER_ADDRESS);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.message).toMatch(/^Plusieurs e-mails ont déjà été envoyés à cette adresse dans l'heure/);
    expect(await prisma.emailOutbox.count({ where: { to: target } })).toBe(ANONYMOUS_EMAIL_PER_ADDRESS);

    const ip = `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const emails = Array.from({ length: 15 }, () => uniqueEmail("ip"));
    const byIp = await Promise.allSettled(emails.map((email) => requestAccount(accountInput(email), ip)));
    expect(byIp.filter((r) => r.status === "fulfilled")).toHaveLength(ANONYMOUS_EMAIL_PER_IP);
    expect(await prisma.accountRequest.count({ where: { email: { in: emails } } })).toBe(ANONYMOUS_EMAIL_PER_IP);
    const tooMany = byIp.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(tooMany.reason.message).toMatch(/^Trop de demandes ont été faites depuis votre connexion/);
  });

  it("a name that reads like a message is refused, and the first e-mail carries no typed text", async () => {
    const phishing = accountRequestSchema.safeParse({
      ...accountInput(uniqueEmail()),
      firstName: "Votre compte est suspendu. Réactivez-le sur evil",
    });
    expect(phishing.success).toBe(false);
    const email = uniqueEmail("neutre");
    await requestAccount(accountInput(email, "Marie-Ève"), null);
    const sent = await prisma.emailOutbox.findFirstOrThrow({ where: { to: email } });
    expect(sent.text.startsWith("Bonjour,")).toBe(true);
    expect(sent.text + sent.subject).not.toMatch(/Marie|Durand|DURAND/);
  });
});
