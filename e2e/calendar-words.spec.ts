import { expect, test, type Page } from "@playwright/test";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { expectAccessible, newFamily, signIn, testDb } from "./support";

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => iso(new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000));
const long = (day: string) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(`${day}T00:00:00Z`),
  );
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const month = (offset: number) => {
  const now = new Date();
  return iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))).slice(0, 7);
};

/** The seed's five units of the mercredis, with its rules (journée ≠ matin / après-midi; the relays need their half-day). */
const UNITS = [
  { name: "Accueil relais matin", start: "07:30", end: "08:30", capacity: 20, prices: [50, 80, 110, 140] },
  { name: "Matin avec repas", start: "08:30", end: "13:30", capacity: 24, prices: [400, 600, 800, 1000] },
  { name: "Après-midi", start: "13:30", end: "17:30", capacity: 24, prices: [300, 450, 600, 750] },
  { name: "Journée complète", start: "08:30", end: "17:30", capacity: 24, prices: [650, 950, 1300, 1600] },
  { name: "Accueil relais soir", start: "17:30", end: "18:30", capacity: 20, prices: [50, 80, 110, 140] },
];

/** Wednesdays from the first of last month to the end of next month's next, two children, a few states of each kind. */
async function twoChildMonth(children = ["Léa", "Noé"]) {
  const start = `${month(-1)}-01`;
  const end = addDays(`${month(3)}-01`, -1);
  const w = await createBookableWorld(testDb(), { start, end, weekdays: [3], units: UNITS, bookingDeadline: "J-2 10:00" });
  const [relaisMatin, matin, apresMidi, journee, relaisSoir] = w.units.map((u) => u.id) as [string, string, string, string, string];
  await testDb().timeUnitRule.createMany({
    data: [
      { kind: "INCOMPATIBLE", unitId: journee, otherUnitId: matin },
      { kind: "INCOMPATIBLE", unitId: journee, otherUnitId: apresMidi },
      { kind: "REQUIRES", unitId: relaisMatin, otherUnitId: matin },
      { kind: "REQUIRES", unitId: relaisMatin, otherUnitId: journee },
      { kind: "REQUIRES", unitId: relaisSoir, otherUnitId: apresMidi },
      { kind: "REQUIRES", unitId: relaisSoir, otherUnitId: journee },
    ],
  });
  const f = await newFamily({
    children: children.map((firstName, i) => ({ firstName, birthDate: `201${7 + i}-03-02`, sex: "F" as const })),
  });
  const inscriptions: Awaited<ReturnType<typeof inscribe>>[] = [];
  for (const child of f.children) inscriptions.push(await inscribe(testDb(), w, f.family, child.id));
  const today = iso(new Date());
  const future = w.openingDays.filter((d) => d > addDays(today, 7));
  const past = w.openingDays.filter((d) => d < today);
  const book = (i: number, unit: string, day: string, status: "RESERVED" | "REQUESTED" | "PRESENT" | "ABSENT_EXCUSED" | "CANCELLED") =>
    testDb().reservation.create({
      data: {
        inscriptionId: inscriptions[i]!.id,
        timeUnitId: unit,
        date: new Date(`${day}T00:00:00Z`),
        status,
        reason: status === "CANCELLED" ? "Grève" : null,
      },
    });
  for (const day of past) await book(0, matin, day, "PRESENT");
  await book(0, matin, future[0]!, "RESERVED");
  await book(0, apresMidi, future[0]!, "ABSENT_EXCUSED");
  await book(0, relaisSoir, future[0]!, "CANCELLED");
  if (inscriptions[1]) await book(1, journee, future[0]!, "REQUESTED");
  return { ...w, ...f, inscriptions, future, past, units: { relaisMatin, matin, apresMidi, journee, relaisSoir } };
}

async function shoot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR!;
  const tag = process.env.SHOTS_TAG ?? "";
  await page.screenshot({ path: `${dir}/${tag}${name}.png`, fullPage: true });
  return page.evaluate(() => document.documentElement.scrollHeight);
}

