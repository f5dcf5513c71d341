import { describe, expect, it } from "vitest";
import { accountRequestSchema } from "@/lib/accounts/schemas";
import { requestAccount } from "@/lib/accounts/request-account";
import { refuseAccountRequest, validateAccountRequest } from "@/lib/accounts/decide-account-request";
import { authenticate, MAX_FAILURES_PER_EMAIL } from "@/lib/accounts/authenticate";
import { INVALID_TOKEN_MESSAGE, requestPasswordReset, resetPassword } from "@/lib/accounts/reset-password";
import { checkPasswordLink } from "@/lib/accounts/check-password-link";
import { IllegalTransitionError, ReasonRequiredError, VISITOR, actorFromUser } from "@/lib/workflow";
import { createFamily, uniqueEmail } from "@/prisma/factories";
import { prisma, staffActor, expectNothingChanged } from "./helpers";

function validInput(email = uniqueEmail("demande")) {
  return {
    civility: "MME",
    lastName: "Durand",
    firstName: "Léa",
    birthDate: "1985-02-03",
    homePhone: "",
    mobilePhone: "06 11 22 33 44",
    email,
    street: "1 rue de la Paix",
    addressComplement: "",
    postalCode: "59000",
    city: "Lille",
    password: "Motdepasse-2026",
    passwordConfirmation: "Motdepasse-2026",
  };
}

