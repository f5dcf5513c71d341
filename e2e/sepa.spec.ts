import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { expectAccessible, newFamily, newStaff, signIn, testDb, toasts } from "./support";

/*
 * Prélèvement SEPA (ADR 053): a parent signs a mandate in Mes factures and downloads its PDF; staff export last
 * month's debits and download the pain.008 file (its RUM and amount in it); the invoice shows « Prélèvement le … »
 * instead of a box to tick; staff record the bank's rejection; the parent sees the invoice to pay again, and the
 * rejection fee on an invoice of its own.
 */

const SHOTS = process.env.SEPA_SCREENSHOTS;
const iso = (date: Date) => date.toISOString().slice(0, 10);

/** Screenshots at 390 and 1280 px (SEPA_SCREENSHOTS=<folder>), to look at. */
async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  const size = page.viewportSize()!;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(size);
}

/** A lieu set up for prélèvement, a family with an invoice of last month to pay. */
async function world(name: string) {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const month = iso(first).slice(0, 7);
  const w = await createBookableWorld(testDb(), {
    start: iso(first),
    end: iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))),
    weekdays: [1, 2, 3, 4, 5],
    units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }],
  });
  await testDb().structure.update({
    where: { id: w.structure.id },
    data: {
      sepaCreditorId: "FR72ZZZ123456",
      sepaCreditorName: `Centre ${name}`,
      sepaCreditorIban: "FR7630006000011234567890189",
      sepaCreditorBic: "AGRIFRPPXXX",
      sepaRejectionFeeCents: 500,
    },
  });
  const f = await newFamily({ lastName: name, quotientFamilial: 600, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  await inscribe(testDb(), w, f.family, f.children[0]!.id);
  // The month's invoice, sent (billing itself is e2e/billing.spec.ts's journey).
  const sequence = 900_000 + Math.floor(Math.random() * 90_000);
  const invoice = await testDb().invoice.create({
    data: {
      number: `${month.slice(0, 4)}-${sequence}`,
      structureId: w.structure.id,
      year: Number(month.slice(0, 4)),
      sequence,
      familyId: f.family.id,
      payerName: `Camille ${name}`,
      payerAddress: "12 rue des Tilleuls\n59000 Lille",
      month: first,
      status: "ISSUED",
      totalCents: 4250,
      issuedAt: new Date(),
      dueDate: new Date(Date.now() + 20 * 86_400_000),
      lines: { create: [{ label: `${name} — Matin`, quantity: 1, unitPriceCents: 4250, totalCents: 4250 }] },
    },
  });
  return { w, f, invoice, month };
}

test("le parent signe un mandat et télécharge son PDF ; l'accueil exporte le lot, télécharge le fichier, enregistre un rejet ; la facture est de nouveau à payer", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const { w, f, invoice, month } = await world("Sepaline");

  // 1. The parent signs the mandate online.
  await signIn(page, f.user.email);
  await page.goto("/mes-factures");
  const card = page.getByRole("region", { name: "Prélèvement automatique" });
  await card.getByRole("link", { name: "Mettre en place le prélèvement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mettre en place le prélèvement" })).toBeVisible();
  await page.getByLabel("Titulaire du compte").fill("Camille Sepaline");
  await page.getByRole("textbox", { name: "IBAN", exact: true }).fill("FR15 2004 1010 0505 0001 3M02 606");
  await page.getByRole("textbox", { name: "BIC", exact: true }).fill("PSSTFRPPLIL");
  await page.getByLabel("Lieu de signature").fill("Lille");
  await page.getByRole("button", { name: "Signer le mandat" }).click();
  // A wrong key and no consent: each said on its field, nothing signed.
  await expect(page.getByText("IBAN invalide : vérifiez la clé (les deux chiffres après le code du pays).")).toBeVisible();
  await expect(page.getByText("Autorisation : cochez la case pour signer le mandat.")).toBeVisible();
  await shoot(page, "mandat-formulaire-erreurs");
  await page.getByRole("textbox", { name: "IBAN", exact: true }).fill("FR14 2004 1010 0505 0001 3M02 606");
  await page.getByRole("checkbox", { name: /^En signant ce formulaire de mandat, vous autorisez \(A\) Centre Sepaline/ }).check();
  await shoot(page, "mandat-formulaire");
  await page.getByRole("button", { name: "Signer le mandat" }).click();
  await expect(toasts(page).getByText(/^Mandat signé \(RUM PF-[A-Z0-9]+-\d{6}\)/)).toBeVisible();
  await expect(page.getByText("Votre mandat de prélèvement est en place")).toBeVisible();
  await expectAccessible(page);
  const mandate = await testDb().sepaMandate.findFirstOrThrow({ where: { familyId: f.family.id } });
  expect(mandate).toMatchObject({ iban: "FR1420041010050500013M02606", bic: "PSSTFRPPLIL", status: "ACTIVE", signedOnline: true });

  await page.goto("/mes-factures");
  await expect(card).toContainText(`Mandat ${mandate.rum}`);
  await expect(card).toContainText("Camille Sepaline");
  await expect(card).toContainText("FR14 •••• 2606");
  const pdf = page.waitForEvent("download");
  await card.getByRole("link", { name: "Télécharger le mandat (PDF)" }).click();
  const pdfFile = await (await pdf).path();
  expect((await readFile(pdfFile)).subarray(0, 5).toString()).toBe("%PDF-");
  await expectAccessible(page);
  await shoot(page, "mandat-carte");
  // Signed this month, the mandate debits next month's invoices: as if it had been signed a month earlier.
  await testDb().sepaMandate.update({ where: { id: mandate.id }, data: { firstMonth: new Date(`${month}-01T00:00:00Z`) } });

  // 2. Staff export the month's debits and download the file.
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, (await newStaff()).email);
  // The lieu's settings: a wrong ICS key is said on its field; corrected, saved.
  await desk.goto(`/admin/structures/${w.structure.id}/prelevement`);
  await expect(desk.getByRole("heading", { level: 1, name: /^Prélèvement SEPA — / })).toBeVisible();
  await desk.getByLabel("Identifiant créancier SEPA (ICS)").fill("FR73ZZZ123456");
  await desk.getByRole("button", { name: "Enregistrer les réglages" }).click();
  await expect(desk.getByText("ICS invalide : vérifiez la clé (les deux chiffres après FR).")).toBeVisible();
  await shoot(desk, "reglages-prelevement");
  await desk.getByLabel("Identifiant créancier SEPA (ICS)").fill("fr72 zzz 123456");
  await desk.getByRole("button", { name: "Enregistrer les réglages" }).click();
  await expect(desk.getByText("Réglages du prélèvement enregistrés.")).toBeVisible();
  await expectAccessible(desk);
  expect(await testDb().structure.findUniqueOrThrow({ where: { id: w.structure.id } })).toMatchObject({
    sepaCreditorId: "FR72ZZZ123456",
    sepaRejectionFeeCents: 500,
  });
  await desk.goto("/admin/facturation");
  await desk.getByRole("link", { name: "Prélèvements SEPA" }).click();
  await desk.goto(`/admin/facturation/prelevements?lieu=${w.structure.id}&mois=${month}`);
  const preview = desk.getByRole("table", { name: /^Prélèvements d/ });
  await expect(preview).toContainText(invoice.number);
  await expect(preview).toContainText(mandate.rum);
  await expect(preview).toContainText("Premier (FRST)");
  await expect(desk.getByText(/1 prélèvement pour 42,50\s€/)).toBeVisible();
  await expectAccessible(desk);
  await shoot(desk, "prelevements-export");
  await desk.getByRole("button", { name: "Exporter le fichier de prélèvement" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "Exporter le fichier" }).click();
  await expect(toasts(desk).getByText(/^Lot exporté : 1 prélèvement pour 42,50\s€/)).toBeVisible();
  const batches = desk.getByRole("table", { name: /^Lots de prélèvement/ });
  await expect(batches).toContainText("1 en attente");
  const xml = desk.waitForEvent("download");
  await batches.getByRole("link", { name: /^Télécharger le fichier du lot / }).click();
  const file = await readFile(await (await xml).path(), "utf8");
  expect(file).toContain("urn:iso:std:iso:20022:tech:xsd:pain.008.001.02");
  expect(file).toContain(`<MndtId>${mandate.rum}</MndtId>`);
  expect(file).toContain('<InstdAmt Ccy="EUR">42.50</InstdAmt>');
  expect(file).toContain("<Id>FR72ZZZ123456</Id>");
  await shoot(desk, "prelevements-lot");

  // 3. The parent cannot pay it online meanwhile: « Prélèvement le … » instead of a box.
  const debit = await testDb().directDebit.findFirstOrThrow({ where: { invoiceId: invoice.id }, include: { batch: true } });
  const due = debit.batch.dueDate.toISOString().slice(0, 10).split("-").reverse().join("/");
  await page.reload();
  const toPay = page.getByRole("form", { name: "Factures à payer" });
  await expect(toPay).toContainText(`Prélèvement le ${due}`);
  await expect(toPay.getByRole("checkbox")).toHaveCount(0);
  await expect(card).toContainText(`Prélèvement à venir : 42,50 € le ${due}`);

  // 4. Staff record the bank's rejection.
  await batches.getByRole("link", { name: /^Prélèvements du lot / }).click();
  await expect(desk.getByRole("heading", { level: 1, name: "Prélèvements du lot" })).toBeVisible();
  await desk.getByText(`Enregistrer un rejet pour la facture ${invoice.number}`).click();
  await desk.getByLabel("Motif du rejet").selectOption("AM04");
  await desk.getByRole("button", { name: "Enregistrer le rejet" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "Enregistrer le rejet" }).click();
  await expect(
    toasts(desk).getByText("Rejet enregistré : la facture est de nouveau à payer et la famille est prévenue par e-mail."),
  ).toBeVisible();
  await expect(desk.getByText("Rejeté", { exact: true })).toBeVisible();
  await expectAccessible(desk);
  // The family's billing page: its mandate, as staff see it.
  await desk.goto(`/admin/facturation/familles/${f.family.id}`);
  const staffCard = desk.getByRole("region", { name: "Prélèvement automatique" });
  await expect(staffCard).toContainText(`Mandat ${mandate.rum}`);
  await expect(staffCard.getByRole("button", { name: `Révoquer le mandat ${mandate.rum}` })).toBeVisible();
  await expectAccessible(desk);
  await shoot(desk, "compte-famille-mandat");

  // 5. The parent: the invoice to pay again, and the fee on an invoice of its own.
  await page.reload();
  await expect(toPay).not.toContainText("Prélèvement le");
  await expect(toPay.getByRole("checkbox")).toHaveCount(2);
  await expect(toPay).toContainText(`Facture n° ${invoice.number}`);
  await expect(toPay).toContainText(/Total factures : 47,50\s€/);
  const mail = await testDb().emailOutbox.findFirstOrThrow({ where: { familyId: f.family.id, template: "sepa-rejected" } });
  expect(mail.text).toContain("motif : AM04 — Provision insuffisante");
});
