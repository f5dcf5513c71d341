import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { expectAccessible, field, newFamily, newStaff, signIn, testDb, toasts } from "./support";

/*
 * Tariffs beyond the quotient (ADR 055): staff set a « tarif hors commune » per bracket, a fratrie rule and the lieu's
 * résident communes; a hors-commune family with two children sees its prices in the calendar before booking (the
 * younger one's reduction on a day the elder is booked); after the month's billing, its invoice says why.
 */

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => iso(new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000));
const french = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const long = (day: string) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(`${day}T00:00:00Z`),
  );
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const cell = (page: Page, unit: string, day: string, child: string) =>
  page.getByRole("button", { name: new RegExp(`^${escape(unit)}, ${escape(long(day))}, ${escape(child)} : `) });

async function shoot(page: Page, name: string) {
  if (!process.env.SHOTS_DIR) return;
  await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png`, fullPage: true });
}

/** Wednesdays from the first of last month to the end of next month; a hors-commune family (Lomme), two children inscribed. */
async function tariffWorld() {
  const now = new Date();
  const start = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
  const end = addDays(iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1))), -1);
  const w = await createBookableWorld(testDb(), {
    start,
    end,
    weekdays: [3],
    automatic: true,
    units: [{ name: "Après-midi", start: "14:00", end: "16:30", capacity: 20, prices: [400, 600, 800, 1000] }],
  });
  const f = await newFamily({
    lastName: "Horscommune",
    quotientFamilial: 650,
    children: [
      { firstName: "Aïcha", birthDate: "2016-02-01", sex: "F" },
      { firstName: "Inès", birthDate: "2019-09-01", sex: "F" },
    ],
  });
  await testDb().family.update({ where: { id: f.family.id }, data: { city: "Lomme", postalCode: "59160" } });
  const [aicha, ines] = [f.children.find((c) => c.firstName === "Aïcha")!, f.children.find((c) => c.firstName === "Inès")!];
  const ia = await inscribe(testDb(), w, f.family, aicha.id);
  const ii = await inscribe(testDb(), w, f.family, ines.id);
  const thisMonth = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)));
  const lastMonthDay = w.openingDays.find((d) => d < thisMonth)!;
  const nextMonth = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
  const nextMonthDay = w.openingDays.find((d) => d >= nextMonth)!;
  const unit = w.units[0]!;
  const at = (day: string) => new Date(`${day}T00:00:00Z`);
  // Last month: both came the same Wednesday (to bill). Next month: the elder is booked the first Wednesday.
  await testDb().reservation.createMany({
    data: [
      { inscriptionId: ia.id, timeUnitId: unit.id, date: at(lastMonthDay), status: "PRESENT" },
      { inscriptionId: ii.id, timeUnitId: unit.id, date: at(lastMonthDay), status: "PRESENT" },
      { inscriptionId: ia.id, timeUnitId: unit.id, date: at(nextMonthDay), status: "RESERVED" },
    ],
  });
  return { w, f, start, lastMonthDay, nextMonthDay, inesInscription: ii.id };
}

test("l'accueil pose un tarif hors commune et une règle fratrie ; la famille hors commune voit ses prix avant de réserver, puis sa facture dit « tarif hors commune » et « réduction fratrie -10 % »", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const s = await tariffWorld();
  const staff = await newStaff();

  // The lieu's résident communes: Lille only.
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, staff.email);
  await desk.goto("/admin/structures");
  await desk
    .getByRole("navigation", { name: `Paramètres de ${s.w.structure.name}` })
    .getByRole("link", { name: "Communes résidentes" })
    .click();
  await expect(desk.getByRole("heading", { level: 1, name: `Communes résidentes — ${s.w.structure.name}` })).toBeVisible();
  await desk.getByLabel(/^Communes résidentes \(une par ligne\)/).fill("Lille\n59000");
  await desk.getByRole("button", { name: "Enregistrer les communes" }).click();
  await expect(desk.getByText("2 communes résidentes enregistrées.").first()).toBeVisible();
  await expectAccessible(desk);

  // The activity's editor: a « Tarif hors commune » per bracket, then the fratrie rule.
  for (const width of [390, 1280]) {
    const page = width === 1280 ? desk : await (await browser.newContext({ viewport: { width, height: 844 } })).newPage();
    if (page !== desk) await signIn(page, staff.email);
    await page.goto(`/admin/activites/${s.w.activity.id}`);
    await page.getByRole("tab", { name: "Unités et tarifs" }).click();
    const unit = page.getByRole("article", { name: "Unité Après-midi" });
    await unit.getByText("Modifier les tarifs de « Après-midi »").click();
    const tariffs = unit.getByRole("form", { name: "Tarifs : Après-midi" });
    const horsCommune = tariffs.getByLabel("Tarif hors commune (€)");
    await expect(horsCommune).toHaveCount(4);
    if (width === 390) {
      await horsCommune.nth(0).fill("-5");
      await tariffs.getByRole("button", { name: "Enregistrer les tarifs" }).click();
      await expect(tariffs.getByText("Tarif hors commune : pas de montant négatif.").first()).toBeVisible();
    }
    for (const [i, price] of ["5", "7", "9", "11"].entries()) await horsCommune.nth(i).fill(price);
    await tariffs.getByRole("button", { name: "Enregistrer les tarifs" }).click();
    await expect(tariffs.getByText("Tarifs enregistrés.")).toBeVisible();
    await expect(unit).toContainText(/QF 501–800 : 6,00\s€ \(hors commune 7,00\s€\)/);

    const rules = page.getByRole("region", { name: "Règles de tarif" });
    await rules.getByLabel(/^En vigueur à partir du/).fill(french(s.start));
    await rules.getByLabel(/^Fratrie : réduction du 2e enfant/).fill(width === 390 ? "150" : "10");
    await rules.getByLabel(/^Fratrie : réduction du 3e enfant et suivants/).fill("20");
    await rules.getByRole("button", { name: "Enregistrer la règle de tarif" }).click();
    if (width === 390) {
      await expect(rules.getByText("Fratrie, 2e enfant : 100 % au plus.").first()).toBeVisible();
      expect(await testDb().tariffRule.count({ where: { activityId: s.w.activity.id } })).toBe(0);
      await shoot(page, "tarifs-editeur-390");
      await expectAccessible(page);
      continue;
    }
    await expect(
      rules.getByText(
        `À partir du ${french(s.start)} : prix à l'unité ; fratrie -10\u00a0% (2e), -20\u00a0% (3e et suivants), enfants réservés le même jour`,
      ),
    ).toBeVisible();
    await shoot(page, "tarifs-editeur-1280");
    await expectAccessible(page);
  }
  expect(
    await testDb().tariffRule.findMany({
      where: { activityId: s.w.activity.id },
      select: { mode: true, siblingSecondPercent: true, siblingThirdPercent: true, siblingScope: true },
    }),
  ).toEqual([{ mode: "PER_UNIT", siblingSecondPercent: 10, siblingThirdPercent: 20, siblingScope: "DAY" }]);

  // The family (Lomme, QF 650): before booking, the hors-commune price; the younger one's reduction on the elder's day.
  for (const width of [390, 1280]) {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    await signIn(page, s.f.user.email);
    await page.goto(`/mes-reservations?mois=${s.nextMonthDay.slice(0, 7)}`);
    const younger = cell(page, "Après-midi", s.nextMonthDay, "Inès");
    await expect(younger).toContainText("Libre");
    await expect(younger).toContainText(/6,30\s€/);
    await expect(younger).toContainText("tarif hors commune · réduction fratrie -10\u00a0%");
    const elder = cell(page, "Après-midi", s.nextMonthDay, "Aïcha");
    await expect(elder).toContainText(/7,00\s€/);
    await expect(elder).toContainText("tarif hors commune");
    await expect(elder).not.toContainText("fratrie");
    // Another Wednesday: the younger one alone, the full hors-commune price.
    await expect(cell(page, "Après-midi", addDays(s.nextMonthDay, 7), "Inès")).toContainText(/7,00\s€/);
    await shoot(page, `tarifs-calendrier-${width}`);
    await expectAccessible(page);
  }

  // « Réservations sur période » for the younger one, two Wednesdays: 6,30 € (her elder booked) + 7,00 €, each note said.
  {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, s.f.user.email);
    await page.goto(`/mes-reservations/periode?inscription=${s.inesInscription}`);
    await field(page, "Date début").fill(french(s.nextMonthDay));
    await field(page, "Date fin").fill(french(addDays(s.nextMonthDay, 7)));
    const box = page.getByRole("checkbox", { name: "Mercredi — Après-midi" });
    // The week template says the unit's price for this family: hors commune.
    await expect(page.locator("label").filter({ has: box })).toContainText(/7,00\s€/);
    await box.check();
    await page.getByRole("button", { name: "Voir les dates" }).click();
    const preview = page.getByRole("region", { name: /^Aperçu/ });
    await expect(preview).toContainText(/Total : 13,30\s€/, { timeout: 30_000 });
    const notes = preview.getByRole("list", { name: "Prix au-delà du quotient" });
    await expect(notes).toContainText("tarif hors commune · réduction fratrie -10\u00a0% : 1 demande");
    await expect(notes).toContainText(/^tarif hors commune · réduction fratrie -10\s% : 1 demandetarif hors commune : 1 demande$/);
    await shoot(page, "tarifs-periode-1280");
    await expectAccessible(page);
    await page.context().close();
  }

  // Last month billed and sent; the family's invoice says why each price is what it is.
  await desk.goto(`/admin/facturation?lieu=${s.w.structure.id}&mois=${s.lastMonthDay.slice(0, 7)}`);
  await desk.getByRole("button", { name: "Générer le mois" }).click();
  await expect(desk.getByText(/^1 facture créée \(/)).toBeVisible({ timeout: 30_000 });
  await desk.getByRole("button", { name: "Envoyer les factures" }).click();
  await desk.getByRole("alertdialog", { name: "Envoyer 1 facture ?" }).getByRole("button", { name: "Envoyer les factures" }).click();
  await expect(toasts(desk).getByText("Envoi d'une facture lancé.")).toBeVisible();
  await expect(desk.getByText("1 facture envoyée aux familles par e-mail.")).toBeVisible({ timeout: 30_000 });

  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(page, s.f.user.email);
  await page.goto("/mes-factures");
  await page
    .getByText(/^Facture n° \d{4}-\d{6} — /)
    .first()
    .click();
  const lines = page.getByRole("table", { name: /Lignes de la facture/ }).first();
  await expect(lines).toContainText("tarif hors commune · réduction fratrie -10\u00a0%");
  await expect(lines).toContainText(/6,30\s€/);
  await expect(lines).toContainText(/7,00\s€/);
  await shoot(page, "tarifs-facture-390");
  await expectAccessible(page);
  const link = page.getByRole("link", { name: /^Télécharger la facture n° \d{4}-\d{6} \(PDF\)$/ }).first();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const pdf = await extractText(await getDocumentProxy(new Uint8Array(await readFile((await download.path())!))), { mergePages: true });
  expect(pdf.text).toMatch(/tarif\s+hors\s+commune/);
  expect(pdf.text).toMatch(/réduction\s+fratrie\s+-10\s*%/);
  expect(pdf.text).toMatch(/13,30\s€/);
});