describe("accountRequestSchema", () => {
  it("accepts a complete request and normalises it", () => {
    const parsed = accountRequestSchema.parse({ ...validInput("  Lea.Durand@Exemple.FR "), homePhone: "" });
    expect(parsed.email).toBe("lea.durand@exemple.fr");
    expect(parsed.homePhone).toBeUndefined();
  });

  it.each([
    ["lastName", "", "Nom : champ obligatoire."],
    ["lastName", "x".repeat(10_000), "Nom : 80 caractères au maximum."],
    ["firstName", "<b>Léa</b>", "Prénom : lettres, espaces, apostrophes et tirets uniquement."],
    ["email", "lea@", "E-mail : adresse invalide (exemple : prenom.nom@exemple.fr)."],
    ["birthDate", "2999-01-01", "Date de naissance : elle ne peut pas être dans le futur."],
    ["birthDate", "30/02/2031", "Date de naissance : date invalide, attendue au format jj/mm/aaaa (par exemple 06/05/2026)."],
    ["birthDate", "2018-05", "Date de naissance : date invalide, attendue au format jj/mm/aaaa (par exemple 06/05/2026)."],
    ["mobilePhone", "0612", "Téléphone portable : numéro invalide (10 chiffres, exemple : 06 12 34 56 78)."],
    ["postalCode", "5900", "Code postal : 5 chiffres."],
    ["password", "court1", "Mot de passe : 10 caractères au minimum."],
    ["passwordConfirmation", "autre-chose-1", "Confirmation du mot de passe : les deux mots de passe sont différents."],
  ])("refuses %s = %j with a French message", (field, value, message) => {
    const result = accountRequestSchema.safeParse({ ...validInput(), [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});

/** A new request's id (the address must be new). */
async function newRequest(input: ReturnType<typeof accountRequestSchema.parse>): Promise<{ id: string }> {
  const result = await requestAccount(input, null);
  if (result.outcome !== "REQUESTED") throw new Error(`demande non créée : ${result.outcome}`);
  return result;
}

describe("requestAccount and its decision", () => {
  it("records a pending request and its e-mail in one go; a duplicate gets the same answer and another e-mail", async () => {
    const input = accountRequestSchema.parse(validInput());
    const { id } = await newRequest(input);
    const request = await prisma.accountRequest.findUniqueOrThrow({ where: { id } });
    expect(request.status).toBe("PENDING");
    expect(request.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await prisma.emailOutbox.count({ where: { to: input.email, template: "account-request-received" } })).toBe(1);
    expect(await prisma.transitionLog.count({ where: { entityId: id, toStatus: "PENDING", actorRole: "VISITOR" } })).toBe(1);

    // The same request again: no second request, no error the page could show, an e-mail saying so.
    expect(await requestAccount(input, null)).toEqual({ outcome: "ALREADY_EXISTS" });
    expect(await prisma.accountRequest.count({ where: { email: input.email } })).toBe(1);
    const notice = await prisma.emailOutbox.findFirstOrThrow({ where: { to: input.email, template: "account-already-exists" } });
    expect(notice.text).toContain("Une demande de création de compte est déjà en attente");
  });

  it("an existing account's address: no request, the same outcome for the page, an e-mail to the address; parallel requests make one", async () => {
    const { user } = await createFamily(prisma);
    expect(await requestAccount(accountRequestSchema.parse(validInput(user.email)), null)).toEqual({ outcome: "ALREADY_EXISTS" });
    expect(await prisma.accountRequest.count({ where: { email: user.email } })).toBe(0);
    const notice = await prisma.emailOutbox.findFirstOrThrow({ where: { to: user.email, template: "account-already-exists" } });
    expect(notice.text).toContain("Un compte existe déjà avec cette adresse");
    const email = uniqueEmail("concurrente");
    const input = accountRequestSchema.parse(validInput(email));
    const results = await Promise.all([requestAccount(input, null), requestAccount(input, null), requestAccount(input, null)]);
    expect(results.filter((r) => r.outcome === "REQUESTED")).toHaveLength(1);
    expect(await prisma.accountRequest.count({ where: { email } })).toBe(1);
  });

  it("validation creates the family, its responsable and the login, and e-mails them", async () => {
    const input = accountRequestSchema.parse(validInput());
    const { id } = await newRequest(input);
    const staff = await staffActor();
    const { familyId } = await validateAccountRequest({ id, actor: staff });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: input.email }, include: { adult: true, family: true } });
    expect(user).toMatchObject({ role: "PARENT", familyId });
    expect(user.adult).toMatchObject({ lastName: "Durand", firstName: "Léa", isLegalGuardian: true });
    expect(user.family).toMatchObject({ name: "Famille DURAND", city: "Lille" });
    const email = await prisma.emailOutbox.findFirstOrThrow({ where: { to: input.email, template: "account-validated" } });
    expect(email.text).toContain("Madame Léa Durand,");
    expect(email.familyId).toBe(familyId);
    // A second decision says what happened, and changes nothing.
    await expectNothingChanged(() =>
      expect(refuseAccountRequest({ id, reason: "Trop tard", actor: staff })).rejects.toThrow(
        /^Déjà traitée : « Validée » \(par .+ le \d{2}\/\d{2}\/\d{4} à \d{1,2}\sh(?:\s\d{2})?\)\. Actualisez la page\.$/,
      ),
    );
    expect(await prisma.accountRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "VALIDATED", reason: null });
    expect(await prisma.transitionLog.count({ where: { entityId: id } })).toBe(2);
  });

  it("refusal needs a reason, which the e-mail carries; a parent or visitor cannot decide", async () => {
    const input = accountRequestSchema.parse(validInput());
    const { id } = await newRequest(input);
    const staff = await staffActor();
    await expectNothingChanged(() =>
      expect(refuseAccountRequest({ id, reason: " ", actor: staff })).rejects.toBeInstanceOf(ReasonRequiredError),
    );
    const { user } = await createFamily(prisma);
    await expectNothingChanged(() =>
      expect(validateAccountRequest({ id, actor: actorFromUser(user) })).rejects.toBeInstanceOf(IllegalTransitionError),
    );
    await expectNothingChanged(() => expect(validateAccountRequest({ id, actor: VISITOR })).rejects.toBeInstanceOf(IllegalTransitionError));
    expect((await prisma.accountRequest.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    expect(await prisma.user.count({ where: { email: input.email } })).toBe(0);

    await refuseAccountRequest({ id, reason: "Hors commune", actor: staff });
    const request = await prisma.accountRequest.findUniqueOrThrow({ where: { id } });
    expect(request).toMatchObject({ status: "REFUSED", reason: "Hors commune", decidedById: staff.userId });
    const email = await prisma.emailOutbox.findFirstOrThrow({ where: { to: input.email, template: "account-refused" } });
    expect(email.text).toContain("Motif : Hors commune");
  });
});

describe("authenticate", () => {
  it("signs in a validated parent, tells a pending or refused one where they stand", async () => {
    const { user } = await createFamily(prisma, { password: "Bon-mot-de-passe-1" });
    const ok = await authenticate({ email: user.email.toUpperCase(), password: "Bon-mot-de-passe-1", ip: "10.0.0.1" });
    expect(ok).toMatchObject({ ok: true, user: { id: user.id, role: "PARENT" } });
    expect(await authenticate({ email: user.email, password: "faux", ip: "10.0.0.1" })).toEqual({ ok: false, failure: "INVALID" });

    const input = accountRequestSchema.parse(validInput());
    await newRequest(input);
    expect(await authenticate({ email: input.email, password: input.password, ip: "10.0.0.1" })).toEqual({ ok: false, failure: "PENDING" });
    // The state of a request is not told to someone without its password.
    expect(await authenticate({ email: input.email, password: "devine-1234", ip: "10.0.0.1" })).toEqual({ ok: false, failure: "INVALID" });
  });

  it("blocks an e-mail after repeated failures, even with the right password", async () => {
    const { user } = await createFamily(prisma, { password: "Bon-mot-de-passe-1" });
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i += 1) {
      expect(await authenticate({ email: user.email, password: `faux-${i}`, ip: `10.1.0.${i}` })).toEqual({
        ok: false,
        failure: "INVALID",
      });
    }
    expect(await authenticate({ email: user.email, password: "Bon-mot-de-passe-1", ip: "10.1.1.1" })).toEqual({
      ok: false,
      failure: "RATE_LIMITED",
    });
  });

  it("with no IP known, only the e-mail limit applies (no shared bucket for everyone)", async () => {
    for (let i = 0; i < 25; i += 1) await authenticate({ email: uniqueEmail("sans-ip"), password: "x", ip: null });
    const { user } = await createFamily(prisma, { password: "Bon-mot-de-passe-1" });
    expect((await authenticate({ email: user.email, password: "Bon-mot-de-passe-1", ip: null })).ok).toBe(true);
  });

  it("blocks an IP after many failures across e-mails", async () => {
    const ip = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 20; i += 1) await authenticate({ email: uniqueEmail("inconnu"), password: "x", ip });
    const { user } = await createFamily(prisma, { password: "Bon-mot-de-passe-1" });
    expect(await authenticate({ email: user.email, password: "Bon-mot-de-passe-1", ip })).toEqual({ ok: false, failure: "RATE_LIMITED" });
    expect((await authenticate({ email: user.email, password: "Bon-mot-de-passe-1", ip: "10.3.0.1" })).ok).toBe(true);
  });
});

describe("password reset", () => {
  async function tokenFor(email: string): Promise<string> {
    await requestPasswordReset(email, null);
    const message = await prisma.emailOutbox.findFirstOrThrow({
      where: { to: email, template: "password-reset" },
      orderBy: { createdAt: "desc" },
    });
    return /jeton=([\w-]+)/.exec(message.text)![1];
  }

  it("works once, then the link is dead; the token is stored hashed", async () => {
    const { user } = await createFamily(prisma, { password: "Ancien-mot-2025" });
    const token = await tokenFor(user.email);
    expect(await prisma.passwordResetToken.count({ where: { tokenHash: token } })).toBe(0);
    // The page reads the link first (the account it sets), without using it.
    await expectNothingChanged(async () => expect(await checkPasswordLink(token)).toEqual({ email: user.email }));
    await resetPassword(token, "Nouveau-mot-2026");
    expect(await checkPasswordLink(token)).toBeNull();
    expect((await authenticate({ email: user.email, password: "Nouveau-mot-2026", ip: "10.4.0.1" })).ok).toBe(true);
    await expectNothingChanged(() => expect(resetPassword(token, "Encore-un-2027")).rejects.toThrow(INVALID_TOKEN_MESSAGE));
    expect((await authenticate({ email: user.email, password: "Nouveau-mot-2026", ip: "10.4.0.1" })).ok).toBe(true);
  });

  it("refuses an expired link and a superseded one", async () => {
    const { user } = await createFamily(prisma);
    const first = await tokenFor(user.email);
    const second = await tokenFor(user.email);
    await expectNothingChanged(() => expect(resetPassword(first, "Nouveau-mot-2026")).rejects.toThrow(INVALID_TOKEN_MESSAGE));
    expect(await checkPasswordLink(first)).toBeNull();
    expect(await checkPasswordLink(second)).toEqual({ email: user.email });
    await prisma.passwordResetToken.updateMany({
      where: { userId: user.id, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expectNothingChanged(() => expect(resetPassword(second, "Nouveau-mot-2026")).rejects.toThrow(INVALID_TOKEN_MESSAGE));
    expect(await checkPasswordLink(second)).toBeNull();
  });
});
