import { expect, test } from "@playwright/test";
import { createStaffUser } from "../prisma/factories";
import { expectAccessible, openDeliveredEmail, signIn, testDb, uniqueEmail } from "./support";

const PASSWORD = "Compte-active-2026";
const HEADER = "E-mail de connexion;Civilité;Nom;Prénom;Téléphone portable;Adresse;Code postal;Ville;Quotient familial";

// Both tests read the last import run of the portal: one after the other.
test.describe.configure({ mode: "serial" });

test("an administrator imports a families file, invites the family, and the parent activates the account", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const admin = await createStaffUser(testDb(), { role: "ADMIN", displayName: "Admin import" });
  const email = uniqueEmail("importee");
  const csv = `\uFEFFE-mail de connexion;Civilité;Nom;Prénom;Téléphone portable;Adresse;Code postal;Ville;Quotient familial\r\n${email};Mme;Importée;Élise;+33 6 12 34 56 78;8 rue du Port;59000;Lille;540\r\n`;

  await signIn(page, admin.email);
  await page.goto("/admin/import");
  await expect(page.getByRole("heading", { name: "Importer les familles" })).toBeVisible();
  await page.locator('input[name="familles"]').setInputFiles({ name: "familles.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Vérifier" }).click();
  const report = page.getByRole("region", { name: /Vérification/ }).or(page.locator("#rapport-import").locator(".."));
  await expect(page.getByText("Aucune erreur : « Importer » enregistrera exactement ce qui est décrit ci-dessous.")).toBeVisible();
  await expect(page.getByRole("cell", { name: `Famille IMPORTÉE (${email})` })).toBeVisible();
  await expect(report.first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByText(/^Import terminé : 1 lot/)).toBeVisible();
  await page.getByRole("button", { name: "Envoyer les invitations" }).click();
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: email })
      .getByText(/envoyée le/),
  ).toBeVisible();
  await expectAccessible(page);

  const text = await openDeliveredEmail(page, email, "Activez votre compte Portail Famille");
  expect(text).toContain("Madame Élise Importée,");
  const link = /Activer mon compte : (\S+)/.exec(text)![1]!;

  // The parent, in another browser: signing in before activating says what to do; the link lets them choose a password.
  const parent = await (await browser.newContext()).newPage();
  await parent.goto("/connexion");
  await parent.getByLabel("E-mail").fill(email);
  await parent.getByLabel("Mot de passe").fill("au-hasard-123");
  await parent.getByRole("button", { name: "Se connecter" }).click();
  await expect(parent.getByText(/Votre compte n'est pas encore activé/)).toBeVisible();
  await parent.goto(new URL(link).pathname + new URL(link).search);
  await expect(parent.getByRole("heading", { name: "Activer mon compte" })).toBeVisible();
  await expect(parent).toHaveTitle(/^Activer mon compte/);
  await expect(parent.getByText(`Votre e-mail de connexion : ${email}`)).toBeVisible();
  await expectAccessible(parent);
  await parent.getByLabel("Nouveau mot de passe").fill(PASSWORD);
  await parent.getByLabel("Confirmation du mot de passe").fill(PASSWORD);
  await parent.getByRole("button", { name: "Activer mon compte" }).click();
  await parent.waitForURL(/\/connexion/);
  await expect(parent.getByRole("status").filter({ hasText: "Votre compte est activé." })).toBeVisible();
  // The link has served: opened again, it says so before anything is typed.
  await parent.goto(new URL(link).pathname + new URL(link).search);
  await expect(parent.getByText(/^Ce lien d'activation n'est plus valable/)).toBeVisible();
  await expect(parent.getByLabel("Nouveau mot de passe")).toHaveCount(0);
  await signIn(parent, email, PASSWORD);
  await expect(parent.getByRole("heading", { name: "Mon tableau de bord" })).toBeVisible();
});

test("an import running in the background shows its progress; once its server stopped, « Reprendre » finishes it", async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await createStaffUser(testDb(), { role: "ADMIN", displayName: "Admin reprise" });
  const email = uniqueEmail("reprise");
  // A run as « Importer » records it (files kept, nothing written yet), its process alive for now. Without the one
  // import key: a run of another test cannot be refused because of it.
  const run = await testDb().importRun.create({
    data: {
      familles: Buffer.from(`\uFEFF${HEADER}\r\n${email};M;Repris;Rémi;06 12 34 56 78;2 rue du Quai;59000;Lille;300\r\n`),
      batchSize: 1,
      total: 1,
      startedById: admin.id,
    },
  });
  await signIn(page, admin.email);
  await page.goto("/admin/import");
  await expect(page.getByText("Import en cours : 0 lot sur 1")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Import en cours : 0 lot sur 1" })).toBeVisible();
  await expectAccessible(page);

  // Its server stops: no heartbeat for 31 s.
  await testDb().importRun.update({ where: { id: run.id }, data: { heartbeatAt: new Date(Date.now() - 31_000) } });
  await page.reload();
  await expect(page.getByText(/^L'import a été interrompu à 0 lot sur 1/)).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await page.getByRole("button", { name: "Reprendre" }).click();
  await expect(page.getByText(/^Import terminé : 1 lot enregistré le .*Familles : 1 création, 0 mise à jour, 0 inchangée\./)).toBeVisible({
    timeout: 20_000,
  });
  expect(await testDb().user.count({ where: { email } })).toBe(1);
  expect(await testDb().importRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "DONE", familles: null });
});
