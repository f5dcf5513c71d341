import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, field, newFamily, newStaff, signIn, testDb } from "./support";

const SHOTS = process.env.SHOTS_DIR;

/** Optional screenshots at 390 and 1280 px (SHOTS_DIR set by hand, never in CI). */
async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 900 });
}

test("un enfant en attente de validation : la phrase où est le parent, une demande préparée, envoyée à la validation", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const db = testDb();
  const suffix = Date.now().toString(36);
  // A lieu with one published activity and one upcoming période.
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + 21);
  const structure = await db.structure.create({ data: { name: `Lieu préparé ${suffix}`, city: "Lille" } });
  const careType = await db.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "ALSH mercredis" } });
  const activity = await db.activity.create({
    data: {
      structureId: structure.id,
      careTypeId: careType.id,
      name: `Mercredis ${suffix}`,
      isPublished: true,
      ageGroups: { create: [{ name: "Élémentaire", minAgeMonths: 72, maxAgeMonths: 155 }] },
    },
  });
  await db.period.create({
    data: { activityId: activity.id, name: "Printemps", startDate: start, endDate: new Date(start.getTime() + 60 * 86_400_000) },
  });
  // A new family has just added Nina (the child wizard, tested in family.spec.ts, writes exactly this).
  const { family, user } = await newFamily({ lastName: "Lefort" });
  const nina = await db.child.create({
    data: {
      familyId: family.id,
      status: "PENDING",
      lastName: "Lefort",
      firstName: "Nina",
      birthDate: new Date("2018-05-05T00:00:00Z"),
      sex: "F",
    },
  });
  await db.changeRequest.create({
    data: {
      familyId: family.id,
      kind: "CHILD_ADDED",
      targetId: nina.id,
      before: {},
      after: { firstName: "Nina", lastName: "Lefort", birthDate: "2018-05-05" },
    },
  });
  const sentence = "Nina attend la validation de l'accueil — vous pourrez ensuite l'inscrire.";

  await signIn(page, user.email);
  await expect(page.getByText(sentence)).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "tableau-de-bord-enfant-en-attente");
  await page.goto("/ma-famille");
  const card = page.getByRole("article", { name: "Nina Lefort" });
  await expect(card.getByText(sentence)).toBeVisible();
  await shoot(page, "ma-famille-enfant-en-attente");

  // No dead end: the parent prepares the request from where she is.
  await card.getByRole("link", { name: "Préparer une inscription pour Nina" }).click();
  // The lieu is chosen for the parent when it is the only one with a published activity (other tests add theirs).
  const lastStep = page.getByRole("heading", { name: /groupe et dates$/ });
  const lieu = page.getByRole("group", { name: /Lieu d'accueil$/ }).getByRole("radio", { name: structure.name, exact: true });
  await expect(lastStep.or(lieu)).toBeVisible();
  if (await lieu.isVisible()) {
    await lieu.check();
    await page.getByRole("button", { name: "Continuer" }).click();
  }
  await expect(lastStep).toBeVisible();
  await expect(page.getByText(/Nina attend la validation de l'accueil : votre demande sera préparée/)).toBeVisible();
  await expectAccessible(page);
  await expect(field(page, "Groupe").locator("option")).toHaveText([/^Élémentaire/]);
  await page.getByRole("button", { name: "Préparer ma demande" }).click();
  await page.waitForURL("**/ma-famille");
  await expect(page.getByRole("article", { name: "Nina Lefort" }).getByText(`${activity.name} (Printemps)`)).toBeVisible();
  await expectAccessible(page);
  await page.goto("/tableau-de-bord");
  await expect(page.getByText(`${activity.name} (Printemps)`)).toBeVisible();
  // The parent may still withdraw it (tests/prepared-inscriptions.test.ts drops one through the same action).
  await expect(page.getByRole("button", { name: `Retirer ma demande : Nina, ${activity.name} (Printemps)` })).toBeVisible();
  await shoot(page, "tableau-de-bord-demande-preparee");
  expect(await db.inscription.count({ where: { childId: nina.id } })).toBe(0);

  // Staff validate the child: the prepared request becomes an inscription request, pending.
  const staffContext = await browser.newContext();
  const admin = await staffContext.newPage();
  await signIn(admin, (await newStaff()).email);
  await admin.goto("/admin/demandes-de-modification?type=enfants");
  await admin.getByLabel("Sélectionner : Ajout de l'enfant Nina — Famille LEFORT").check();
  await admin.getByRole("button", { name: "Valider la sélection" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "1 demande validée." })).toBeVisible();
  await staffContext.close();

  await page.reload();
  await expect(page.getByText(sentence)).toHaveCount(0);
  const requests = page.getByRole("region", { name: "Mes demandes" });
  await expect(requests.getByRole("link", { name: `Inscription de Nina — ${activity.name} (Printemps)` })).toBeVisible();
  await expect(requests.getByRole("listitem").filter({ hasText: `Inscription de Nina` })).toContainText("En attente de validation");
  expect(await db.inscription.findMany({ where: { childId: nina.id }, select: { status: true } })).toEqual([{ status: "PENDING" }]);
});

test("« Payer 12,00 € », puis le reçu : numéro, montant, date, quittance ; aucun parent ne lit « clé Stripe »", async ({ page }) => {
  test.setTimeout(90_000);
  const db = testDb();
  const suffix = Date.now().toString(36);
  const structure = await db.structure.create({ data: { name: `Lieu payé ${suffix}`, city: "Lille" } });
  const { family, user } = await newFamily({ lastName: "Recu" });
  // One invoice sent to the family (generation and sending are tested in billing.spec.ts).
  const invoice = await db.invoice.create({
    data: {
      number: `2026-${suffix}`,
      structureId: structure.id,
      year: 2026,
      sequence: 1,
      familyId: family.id,
      payerName: "Camille RECU",
      payerAddress: "12 rue des Tilleuls, 59000 Lille",
      month: new Date("2026-10-01T00:00:00Z"),
      status: "ISSUED",
      totalCents: 1200,
      issuedAt: new Date(),
      lines: { create: [{ label: "Matin", date: new Date("2026-10-07T00:00:00Z"), unitPriceCents: 1200, totalCents: 1200 }] },
    },
  });

  await signIn(page, user.email);
  await page.goto("/mes-factures");
  // The balance is said once; the simulation notice is worded for parents.
  await expect(page.getByText(/Solde/)).toHaveCount(1);
  await expect(page.getByText("Paiement de démonstration : aucun argent ne circule.")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/clé Stripe/i);
  await shoot(page, "mes-factures");
  const pay = page.getByRole("form", { name: "Factures à payer" }).getByRole("button", { name: /^Payer 12,00\s€$/ });
  await expect(pay).toBeVisible();
  await pay.click();
  await expect(page.getByRole("heading", { level: 1, name: "Paiement par carte (démonstration)" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/clé Stripe/i);
  await page.getByRole("button", { name: "Payer" }).click();

  // The receipt: number, amount, date, and the quittance of the invoice it settled.
  await expect(page.getByRole("heading", { level: 1, name: "Reçu de paiement" })).toBeVisible({ timeout: 20_000 });
  const payment = await db.payment.findFirstOrThrow({ where: { familyId: family.id }, select: { number: true, receivedAt: true } });
  const receipt = page.getByRole("region", { name: `Reçu du paiement n° ${payment.number}` });
  await expect(receipt).toContainText(`Paiement n°${payment.number}`);
  await expect(receipt).toContainText(/Montant12,00\s€/);
  const day = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric" }).format(
    payment.receivedAt!,
  );
  await expect(receipt).toContainText(`Date${day}`);
  await expect(page.locator("body")).not.toContainText(/clé Stripe/i);
  await expectAccessible(page);
  await shoot(page, "recu-de-paiement");
  const download = page.waitForEvent("download");
  await receipt.getByRole("link", { name: `Télécharger la quittance de la facture n° ${invoice.number} (PDF)` }).click();
  expect((await download).suggestedFilename()).toBe(`quittance-${invoice.number}.pdf`);
  const response = await page.request.get(`/factures/${invoice.id}/quittance`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
});
