import { expect, test, type Page } from "@playwright/test";
import { createBookableWorld, inscribe, linkSecondFoyer } from "../prisma/factories";
import { expectAccessible, newFamily, newStaff, signIn, testDb } from "./support";

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => iso(new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000));
const long = (day: string) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(`${day}T00:00:00Z`),
  );
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The first Monday of next month: its first four Wednesdays fall in one calendar month, which the calendar opens on. */
function firstMondayOfNextMonth(): string {
  const now = new Date();
  let day = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  return day;
}

/** ISO 8601 week number. */
function isoWeek(day: string): number {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  return 1 + Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / (7 * 86_400_000));
}

const cell = (page: Page, unit: string, day: string, child: string) =>
  page.getByRole("button", { name: new RegExp(`^${escape(unit)}, ${escape(long(day))}, ${escape(child)} : `) });
/** A cell that cannot be acted on (a span), by its screen-reader text. */
const staticCell = (page: Page, unit: string, day: string, child: string) =>
  page.getByText(new RegExp(`^${escape(unit)}, ${escape(long(day))}, ${escape(child)} : `)).locator("..");

async function shoot(page: Page, name: string) {
  if (!process.env.SHOTS_DIR) return;
  await page.screenshot({ path: `${process.env.SHOTS_DIR}/${process.env.SHOTS_TAG ?? ""}${name}.png`, fullPage: true });
}

/** Léa of foyer Martin (first), linked to foyer Bernard (second); Wednesdays of next month, validated at once. */
async function sharedChild() {
  const start = firstMondayOfNextMonth();
  const w = await createBookableWorld(testDb(), {
    start,
    end: addDays(start, 27),
    weekdays: [3],
    automatic: true,
    units: [{ name: "Matin avec repas", start: "08:30", end: "13:30", capacity: 20, prices: [400, 600, 800, 1000] }],
  });
  const a = await newFamily({
    lastName: "Martin",
    quotientFamilial: 300,
    children: [{ firstName: "Léa", birthDate: "2018-03-02", sex: "F" }],
  });
  const b = await newFamily({ lastName: "Bernard", firstName: "Hugo", civility: "M", quotientFamilial: 1000 });
  const child = a.children[0]!;
  await linkSecondFoyer(testDb(), child.id, b.family.id);
  await inscribe(testDb(), w, a.family, child.id);
  const even = w.openingDays.filter((d) => isoWeek(d) % 2 === 0);
  const odd = w.openingDays.filter((d) => isoWeek(d) % 2 === 1);
  return { w, a, b, child, even, odd };
}

