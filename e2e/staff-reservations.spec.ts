import { expect, test, type Page } from "@playwright/test";
import { formatLongDate } from "../lib/format";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { alertWith, expectAccessible, newFamily, newStaff, openDeliveredEmail, signIn, testDb } from "./support";

/*
 * The staff side of réservations, each test with its own activity and families: the console (a family's
 * month, a refusal, a DA batch), the pointage, an exceptional day, the occupancy grid — at 390 px unless said.
 */

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => iso(new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000));
const long = (day: string) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(`${day}T00:00:00Z`),
  );
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

function firstMondayOfNextMonth(): string {
  const now = new Date();
  let day = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  return day;
}

const UNITS = [
  { name: "Matin avec repas", start: "08:30", end: "13:30", capacity: 20 },
  { name: "Après-midi", start: "13:30", end: "17:30", capacity: 20 },
];

async function world(options: { capacity?: number; start?: string; weekdays?: number[] } = {}) {
  const start = options.start ?? firstMondayOfNextMonth();
  const units = options.capacity ? UNITS.map((u) => ({ ...u, capacity: options.capacity! })) : UNITS;
  return createBookableWorld(testDb(), {
    start,
    end: addDays(start, 60),
    weekdays: options.weekdays ?? [3],
    units,
    cancellationDeadline: "J-2 10:00",
  });
}

async function parent(w: Awaited<ReturnType<typeof world>>, firstName: string, health: Record<string, unknown> = {}) {
  const f = await newFamily({ lastName: `${firstName}son`, children: [{ firstName, birthDate: "2018-03-02", sex: "F" }] });
  if (Object.keys(health).length) await testDb().child.update({ where: { id: f.children[0]!.id }, data: health });
  return { ...f, inscription: await inscribe(testDb(), w, f.family, f.children[0]!.id) };
}

const reservation = (
  inscriptionId: string,
  timeUnitId: string,
  day: string,
  status: "REQUESTED" | "RESERVED" | "WAITLISTED" | "CANCELLATION_REQUESTED",
  extra: object = {},
) => testDb().reservation.create({ data: { inscriptionId, timeUnitId, date: new Date(`${day}T00:00:00Z`), status, ...extra } });

async function staffPage(page: Page) {
  await signIn(page, (await newStaff()).email);
}

test("console : l'accueil refuse une demande avec un motif (la famille le voit), puis valide le mois de la famille en une fois (l'e-mail liste les dates)", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const w = await world();
  const p = await parent(w, "Maëlle");
  const days = w.openingDays.slice(0, 3);
  for (const day of days) await reservation(p.inscription.id, w.units[0]!.id, day, "REQUESTED");
  const refused = await reservation(p.inscription.id, w.units[1]!.id, days[0]!, "REQUESTED");
  await staffPage(page);
  await page.goto(`/admin/reservations?activite=${w.activity.id}`);
  await expectAccessible(page);
  const row = page.getByRole("row", { name: new RegExp(`Maëlle .* — Après-midi, ${escape(long(days[0]!))}`) });
  await row.getByRole("button", { name: /^Refuser : / }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByLabel(/^Motif du refus/).fill("Groupe de l'après-midi complet");
  await dialog.getByRole("button", { name: "Confirmer le refus" }).click();
  await expect.poll(async () => (await testDb().reservation.findUniqueOrThrow({ where: { id: refused.id } })).status).toBe("REFUSED");

  const month = page
    .getByRole("list", { name: "Demandes par famille et par mois" })
    .getByRole("listitem")
    .filter({ hasText: p.family.name });
  await expect(month).toContainText("3 demandes (Maëlle)");
  // By keyboard, at 390 px.
  await month.getByRole("button", { name: /^Valider les 3 demandes : / }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "3 demandes validées." })).toBeVisible();
  await expect.poll(async () => testDb().reservation.count({ where: { inscriptionId: p.inscription.id, status: "RESERVED" } })).toBe(3);
  const text = await openDeliveredEmail(page, p.user.email, "Vos demandes de réservation ont été validées");
  for (const day of days) expect(text).toContain(`${formatLongDate(day)} - Temps d'accueil : Matin avec repas - Réservation`);

  // The family sees the refusal and its reason on the dashboard.
  const home = await (await browser.newContext()).newPage();
  await signIn(home, p.user.email);
  await home.goto("/tableau-de-bord");
  await expect(home.getByText("Groupe de l'après-midi complet")).toBeVisible();
});

