import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { prisma, expectNothingChanged } from "./helpers";
import { createFamily, createStaffUser, DEMO_PASSWORD, uniqueEmail } from "@/prisma/factories";
import { authenticate } from "@/lib/accounts/authenticate";
import { resetPassword } from "@/lib/accounts/reset-password";
import { passwordField } from "@/lib/accounts/schemas";
import { createAdministrator, disableOperatorAccount, listOperatorAccounts, resetOperatorPassword } from "@/lib/accounts/operator-accounts";
import { accountsWithDemoPassword, withMigrationLock } from "@/scripts/lib/production-checks";
import { prismaEnv } from "@/scripts/lib/prisma-env";

/** Issue 23: a production path that never loads the demo, refuses what would mislead, and a first administrator. */
const ROOT = path.resolve(__dirname, "..");
const baseUrl = process.env.TEST_DATABASE_URL!;

function runScript(script: string, args: string[], env: Record<string, string | undefined>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const conditions = script.endsWith("admin.ts") ? ["--conditions=react-server"] : [];
    const child = spawn(process.execPath, [...conditions, "--import", "tsx", script, ...args], {
      cwd: ROOT,
      env: { ...prismaEnv, PATH: process.env.PATH, HOME: process.env.HOME, ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** A folder that looks like a build (BUILD_ID): the refusals come before Next.js is loaded. */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portail-build-"));
  fs.writeFileSync(path.join(dir, "BUILD_ID"), "essai");
  return dir;
}

const SECRET = "s".repeat(40);

describe("npm run serve refuses what production cannot guess or must not do", () => {
  it("without DATABASE_URL, APP_URL and NEXTAUTH_SECRET: one French message naming them, exit 1", async () => {
    const { code, output } = await runScript("scripts/production.ts", [], { LOG_FORMAT: "text", PORT: "3999" });
    expect(code).toBe(1);
    expect(output).toContain("Variables d'environnement manquantes : DATABASE_URL, APP_URL, NEXTAUTH_SECRET");
    expect(output).not.toMatch(/at .*\.ts:\d+/);
  });

  it("a public APP_URL without a real e-mail or payment provider is refused unless opted in; http is refused", async () => {
    const env = { LOG_FORMAT: "text", PORT: "3999", DATABASE_URL: baseUrl, NEXTAUTH_SECRET: SECRET, NEXT_DIST_DIR: fakeBuild() };
    const plain = await runScript("scripts/production.ts", [], { ...env, APP_URL: "http://famille.ma-ville.fr" });
    expect(plain.output).toContain("doit commencer par https://");
    const email = await runScript("scripts/production.ts", [], { ...env, APP_URL: "https://famille.ma-ville.fr" });
    expect(email.code).toBe(1);
    expect(email.output).toContain("RESEND_API_KEY n'est pas défini");
    const payment = await runScript("scripts/production.ts", [], {
      ...env,
      APP_URL: "https://famille.ma-ville.fr",
      RESEND_API_KEY: "re_x",
    });
    expect(payment.code).toBe(1);
    expect(payment.output).toContain("STRIPE_SECRET_KEY n'est pas défini");
    expect(payment.output).toContain("ALLOW_PAYMENT_STAND_IN=1");
  });

  it("a database where an account opens with the demo password (this one: the tests' accounts have it): refused, with how to remove it", async () => {
    const env = {
      PORT: "3998",
      DATABASE_URL: baseUrl,
      APP_URL: "http://localhost:3998",
      NEXTAUTH_SECRET: SECRET,
      NEXT_DIST_DIR: fakeBuild(),
    };
    // Migrations are tested by the two-server check (two servers migrating one empty database at once).
    await createStaffUser(prisma); // an account with the demo password, whatever ran before
    const refused = await runScript("scripts/production.ts", [], { ...env, MIGRATIONS: "off" });
    expect(refused.code).toBe(1);
    // One JSON line per event in production, the refusal included.
    const lines = refused.output.split("\n").filter((line) => line.startsWith("{"));
    expect(lines.length).toBeGreaterThan(0);
    const fatal = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).find((entry) => entry.level === 50);
    expect(fatal?.msg).toMatch(/\d+ compte\(s\) ouvert\(s\) avec le mot de passe public de la démonstration : /);
    expect(fatal?.msg).toContain("npm run admin -- disable <e-mail>");
    expect(refused.output).not.toContain("prêt sur le port");
  });

  it("npm run admin, as the server's operator runs it: create prints the link, list shows the account, disable ends it", async () => {
    const env = { DATABASE_URL: baseUrl, APP_URL: "https://famille.ma-ville.fr" };
    await createStaffUser(prisma, { role: "ADMIN" }); // not the last administrator, once this one is disabled
    const email = uniqueEmail("directrice");
    const created = await runScript("scripts/admin.ts", ["create", email, "Anne Directrice"], env);
    expect(created.code).toBe(0);
    expect(created.output).toMatch(/https:\/\/famille\.ma-ville\.fr\/mot-de-passe-oublie\/nouveau\?jeton=[\w-]{43}/);
    const listed = await runScript("scripts/admin.ts", ["list"], env);
    expect(listed.output).toMatch(
      new RegExp(`ADMIN\\s+${email.replace(/\./g, "\\.")}\\s+Anne Directrice\\s+actif, mot de passe à choisir`),
    );
    const disabled = await runScript("scripts/admin.ts", ["disable", email], env);
    expect(disabled.output).toContain("Compte désactivé");
    expect(await prisma.user.findUniqueOrThrow({ where: { email }, select: { status: true } })).toEqual({ status: "DEACTIVATED" });
    const usage = await runScript("scripts/admin.ts", ["supprimer"], env);
    expect(usage.code).toBe(1);
    expect(usage.output).toContain("Usage :");
  }, 60_000);

  it("staff accounts, the demo logins and every shared hash are tried; a parent's own password is not", async () => {
    const own = await createFamily(prisma, { password: "Mon-propre-mot-2026" });
    const demo = await createFamily(prisma);
    const staff = await createStaffUser(prisma);
    const disabled = await createFamily(prisma);
    await prisma.user.update({ where: { id: disabled.user.id }, data: { status: "DEACTIVATED" } });
    const found = await accountsWithDemoPassword(baseUrl);
    expect(found).toContain(demo.user.email);
    expect(found).toContain(staff.email);
    expect(found).not.toContain(own.user.email);
    // A deactivated account opens with nothing: npm run admin -- disable is a way out.
    expect(found).not.toContain(disabled.user.email);
  });

  it("two servers starting at once: one migrates under the lock, the other waits for it", async () => {
    const events: string[] = [];
    const step = (name: string) => async () => {
      events.push(`${name}:début`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      events.push(`${name}:fin`);
    };
    await Promise.all([
      withMigrationLock(baseUrl, step("a"), () => events.push("a:attend")),
      withMigrationLock(baseUrl, step("b"), () => events.push("b:attend")),
    ]);
    const starts = events.filter((e) => e.endsWith(":début"));
    expect(starts).toHaveLength(2);
    // No overlap: the second begins after the first ended, and it said it waited.
    const first = starts[0]!.split(":")[0]!;
    const second = first === "a" ? "b" : "a";
    expect(events.indexOf(`${second}:début`)).toBeGreaterThan(events.indexOf(`${first}:fin`));
    expect(events).toContain(`${second}:attend`);
  });
});

describe("npm run admin: administrators without a default password", () => {
  it("create gives a one-time link valid 24 h; the password chosen there opens the account, once", async () => {
    const email = uniqueEmail("admin");
    const { link } = await createAdministrator({ email: email.toUpperCase(), displayName: "Camille Admin" });
    const token = new URL(link).searchParams.get("jeton")!;
    const stored = await prisma.passwordResetToken.findFirstOrThrow({ where: { user: { email } } });
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    // No password until then: nothing opens the account.
    expect((await authenticate({ email, password: "", ip: "10.9.0.1" })).ok).toBe(false);
    await resetPassword(token, "Administratrice-2026");
    expect((await authenticate({ email, password: "Administratrice-2026", ip: "10.9.0.1" })).ok).toBe(true);
    await expect(resetPassword(token, "Une-autre-fois-2026")).rejects.toThrow("Ce lien n'est plus valable");
    const listed = (await listOperatorAccounts()).find((a) => a.email === email);
    expect(listed).toMatchObject({ role: "ADMIN", status: "ACTIVE", hasPassword: true, displayName: "Camille Admin" });
    const log = await prisma.transitionLog.findFirstOrThrow({ where: { machine: "USER_ACCOUNT", entityId: stored.userId } });
    expect(log).toMatchObject({ toStatus: "ACTIVE", actorRole: "SYSTEM", reason: "Créé par la commande npm run admin" });
  });

  it("an e-mail already used, an invalid e-mail or name: refused in French, nothing written", async () => {
    const family = await createFamily(prisma);
    await expectNothingChanged(() =>
      expect(createAdministrator({ email: family.user.email, displayName: "Doublon" })).rejects.toThrow("Un compte existe déjà"),
    );
    await expectNothingChanged(() =>
      expect(createAdministrator({ email: "pas-une-adresse", displayName: "X" })).rejects.toThrow("E-mail : adresse invalide"),
    );
    await expectNothingChanged(() =>
      expect(createAdministrator({ email: uniqueEmail("a"), displayName: "<script>" })).rejects.toThrow("Nom"),
    );
    // A parent's account is not managed by this command.
    await expectNothingChanged(() => expect(disableOperatorAccount(family.user.email)).rejects.toThrow("Aucun compte de l'équipe"));
  });

  it("reset: the old password stops at once, sessions end, a new link works", async () => {
    const staff = await createStaffUser(prisma, { password: "Ancien-mot-2026" });
    await prisma.userSession.create({ data: { userId: staff.id, userAgent: "essai", expiresAt: new Date(Date.now() + 3_600_000) } });
    const { link } = await resetOperatorPassword(staff.email);
    expect((await authenticate({ email: staff.email, password: "Ancien-mot-2026", ip: "10.9.0.2" })).ok).toBe(false);
    expect(await prisma.userSession.count({ where: { userId: staff.id } })).toBe(0);
    await resetPassword(new URL(link).searchParams.get("jeton")!, "Nouveau-mot-2026");
    expect((await authenticate({ email: staff.email, password: "Nouveau-mot-2026", ip: "10.9.0.2" })).ok).toBe(true);
  });

  it("the last active administrator cannot be disabled, even by two commands at once", async () => {
    // Only these two administrators: the others of the test database are deactivated for the time of the test.
    const others = await prisma.user.findMany({ where: { role: "ADMIN", status: "ACTIVE" }, select: { id: true } });
    await prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { status: "DEACTIVATED" } });
    try {
      const [a, b] = [await createStaffUser(prisma, { role: "ADMIN" }), await createStaffUser(prisma, { role: "ADMIN" })];
      const results = await Promise.allSettled([disableOperatorAccount(a.email), disableOperatorAccount(b.email)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(String(refused.reason)).toContain("dernier administrateur actif");
      expect(await prisma.user.count({ where: { id: { in: [a.id, b.id] }, status: "ACTIVE" } })).toBe(1);
    } finally {
      await prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { status: "ACTIVE" } });
    }
  });

  it("nobody can choose the published demo password", () => {
    const result = passwordField.safeParse(DEMO_PASSWORD);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Mot de passe : celui de la démonstration est public, choisissez-en un autre.");
  });
});