test("garde alternée : l'accueil pose les semaines alternées ; deux parents, deux navigateurs, chacun réserve sa semaine et voit l'autre « Chez l'autre parent »", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const s = await sharedChild();

  // The staff sets the plan: even weeks at Bernard's, odd weeks at Martin's.
  const staff = await newStaff();
  for (const width of [390, 1280]) {
    const desk = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    await signIn(desk, staff.email);
    // From the family file's child card.
    await desk.goto(`/admin/familles/${s.a.family.id}`);
    await desk.getByRole("link", { name: "Calendrier de garde de Léa" }).click();
    await expect(desk.getByRole("heading", { level: 1, name: "Calendrier de garde de Léa" })).toBeVisible();
    await desk.getByLabel("Semaines alternées (paires / impaires)").check();
    await desk.getByLabel("Semaines paires chez").selectOption({ label: "Famille BERNARD (second foyer)" });
    await expect(desk.getByText("Semaines impaires chez : Famille MARTIN (premier foyer)")).toBeVisible();
    await expectAccessible(desk);
    await shoot(desk, `garde-accueil-${width}`);
    if (width === 390) {
      // The other kinds, a swapped date and the fixed split, looked at (not saved).
      await desk.getByLabel("Jours fixes de la semaine").check();
      await expect(desk.getByLabel("Mercredi")).toBeVisible();
      await desk.getByRole("button", { name: "Ajouter une date" }).click();
      await expect(desk.getByLabel("Date 1", { exact: true })).toBeVisible();
      await desk.getByLabel(/Partager chaque ligne/).check();
      await expect(desk.getByLabel("Part du premier foyer (Famille MARTIN), en %")).toHaveValue("50");
      await expectAccessible(desk);
      await shoot(desk, "garde-accueil-options-390");
    }
    if (width === 1280) {
      await desk.getByRole("button", { name: "Enregistrer le calendrier de garde" }).click();
      await expect(desk.getByRole("status").filter({ hasText: "Calendrier de garde enregistré" })).toBeVisible();
    }
    await desk.context().close();
  }
  await expect
    .poll(async () => (await testDb().custodyPlan.findUnique({ where: { childId: s.child.id } }))?.evenWeeksFamilyId)
    .toBe(s.b.family.id);

  // Two parents, two browsers, at once: each books its own week, the other's is not even offered.
  const [martin, bernard] = await Promise.all(
    [s.a, s.b].map(async (p) => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await signIn(page, p.user.email);
      await page.goto(`/mes-reservations?mois=${s.w.openingDays[0]!.slice(0, 7)}`);
      await expect(page.getByRole("heading", { level: 1, name: "Mes réservations" })).toBeVisible();
      return page;
    }),
  );
  for (const [page, own, other] of [
    [martin!, s.odd, s.even],
    [bernard!, s.even, s.odd],
  ] as const) {
    for (const day of other) await expect(staticCell(page, "Matin avec repas", day, "Léa")).toContainText("Chez l'autre parent");
    for (const day of own) await cell(page, "Matin avec repas", day, "Léa").click();
  }
  await Promise.all(
    [martin!, bernard!].map((page) =>
      page.getByRole("region", { name: "Demandes sélectionnées" }).getByRole("button", { name: "Valider mes demandes" }).click(),
    ),
  );
  for (const page of [martin!, bernard!])
    await expect(page.getByRole("status").filter({ hasText: /Demandes envoyées : \d réservations? validées?\./ })).toBeVisible();

  // Each sees its own days booked, at its own price, and the other's as « Chez l'autre parent », without detail.
  await bernard!.reload();
  for (const day of s.even)
    await expect(cell(bernard!, "Matin avec repas", day, "Léa")).toHaveAccessibleName(/: Réservation validée, 8,00\s€/);
  for (const day of s.odd) {
    const theirs = staticCell(bernard!, "Matin avec repas", day, "Léa");
    await expect(theirs).toContainText("Chez l'autre parent");
    await expect(theirs).not.toContainText("validée");
    await expect(theirs).not.toContainText("€");
  }
  await expectAccessible(bernard!);
  await shoot(bernard!, "garde-calendrier-bernard-1280");
  await bernard!.setViewportSize({ width: 390, height: 844 });
  await bernard!.reload();
  await expect(staticCell(bernard!, "Matin avec repas", s.odd[0]!, "Léa")).toContainText("Chez l'autre parent");
  await shoot(bernard!, "garde-calendrier-bernard-390");

  const rows = await testDb().reservation.findMany({
    where: { inscription: { childId: s.child.id } },
    select: { date: true, foyerId: true },
  });
  expect(rows.map((r) => [iso(r.date), r.foyerId]).sort()).toEqual(
    [...s.odd.map((d) => [d, s.a.family.id]), ...s.even.map((d) => [d, s.b.family.id])].sort(),
  );

  // The parent's « Calendrier de garde »: read-only, in its own words.
  await bernard!.goto(`/ma-famille/enfants/${s.child.id}/garde`);
  await expect(bernard!.getByRole("heading", { level: 1, name: "Calendrier de garde de Léa" })).toBeVisible();
  await expect(bernard!.getByText("Chez vous").first()).toBeVisible();
  await expect(bernard!.getByText("Chez l'autre parent").first()).toBeVisible();
  await expect(bernard!.getByText("Martin")).toHaveCount(0);
  await expectAccessible(bernard!);
  await shoot(bernard!, "garde-parent-390");
  await bernard!.setViewportSize({ width: 1280, height: 900 });
  await shoot(bernard!, "garde-parent-1280");
});