test("console : un lot de trois demandes d'annulation décidé en une fois, 2 excusées + 1 facturée, un seul e-mail au texte de la structure", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const w = await world();
  const p = await parent(w, "Noé");
  const days = w.openingDays.slice(0, 3);
  // The first asked after its deadline (J-2 10:00), the other two in time.
  await reservation(p.inscription.id, w.units[0]!.id, days[0]!, "CANCELLATION_REQUESTED", {
    decidedAt: new Date(`${addDays(days[0]!, -1)}T12:00:00Z`),
  });
  for (const day of days.slice(1))
    await reservation(p.inscription.id, w.units[0]!.id, day, "CANCELLATION_REQUESTED", { decidedAt: new Date() });
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await staffPage(desk);
  await desk.goto(`/admin/reservations?activite=${w.activity.id}`);
  for (const day of days) {
    const name = new RegExp(`Noé .* — Matin avec repas, ${escape(long(day))}`);
    await desk.getByRole("checkbox", { name: new RegExp(`^Sélectionner : ${name.source}`) }).check();
  }
  // The deadline proposed each decision.
  await expect(desk.getByRole("radio", { name: "Facturée (proposée)" })).toHaveCount(1);
  await expect(desk.getByRole("radio", { name: "Excusée (proposée)" })).toHaveCount(2);
  await expectAccessible(desk);
  const batch = desk.getByRole("form", { name: "Décider les annulations cochées" });
  await batch.getByLabel("Motif (envoyé à la famille)").fill("Selon le délai d'annulation");
  await batch.getByRole("button", { name: "Décider les annulations cochées" }).click();
  await expect(desk.getByRole("status").filter({ hasText: "2 annulations excusées, 1 annulation facturée." })).toBeVisible();
  const text = await openDeliveredEmail(desk, p.user.email, "Réponse à vos demandes d'annulation");
  expect(text).toContain(
    `Matin avec repas\n2 annulations excusées les : ${formatLongDate(days[1]!)}, ${formatLongDate(days[2]!)}\n1 annulation facturée le : ${formatLongDate(days[0]!)}`,
  );
  expect(await testDb().emailOutbox.count({ where: { familyId: p.family.id, template: "reservation-cancellations" } })).toBe(1);
});

test("pointage d'un jour à 390 px : tous présents sauf un absent → P et A Fact. sur les calendriers ; ce qu'il faut savoir à l'accueil est affiché", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const day = today();
  const w = await world({ start: addDays(day, -14), weekdays: [0, 1, 2, 3, 4, 5, 6] });
  const present = await parent(w, "Olive", { hasAllergies: true, allergyNotes: "Arachide", hasPai: true });
  const absent = await parent(w, "Pablo");
  for (const p of [present, absent]) await reservation(p.inscription.id, w.units[0]!.id, day, "RESERVED");
  await staffPage(page);
  await page.goto(`/admin/pointage?activite=${w.activity.id}&unite=${w.units[0]!.id}`);
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`Matin avec repas .*${escape(long(day))}`) })).toBeVisible();
  const list = page.getByRole("list", { name: "Enfants attendus" });
  await expect(list.getByRole("listitem").filter({ hasText: "Olive" }).first()).toContainText("Allergies : Arachide");
  await expect(list.getByRole("listitem").filter({ hasText: "Olive" }).first()).toContainText("PAI");
  await expectAccessible(page);
  // « Tous présents » (nobody is marked before), then one key for the absent one.
  await page.getByRole("button", { name: "Tous présents" }).click();
  const pablo = page.getByRole("group", { name: /^Pointage de Pablo/ });
  await pablo.getByRole("radio", { name: "Présent" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(pablo.getByRole("radio", { name: "Absent facturé" })).toBeChecked();
  await page.getByRole("button", { name: "Enregistrer le pointage" }).click();
  await expect(
    alertWith(page, "Pointage enregistré : 2 enfants pointés.").or(
      page.getByRole("status").filter({ hasText: "Pointage enregistré : 2 enfants pointés." }),
    ),
  ).toBeVisible();
  await expect
    .poll(async () =>
      (
        await testDb().reservation.findMany({
          where: { timeUnitId: w.units[0]!.id },
          orderBy: { inscription: { child: { firstName: "asc" } } },
        })
      ).map((r) => r.status),
    )
    .toEqual(["PRESENT", "ABSENT_BILLED"]);
  // The families' calendars show P and A Fact.
  for (const [p, word] of [
    [present, "Présence"],
    [absent, "Absence facturée"],
  ] as const) {
    const home = await (await browser.newContext()).newPage();
    await signIn(home, p.user.email);
    await home.goto(`/mes-reservations?inscription=${p.inscription.id}&mois=${day.slice(0, 7)}`);
    await expect(
      home.getByText(new RegExp(`^Matin avec repas, ${escape(long(day))}, ${p.children[0]!.firstName} : ${word}`)),
    ).toBeAttached();
  }
  // The CSV of the day downloads.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exporter le jour (CSV)" }).click();
  expect((await download).suggestedFilename()).toMatch(new RegExp(`^pointage-.*-${day}\\.csv$`));
});

