import { expect, test, type Page } from "@playwright/test";
import { createBookableWorld } from "../prisma/factories";
import { expectAccessible, newFamily, newStaff, signIn, testDb } from "./support";

/*
 * PayFiP (ADR 054): staff set a lieu d'accueil to PayFiP on « Paiement en ligne »; its family pays an invoice on the
 * local stand-in of the Trésor public's page (« Payer »): the app asked the stand-in's SOAP service, the page posted
 * the notification, the return page asked the service again — « Paiement accepté », the receipt, nothing left to pay.
 * A refused payment leaves the invoice to pay.
 */
test.describe.configure({ timeout: 150_000 });

const SHOTS = process.env.PAYFIP_SHOTS;
/** Screenshots for the review (not committed): only when PAYFIP_SHOTS names a folder, at 390 and 1280 px. */
async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  const size = page.viewportSize()!;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(size);
}

/** A lieu of its own, a family with one issued invoice of 18,00 € there. */
async function invoicedFamily(name: string) {
  const w = await createBookableWorld(testDb(), {
    start: "2027-01-04",
    end: "2027-01-31",
    weekdays: [3],
    units: [{ name: "Matin", capacity: 20 }],
  });
  const f = await newFamily({ lastName: name, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  const invoice = await testDb().invoice.create({
    data: {
      number: "2027-000001",
      structureId: w.structure.id,
      year: 2027,
      sequence: 1,
      familyId: f.family.id,
      payerName: `Famille ${name}`,
      payerAddress: "1 rue des Écoles, 59000 Lille",
      month: new Date("2027-01-01T00:00:00Z"),
      status: "ISSUED",
      totalCents: 1800,
      issuedAt: new Date(),
      dueDate: new Date("2027-02-15T00:00:00Z"),
      lines: { create: [{ label: `${name} — Matin`, quantity: 3, unitPriceCents: 600, totalCents: 1800 }] },
    },
  });
  return { w, f, invoice };
}

test("l'accueil règle un lieu sur PayFiP ; le parent paie sa facture sur la page du Trésor public simulée et voit « Paiement accepté » et son reçu", async ({
  page,
  browser,
}) => {
  const { w, f } = await invoicedFamily("Regisseur");
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, (await newStaff()).email);
  await desk.goto("/admin/structures");
  await desk
    .getByRole("navigation", { name: `Paramètres de ${w.structure.name}` })
    .getByRole("link", { name: "Paiement en ligne" })
    .click();
  await expect(desk.getByRole("heading", { level: 1, name: `Paiement en ligne — ${w.structure.name}` })).toBeVisible();
  await expect(desk.getByText(/^Service simulé ici : PAYFIP_WS_URL n'est pas défini/)).toBeVisible();
  await desk.getByRole("radio", { name: "PayFiP — Trésor public (régie de recettes)" }).check();
  await desk.getByRole("button", { name: "Enregistrer" }).click();
  await expect(
    desk.getByText("Numéro client PayFiP : obligatoire pour payer par PayFiP (6 chiffres, donnés par la DGFiP).").first(),
  ).toBeVisible();
  await desk.getByLabel("Numéro client PayFiP (numcli)").fill("012345");
  await desk.getByRole("button", { name: "Enregistrer" }).click();
  await expect(desk.getByText("Enregistré : les familles de ce lieu paient par PayFiP (numéro client 012345).")).toBeVisible();
  await expectAccessible(desk);
  await shots(desk, "payfip-reglages");
  await expect
    .poll(async () => testDb().structure.findUniqueOrThrow({ where: { id: w.structure.id }, select: { paymentProvider: true } }))
    .toEqual({ paymentProvider: "PAYFIP" });

  await signIn(page, f.user.email);
  await page.goto("/mes-factures");
  await page
    .getByRole("form", { name: "Factures à payer" })
    .getByRole("button", { name: /^Payer 18,00\s€$/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Paiement PayFiP (démonstration)" })).toBeVisible();
  await expect(page.getByText(/Service simulé : aucun argent ne circule/)).toBeVisible();
  await expect(page.getByText(/^18,00\s€$/)).toBeVisible();
  await expect(page.getByText(/^PF\d{8}$/)).toBeVisible();
  await expectAccessible(page);
  await shots(page, "payfip-simulateur");
  await page.getByRole("button", { name: "Payer" }).click();
  await expect(page.getByText(/^Paiement accepté : nous avons bien reçu 18,00\s€/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Reçu de paiement" })).toBeVisible();
  await expect(page.getByText("Carte bancaire, en ligne (PayFiP, Trésor public)")).toBeVisible();
  await expectAccessible(page);
  await shots(page, "payfip-retour");
  const payment = await testDb().payment.findFirstOrThrow({ where: { familyId: f.family.id } });
  expect(payment).toMatchObject({ method: "PAYFIP", status: "SUCCEEDED", amountCents: 1800, anomaly: null });
  await page.goto("/mes-factures");
  await expect(page.getByText("Aucune facture à payer")).toBeVisible();
});

test("un paiement PayFiP refusé par la banque laisse la facture à payer", async ({ page }) => {
  const { w, f } = await invoicedFamily("Refus");
  await testDb().structure.update({ where: { id: w.structure.id }, data: { paymentProvider: "PAYFIP", payfipClientNumber: "012345" } });
  await signIn(page, f.user.email);
  await page.goto("/mes-factures");
  await page
    .getByRole("form", { name: "Factures à payer" })
    .getByRole("button", { name: /^Payer 18,00\s€$/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Paiement PayFiP (démonstration)" })).toBeVisible();
  await page.getByRole("button", { name: "Refuser" }).click();
  await expect(page.getByText("Paiement refusé par la banque : vos factures restent à payer.")).toBeVisible({ timeout: 20_000 });
  await shots(page, "payfip-refuse");
  await page.goto("/mes-factures");
  await expect(page.getByRole("form", { name: "Factures à payer" }).getByRole("checkbox")).toHaveCount(1);
  expect((await testDb().payment.findFirstOrThrow({ where: { familyId: f.family.id } })).status).toBe("FAILED");
});