// Screenshots and heights to look at (SHOTS_DIR=/some/dir), not a check: skipped in CI.
test("captures : le calendrier à 390 et 1280 px, un et deux enfants, et le formulaire sur période", async ({ browser }) => {
  test.skip(!process.env.SHOTS_DIR, "captures seulement avec SHOTS_DIR");
  test.setTimeout(180_000);
  const two = await twoChildMonth();
  const one = await twoChildMonth(["Léa"]);
  const heights: string[] = [];
  for (const width of [390, 1280]) {
    for (const [label, world] of [
      ["deux-enfants", two],
      ["un-enfant", one],
    ] as const) {
      const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await signIn(page, world.user.email);
      for (const [m, name] of [
        [month(0), "mois"],
        [month(-1), "mois-passe"],
      ] as const) {
        await page.goto(`/mes-reservations?mois=${m}`);
        await expect(page.getByRole("heading", { level: 1, name: "Mes réservations" })).toBeVisible();
        heights.push(`${label} ${name} ${width} px : ${await shoot(page, `calendrier-${label}-${name}-${width}`)} px`);
        const filter = page.getByLabel("Enfant affiché");
        if (label === "deux-enfants" && (await filter.count()) > 0) {
          await filter.selectOption({ label: "Noé" });
          heights.push(
            `${label} ${name} ${width} px, filtré sur Noé : ${await shoot(page, `calendrier-${label}-${name}-noe-${width}`)} px`,
          );
        }
      }
      if (label === "un-enfant") {
        await page.goto(`/mes-reservations/periode`);
        await expect(page.getByRole("heading", { level: 1, name: "Réservations sur période" })).toBeVisible();
        await shoot(page, `periode-${width}`);
      }
      await page.context().close();
    }
  }
  console.log(heights.join("\n"));
});

const fr = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
/** « 07/12/2026 à 10:00 », or « 10 h 00 » once times are written the French way everywhere. */
const deadline = (day: string) => new RegExp(`${escape(fr(day))} à 10(\\sh|:00)`);
const cell = (page: Page, unit: string, day: string, child: string) =>
  page.getByRole("button", { name: new RegExp(`^${escape(unit)}, ${escape(long(day))}, ${escape(child)} : `) });
/** A cell that cannot be acted on (a span), by its screen-reader text. */
const staticCell = (page: Page, unit: string, day: string, child: string) =>
  page.getByText(new RegExp(`^${escape(unit)}, ${escape(long(day))}, ${escape(child)} : `)).locator("..");