test("journée exceptionnelle depuis Occupation : grille avec un jour complet et sa liste d'attente, puis l'accueil est annulé → fermé sur les calendriers, rien de facturable, e-mails envoyés", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const w = await world({ capacity: 1 });
  const day = w.openingDays[0]!;
  const [booked, waiting, other] = [await parent(w, "Rosa"), await parent(w, "Sacha"), await parent(w, "Tilio")];
  await reservation(booked.inscription.id, w.units[0]!.id, day, "RESERVED");
  await reservation(waiting.inscription.id, w.units[0]!.id, day, "WAITLISTED", { waitlistRank: 1 });
  const desk = page;
  await staffPage(desk);
  await desk.goto(`/admin/occupation?activite=${w.activity.id}&mois=${day.slice(0, 7)}`);
  const full = desk.getByRole("link", { name: `Matin avec repas, ${long(day)} : 1 réservées sur 1, 1 en attente, complet` });
  await expect(full).toBeVisible();
  await expectAccessible(desk);
  await full.click();
  await expect(desk.getByRole("heading", { level: 2, name: `Matin avec repas — ${long(day)}` })).toBeVisible();
  await expect(desk.getByRole("list", { name: "Enfants de ce jour" })).toContainText("Rosa");
  await expect(desk.getByRole("list", { name: "Liste d'attente de ce jour" })).toContainText("n°1 : Sacha");
  await expectAccessible(desk);

  await desk.getByRole("button", { name: "Annuler l'accueil de ce jour" }).click();
  const confirm = desk.getByRole("alertdialog");
  await expect(confirm).toContainText(`Annuler l'accueil du ${long(day)} (Matin avec repas) ?`);
  await confirm.getByLabel(/^Motif \(envoyé aux familles\)/).fill("Grève des animateurs");
  await expectAccessible(desk);
  await confirm.getByRole("button", { name: "Annuler l'accueil", exact: true }).click();
  await expect(
    desk.getByRole("status").filter({
      hasText: /Accueil du .* annulé \(Matin avec repas\) : 2 réservations ou demandes annulées, 2 familles prévenues par e-mail\./,
    }),
  ).toBeVisible();
  await expect(desk.getByText("Annulé par la structure : Grève des animateurs")).toBeVisible();
  expect(
    await testDb().reservation.count({
      where: { timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), NOT: { status: "CANCELLED" } },
    }),
  ).toBe(0);
  const text = await openDeliveredEmail(desk, booked.user.email, "Accueil annulé par la structure");
  expect(text).toContain("Motif : Grève des animateurs");
  await openDeliveredEmail(desk, waiting.user.email, "Accueil annulé par la structure");

  for (const [p, word] of [
    [booked, "Annulée par la structure : Grève des animateurs"],
    [other, "Réservation non disponible : jour fermé"],
  ] as const) {
    const home = await (await browser.newContext()).newPage();
    await signIn(home, p.user.email);
    await home.goto(`/mes-reservations?inscription=${p.inscription.id}&mois=${day.slice(0, 7)}`);
    await expect(home.getByText(`Matin avec repas, ${long(day)}, ${p.children[0]!.firstName} : ${word}`, { exact: true })).toBeAttached();
    await expect(
      home
        .getByRole("region", { name: "Jours sans accueil ce mois-ci" })
        .or(home.getByText("Grève des animateurs — accueil annulé par la structure (Matin avec repas)", { exact: false }))
        .first(),
    ).toBeVisible();
  }
});

test("agenda (ICS) et rappels : le parent crée l'adresse de son agenda, elle sert ses réservations, la désactive (404) ; il coupe un rappel dans Mes coordonnées", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const w = await world();
  const p = await parent(w, "Ugo");
  await reservation(p.inscription.id, w.units[0]!.id, w.openingDays[0]!, "RESERVED");
  await signIn(page, p.user.email);
  await page.goto("/mes-reservations");
  await page.getByRole("button", { name: "Créer l'adresse de mon agenda" }).click();
  const address = page.getByLabel("Adresse de l'agenda");
  await expect(address).toHaveValue(/\/calendrier\/[A-Za-z0-9_-]{43}\.ics$/);
  await expectAccessible(page);
  const url = new URL(await address.inputValue());
  const feed = await request.get(url.pathname);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain(`SUMMARY:Ugo — Matin avec repas (${w.activity.name})`);
  await page.getByRole("button", { name: "Désactiver l'adresse" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Désactiver" }).click();
  await expect(page.getByRole("button", { name: "Créer l'adresse de mon agenda" })).toBeVisible();
  expect((await request.get(url.pathname)).status()).toBe(404);

  await page.goto("/mes-coordonnees");
  const reminders = page.getByRole("group", { name: "Je reçois un rappel pour" });
  await reminders.getByRole("checkbox", { name: /^Le dernier jour pour réserver/ }).uncheck();
  await page.getByRole("button", { name: "Enregistrer mes rappels" }).click();
  await expect(page.getByText("Vos rappels par e-mail sont enregistrés.")).toBeVisible();
  await expect
    .poll(async () => (await testDb().family.findUniqueOrThrow({ where: { id: p.family.id } })).remindersOff)
    .toEqual(["DEADLINE"]);
  await expectAccessible(page);
});
