import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { formatLongDate } from "../lib/format";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { expectAccessible, field, newFamily, newStaff, openDeliveredEmail, openRubrique, signIn, testDb } from "./support";

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => iso(new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000));
const long = (day: string) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(`${day}T00:00:00Z`),
  );
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The first Monday of next month: its first three Wednesdays fall in one calendar month, which the calendar opens on. */
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

const UNITS = [
  { name: "Matin avec repas", start: "08:30", end: "13:30", capacity: 20, prices: [400, 600, 800, 1000] },
  { name: "Après-midi", start: "13:30", end: "17:30", capacity: 20, prices: [300, 450, 600, 750] },
];

async function world(options: { automatic?: boolean; cancellationDeadline?: string; closed?: string[] } = {}) {
  const start = firstMondayOfNextMonth();
  const w = await createBookableWorld(testDb(), { start, end: addDays(start, 69), weekdays: [3], units: UNITS, ...options });
  const wednesdays = w.openingDays;
  return { ...w, start, wednesdays };
}

async function parent(w: Awaited<ReturnType<typeof world>>, children: string[] = ["Léa"]) {
  const f = await newFamily({
    children: children.map((firstName, i) => ({ firstName, birthDate: `201${7 + i}-03-02`, sex: "F" as const })),
  });
  const inscriptions = [];
  for (const child of f.children) inscriptions.push(await inscribe(testDb(), w, f.family, child.id));
  return { ...f, inscriptions };
}

const cell = (page: Page, unit: string, day: string, child: string) =>
  page.getByRole("button", { name: new RegExp(`^${escape(unit)}, ${escape(long(day))}, ${escape(child)} : `) });

/** A staff decision through the domain function the staff console will call (next issue). */
function staffDecides(name: "accept" | "refuse" | "decide", input: object): unknown {
  const out = execFileSync("node", ["--conditions=react-server", "--import", "tsx", "e2e/domain.ts", name, JSON.stringify(input)], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
  });
  return JSON.parse(out.toString());
}

async function openCalendar(page: Page) {
  await openRubrique(page, "Mes réservations");
  await expect(page.getByRole("heading", { level: 1, name: "Mes réservations" })).toBeVisible();
}

test("trois mercredis cliqués : sélectionnés, puis DR ; l'accueil les accepte → R, et l'e-mail liste les dates", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const w = await world();
  const p = await parent(w);
  const days = w.wednesdays.slice(0, 3);
  await signIn(page, p.user.email);
  await openCalendar(page);
  await expectAccessible(page);
  for (const day of days) {
    await cell(page, "Matin avec repas", day, "Léa").click();
    await expect(cell(page, "Matin avec repas", day, "Léa")).toHaveAttribute("aria-pressed", "true");
  }
  const summary = page.getByRole("region", { name: "Demandes sélectionnées" });
  await expect(summary).toContainText(/3 demandes sélectionnées · montant estimé 18,00\s€/);
  // Unselect one, select it again.
  await cell(page, "Matin avec repas", days[2]!, "Léa").click();
  await expect(summary).toContainText("2 demandes sélectionnées");
  await cell(page, "Matin avec repas", days[2]!, "Léa").click();
  await expectAccessible(page);
  await summary.getByRole("button", { name: "Valider mes demandes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Demandes envoyées : 3 demandes envoyées." })).toBeVisible();
  for (const day of days) await expect(cell(page, "Matin avec repas", day, "Léa")).toHaveAccessibleName(/: Demande de réservation envoyée/);
  await expectAccessible(page);

  const ids = (await testDb().reservation.findMany({ where: { inscriptionId: p.inscriptions[0]!.id }, select: { id: true } })).map(
    (r) => r.id,
  );
  expect(staffDecides("accept", { ids })).toEqual({ done: expect.arrayContaining(ids) as string[], notDone: [] });
  await page.reload();
  for (const day of days) await expect(cell(page, "Matin avec repas", day, "Léa")).toHaveAccessibleName(/: Réservation validée/);

  const staff = await newStaff();
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, staff.email);
  const text = await openDeliveredEmail(desk, p.user.email, "Vos demandes de réservation ont été validées");
  for (const day of days) expect(text).toContain(`${formatLongDate(day)} - Temps d'accueil : Matin avec repas - Réservation`);
});

test("validation automatique : les mêmes clics donnent R tout de suite", async ({ page }) => {
  const w = await world({ automatic: true });
  const p = await parent(w);
  await signIn(page, p.user.email);
  await openCalendar(page);
  await expect(page.getByText("La validation de la demande est automatique à la sélection.")).toBeVisible();
  for (const day of w.wednesdays.slice(0, 3)) await cell(page, "Après-midi", day, "Léa").click();
  await page.getByRole("button", { name: "Valider mes demandes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Demandes envoyées : 3 réservations validées." })).toBeVisible();
  for (const day of w.wednesdays.slice(0, 3))
    await expect(cell(page, "Après-midi", day, "Léa")).toHaveAccessibleName(/: Réservation validée/);
});

