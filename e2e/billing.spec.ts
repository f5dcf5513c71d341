import { expect, test } from "@playwright/test";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { expectAccessible, newFamily, newStaff, openDeliveredEmail, signIn, testDb } from "./support";

/*
 * Billing, first journeys: staff generate and send a month from « Facturation », the parent pays two invoices on
 * the local stand-in of Stripe Checkout (signed events to the real webhook) and sees them paid; an abandoned
 * checkout leaves them to pay.
 */

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => iso(new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000));
const monthOf = (day: string) => day.slice(0, 7);

async function billedWorld(name: string) {
  // Last month and the one before: two invoices for the family.
  const now = new Date();
  const start = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)));
  const w = await createBookableWorld(testDb(), { start, end: addDays(iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))), -1), weekdays: [1, 2, 3, 4, 5], units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }] });
  const f = await newFamily({ lastName: name, quotientFamilial: 600, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  const inscription = await inscribe(testDb(), w, f.family, f.children[0]!.id);
  const months = [monthOf(start), monthOf(addDays(start, 40))];
  for (const month of months) {
    const day = w.openingDays.find((d) => d.startsWith(month))!;
    await testDb().reservation.create({ data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status: "PRESENT" } });
  }
  return { w, f, months };
}

test("l'accueil génère et envoie le mois ; le parent coche deux factures, paie sur la page de paiement simulée et voit « payé », reçu par e-mail", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const { w, f, months } = await billedWorld("Facturine");
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, (await newStaff()).email);
  for (const month of months) {
    await desk.goto(`/admin/facturation?lieu=${w.structure.id}&mois=${month}`);
    await desk.getByRole("button", { name: "Générer le mois" }).click();
    await expect(desk.getByText(/^1 facture créée \(/)).toBeVisible();
    await desk.getByRole("button", { name: "Envoyer les factures" }).click();
    await expect(desk.getByText("1 facture envoyée aux familles par e-mail.")).toBeVisible();
  }
  await expectAccessible(desk);

  await signIn(page, f.user.email);
  await page.goto("/mes-factures");
  await expect(page.getByRole("heading", { level: 1, name: "Mes factures" })).toBeVisible();
  const form = page.getByRole("form", { name: "Factures à payer" });
  await expect(form.getByRole("checkbox")).toHaveCount(2);
  await expect(form).toContainText(/Total factures : 12,00\s€/);
  await form.getByRole("checkbox").first().uncheck();
  await expect(form).toContainText(/Total factures : 6,00\s€/);
  await form.getByRole("checkbox").first().check();
  await expectAccessible(page);
  await form.getByRole("button", { name: "Payer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Paiement par carte (simulation)" })).toBeVisible();
  await expect(page.getByText(/Montant : 12,00\s€/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Payer" }).click();
  await expect(page.getByText(/^Payé : nous avons bien reçu 12,00\s€/)).toBeVisible({ timeout: 20_000 });
  await page.goto("/mes-factures");
  await expect(page.getByText("Aucune facture à payer")).toBeVisible();
  await expect(page.getByText(/Solde à payer : 0,00\s€/)).toBeVisible();
  const text = await openDeliveredEmail(desk, f.user.email, "Paiement reçu");
  expect(text).toMatch(/Nous avons bien reçu votre paiement de 12,00 € pour les factures n° \d{4}-\d{6}, \d{4}-\d{6}\./);
});

test("un paiement abandonné laisse les factures à payer", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { w, f, months } = await billedWorld("Abandon");
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, (await newStaff()).email);
  await desk.goto(`/admin/facturation?lieu=${w.structure.id}&mois=${months[0]}`);
  await desk.getByRole("button", { name: "Générer le mois" }).click();
  await expect(desk.getByText(/^1 facture créée \(/)).toBeVisible();
  await desk.getByRole("button", { name: "Envoyer les factures" }).click();
  await expect(desk.getByText("1 facture envoyée aux familles par e-mail.")).toBeVisible();

  await signIn(page, f.user.email);
  await page.goto("/mes-factures");
  await page.getByRole("form", { name: "Factures à payer" }).getByRole("button", { name: "Payer" }).click();
  await page.getByRole("button", { name: "Abandonner" }).click();
  await expect(page.getByText("Paiement abandonné : vos factures restent à payer.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("form", { name: "Factures à payer" }).getByRole("checkbox")).toHaveCount(1);
  await expect.poll(async () => (await testDb().payment.findFirstOrThrow({ where: { familyId: f.family.id } })).status).toBe("FAILED");
});