test("chaque case dit son état en mots, son code, son prix et son délai en entier (1280 px) ; A Exc. et Ann. ne se ressemblent pas ; à 390 px, le filtre par enfant, et une case que les règles refuseront le dit à côté d'elle dès le clic, sans être comptée ni envoyée", async ({
  browser,
}) => {
  const w = await twoChildMonth();
  const day = w.future[0]!;
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(page, w.user.email);
  await page.goto(`/mes-reservations?mois=${day.slice(0, 7)}`);

  const reserved = cell(page, "Matin avec repas", day, "Léa");
  await expect(reserved).toContainText("Réservation validée");
  await expect(reserved.getByText("R", { exact: true })).toBeVisible();
  await expect(reserved).toContainText(/6,00\s€/);
  await expect(reserved).toContainText(new RegExp(`annulation sans frais jusqu'au ${deadline(addDays(day, -2)).source}`));
  const free = cell(page, "Matin avec repas", day, "Noé");
  await expect(free).toContainText("Libre");
  await expect(free).toContainText(/6,00\s€/);
  await expect(free).toContainText(new RegExp(`réservable jusqu'au ${deadline(addDays(day, -2)).source}`));
  // Nothing cut: every line of the cell fits in it (the deadline wraps rather than overflows).
  for (const c of [reserved, free]) {
    const clipped = await c.evaluate((button) =>
      [...button.querySelectorAll("span")].some(
        (s) => s.scrollWidth > s.clientWidth + 1 || s.getBoundingClientRect().right > button.getBoundingClientRect().right + 1,
      ),
    );
    expect(clipped).toBe(false);
  }

  const excused = staticCell(page, "Après-midi", day, "Léa");
  const cancelled = staticCell(page, "Accueil relais soir", day, "Léa");
  await expect(excused).toContainText("Absence excusée");
  await expect(excused).toContainText("A Exc.");
  await expect(cancelled).toContainText("Annulée par la structure : Grève");
  await expect(cancelled).toContainText("Ann.");
  for (const c of [excused, cancelled]) await expect(c).toContainText("non facturée");
  // Not only colour: a solid cell, and a dashed one.
  expect(await excused.evaluate((e) => getComputedStyle(e).borderStyle)).toBe("solid");
  expect(await cancelled.evaluate((e) => getComputedStyle(e).borderStyle)).toBe("dashed");
  await expectAccessible(page);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  // The family view shows one child when asked.
  await page.getByLabel("Enfant affiché").selectOption({ label: "Noé" });
  await expect(cell(page, "Matin avec repas", day, "Léa")).toHaveCount(0);
  await expect(cell(page, "Matin avec repas", day, "Noé")).toBeVisible();
  await page.getByLabel("Enfant affiché").selectOption({ label: "Tous les enfants" });
  await expect(cell(page, "Matin avec repas", day, "Léa")).toBeVisible();
  // Noé has a Journée complète asked that day: a Matin avec repas is refused by the rules.
  const refused = cell(page, "Matin avec repas", day, "Noé");
  await refused.click();
  await expect(refused).toHaveAccessibleDescription(
    /Sera refusée, non envoyée : « Matin avec repas » ne peut pas être réservé le même jour que « Journée complète »/,
  );
  const warning = page.getByText(/^Sera refusée, non envoyée/);
  const [cellBox, warningBox] = [await refused.boundingBox(), await warning.boundingBox()];
  // Right under its cell, covering nothing.
  expect(warningBox!.y).toBeGreaterThanOrEqual(cellBox!.y + cellBox!.height - 1);
  expect(warningBox!.y).toBeLessThan(cellBox!.y + cellBox!.height + 12);
  await expect(page.getByRole("status").filter({ hasText: /Matin avec repas, .*, Noé : sera refusée, non envoyée/ })).toHaveCount(1);
  // Léa's Accueil relais matin is fine (she has the morning): only it is counted and sent.
  await cell(page, "Accueil relais matin", day, "Léa").click();
  const bar = page.getByRole("region", { name: "Demandes sélectionnées" });
  await expect(bar).toContainText(/1 demande sélectionnée · montant estimé 0,80\s€/);
  await expect(bar).toContainText("1 autre case ne sera pas envoyée");
  await expectAccessible(page);
  if (process.env.SHOTS_DIR)
    await page.screenshot({ path: `${process.env.SHOTS_DIR}/${process.env.SHOTS_TAG ?? ""}conflit-390.png`, fullPage: true });
  await bar.getByRole("button", { name: "Valider mes demandes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Demandes envoyées : 1 demande envoyée." })).toBeVisible();
  const asked = await testDb().reservation.findMany({
    where: { inscription: { familyId: w.family.id }, status: "REQUESTED", timeUnitId: { not: w.units.journee } },
    select: { timeUnitId: true, inscriptionId: true },
  });
  expect(asked).toEqual([{ timeUnitId: w.units.relaisMatin, inscriptionId: w.inscriptions[0]!.id }]);
});

test("sur un téléphone : les cases de « Réservations sur période » ont leur libellé et 44 px ; les jours passés sont repliés et se déplient au clavier", async ({
  page,
}) => {
  const w = await twoChildMonth(["Léa"]);
  const first = w.past[0]!;
  await signIn(page, w.user.email);
  await page.goto("/mes-reservations/periode");
  const box = page.getByRole("checkbox", { name: "Mercredi — Matin avec repas" });
  const label = page.locator("label").filter({ has: box });
  await expect(label).toContainText("Matin avec repas");
  const target = (await label.boundingBox())!;
  expect(target.height).toBeGreaterThanOrEqual(44);
  expect(target.width).toBeGreaterThanOrEqual(44);
  // The whole line is the target: a tap at its far end ticks the box.
  await label.click({ position: { x: target.width - 4, y: target.height / 2 } });
  await expect(box).toBeChecked();
  await expectAccessible(page);
  await page.goto(`/mes-reservations?mois=${first.slice(0, 7)}`);
  const row = page.getByRole("rowheader", { name: long(first) });
  const unfold = page.getByRole("button", { name: /^Afficher les jours passés/ });
  await expect(unfold).toHaveAttribute("aria-expanded", "false");
  await expect(row).toBeHidden();
  await unfold.focus();
  await page.keyboard.press("Enter");
  await expect(row).toBeVisible();
  await expect(staticCell(page, "Matin avec repas", first, "Léa")).toContainText("Présence");
  await expect(page.getByRole("button", { name: "Replier les jours passés" })).toHaveAttribute("aria-expanded", "true");
  await expectAccessible(page);
  // On a large screen nothing is folded.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.reload();
  await expect(staticCell(page, "Matin avec repas", first, "Léa")).toBeVisible();
  await expect(unfold).toBeHidden();
});