test("Réservations sur période, semaine paire : l'aperçu saute le jour férié, le total est la somme des tarifs, puis tout part en une fois", async ({
  page,
}) => {
  const start = firstMondayOfNextMonth();
  const candidates = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => addDays(start, 2 + 7 * k));
  const even = candidates.filter((d) => isoWeek(d) % 2 === 0);
  const holiday = even[1]!;
  const w = await world({ closed: [holiday] });
  const p = await parent(w);
  await signIn(page, p.user.email);
  await openCalendar(page);
  await page.getByRole("link", { name: "Réservations sur période" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réservations sur période" })).toBeVisible();
  await expectAccessible(page);
  const fr = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  await field(page, "Date début").fill(fr(start));
  await field(page, "Date fin").fill(fr(candidates[7]!));
  await page.getByRole("radio", { name: "Semaines paires" }).check();
  await page.getByRole("checkbox", { name: "Mercredi — Matin avec repas" }).check();
  await page.getByRole("checkbox", { name: "Mercredi — Après-midi" }).check();
  await page.getByRole("button", { name: "Voir les dates" }).click();
  const preview = page.getByRole("region", { name: /^Aperçu/ });
  const asked = even.filter((d) => d !== holiday);
  // QF 650: 6,00 € the morning, 4,50 € the afternoon.
  const total = (asked.length * (600 + 450)) / 100;
  await expect(preview.getByRole("heading", { name: `Aperçu : ${asked.length * 2} demandes pour Léa` })).toBeVisible();
  await expect(preview).toContainText(new RegExp(`Total : ${String(total.toFixed(2)).replace(".", ",")}\\s€`));
  await expect(preview).toContainText(`Jours sans accueil ignorés (vacances, jours fériés, fermetures) : ${fr(holiday)}`);
  for (const d of asked) await expect(preview).toContainText(`${long(d)} : Matin avec repas, Après-midi`);
  await expect(preview).not.toContainText(long(holiday));
  await expectAccessible(page);
  await preview.getByRole("button", { name: "Valider mes demandes de réservations" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Demandes envoyées : ${asked.length * 2} demandes envoyées.` })).toBeVisible();
  expect(await testDb().reservation.count({ where: { inscriptionId: p.inscriptions[0]!.id, status: "REQUESTED" } })).toBe(asked.length * 2);
});

test("annulation dans le délai (absence excusée) et après le délai (prévenu d'abord qu'elle sera facturée)", async ({ page }) => {
  const start = firstMondayOfNextMonth();
  const first = addDays(start, 2);
  const daysAway = Math.round((new Date(`${first}T00:00:00Z`).getTime() - Date.now()) / 86_400_000);
  // The first Wednesday's cancellation deadline passed three days ago; the second's is still four days ahead.
  const w = await world({ cancellationDeadline: `J-${daysAway + 3} 10:00` });
  const p = await parent(w);
  const [late, inTime] = [w.wednesdays[0]!, w.wednesdays[1]!];
  for (const day of [late, inTime]) {
    await testDb().reservation.create({
      data: { inscriptionId: p.inscriptions[0]!.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status: "RESERVED" },
    });
  }
  await signIn(page, p.user.email);
  await openCalendar(page);

  await cell(page, "Matin avec repas", inTime, "Léa").click();
  const dialog = page.getByRole("dialog", { name: "Annuler cette réservation ?" });
  await expect(dialog).toContainText("ce sera une absence excusée, non facturée");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Demander l'annulation" }).click();
  await expect(cell(page, "Matin avec repas", inTime, "Léa")).toHaveAccessibleName(/: Demande d'annulation/);

  await cell(page, "Matin avec repas", late, "Léa").click();
  await expect(dialog).toContainText("Le délai d'annulation est dépassé");
  await expect(dialog).toContainText("cette absence sera probablement facturée (absence facturée)");
  await dialog.getByRole("button", { name: "Demander l'annulation" }).click();
  await expect(cell(page, "Matin avec repas", late, "Léa")).toHaveAccessibleName(/: Demande d'annulation/);
  expect(await testDb().reservation.count({ where: { inscriptionId: p.inscriptions[0]!.id, status: "CANCELLATION_REQUESTED" } })).toBe(2);
});

test("vue famille : un même jour réservé pour deux enfants en une fois", async ({ page }) => {
  const w = await world({ automatic: true });
  const p = await parent(w, ["Léa", "Noé"]);
  const day = w.wednesdays[1]!;
  await signIn(page, p.user.email);
  await openCalendar(page);
  await expect(page.getByRole("link", { name: "Toute la famille" })).toHaveAttribute("aria-current", "page");
  await cell(page, "Matin avec repas", day, "Léa").click();
  await cell(page, "Matin avec repas", day, "Noé").click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Valider mes demandes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Demandes envoyées : 2 réservations validées." })).toBeVisible();
  for (const child of ["Léa", "Noé"])
    await expect(cell(page, "Matin avec repas", day, child)).toHaveAccessibleName(/: Réservation validée/);
  expect(await testDb().reservation.count({ where: { inscription: { familyId: p.family.id }, status: "RESERVED" } })).toBe(2);
});

test("sur un grand écran, les flèches haut et bas restent dans la colonne de l'unité", async ({ browser }) => {
  const w = await world();
  const p = await parent(w);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(page, p.user.email);
  await page.goto("/mes-reservations");
  // A click (once the page's script runs, the cell says it is selected) puts the focus on the cell.
  await cell(page, "Après-midi", w.wednesdays[0]!, "Léa").click();
  await expect(cell(page, "Après-midi", w.wednesdays[0]!, "Léa")).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowDown");
  await expect(cell(page, "Après-midi", w.wednesdays[1]!, "Léa")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Home");
  await expect(cell(page, "Matin avec repas", w.wednesdays[0]!, "Léa")).toBeFocused();
});

test("au clavier seulement : flèches pour aller à un jour, Espace pour le sélectionner, puis envoyer", async ({ page }) => {
  const w = await world({ automatic: true });
  const p = await parent(w);
  await signIn(page, p.user.email);
  await openCalendar(page);
  const first = cell(page, "Matin avec repas", w.wednesdays[0]!, "Léa");
  await first.focus();
  await page.keyboard.press("ArrowRight");
  await expect(cell(page, "Après-midi", w.wednesdays[0]!, "Léa")).toBeFocused();
  // On a phone a day's cells are stacked: down goes to the next cell, here the next day's first.
  await page.keyboard.press("ArrowDown");
  const target = cell(page, "Matin avec repas", w.wednesdays[1]!, "Léa");
  await expect(target).toBeFocused();
  await page.keyboard.press("Space");
  await expect(target).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(cell(page, "Après-midi", w.wednesdays[1]!, "Léa")).toHaveAttribute("aria-pressed", "true");
  // Tab leaves the grid (one tab stop) for the summary's button.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Désélectionner" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Valider mes demandes" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Demandes envoyées : 2 réservations validées." })).toBeVisible();
});

test("l'accueil valide une DR et décide une DA depuis « Demandes de réservation », avec les places du jour", async ({ browser }) => {
  test.setTimeout(120_000);
  const w = await world({ cancellationDeadline: "J-2 10:00" });
  const p = await parent(w, ["Zélie"]);
  const [first, second] = [w.wednesdays[0]!, w.wednesdays[1]!];
  const request = await testDb().reservation.create({
    data: { inscriptionId: p.inscriptions[0]!.id, timeUnitId: w.units[0]!.id, date: new Date(`${first}T00:00:00Z`), status: "REQUESTED" },
  });
  const asked = await testDb().reservation.create({
    data: {
      inscriptionId: p.inscriptions[0]!.id,
      timeUnitId: w.units[1]!.id,
      date: new Date(`${second}T00:00:00Z`),
      status: "CANCELLATION_REQUESTED",
      decidedAt: new Date(),
    },
  });
  const staff = await newStaff();
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, staff.email);
  await desk.goto(`/admin/reservations?activite=${w.activity.id}`);
  await expect(desk.getByRole("heading", { level: 1, name: "Demandes de réservation" })).toBeVisible();
  await expectAccessible(desk);
  const row = desk.getByRole("row", { name: new RegExp(`Zélie .* — Matin avec repas, ${escape(long(first))}`) });
  await expect(row).toContainText("1 / 20 réservées");
  await row.getByRole("button", { name: /^Valider : / }).click();
  await expect(desk.getByText(/^Réservation validée : Zélie/)).toBeVisible();
  await expect.poll(async () => (await testDb().reservation.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("RESERVED");

  // The validated request leaves the list once the page is read again: only then open the next dialog (a dialog
  // opened while the list is replaced would be closed by it).
  await expect(desk.getByText("Aucune demande de réservation en attente")).toBeVisible();
  const cancellation = desk.getByRole("row", { name: new RegExp(`Zélie .* — Après-midi, ${escape(long(second))}`) });
  await cancellation.getByRole("button", { name: /^Absence excusée : / }).click();
  const dialog = desk.getByRole("alertdialog");
  await dialog.getByLabel(/^Motif/).fill("Annulée dans le délai");
  await expectAccessible(desk);
  await dialog.getByRole("button", { name: "Confirmer : absence excusée" }).click();
  await expect.poll(async () => (await testDb().reservation.findUniqueOrThrow({ where: { id: asked.id } })).status).toBe("ABSENT_EXCUSED");
  const text = await openDeliveredEmail(desk, p.user.email, "Réponse à vos demandes d'annulation");
  expect(text).toContain(`1 annulation excusée le : ${formatLongDate(second)}`);
});
