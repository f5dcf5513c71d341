import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { formatLongDate } from "../lib/format";
import { extractText, getDocumentProxy } from "unpdf";
import { alertWith, expectAccessible, field, newFamily, newStaff, openDeliveredEmail, signIn, testDb, openRubrique } from "./support";

const iso = (date: Date) => date.toISOString().slice(0, 10);
const fr = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** A period starting on the Monday at least two weeks ahead, lasting ten weeks. */
function upcomingPeriod() {
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + 14 + ((8 - start.getUTCDay()) % 7));
  const end = new Date(start.getTime() + 69 * 86_400_000);
  return { start: iso(start), end: iso(end) };
}

function yearsBefore(day: string, years: number, extraMonths = 0): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCMonth(d.getUTCMonth() - extraMonths);
  return iso(d);
}

async function saved(page: Page, text: string | RegExp) {
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
}

test("l'accueil configure une activité ; un parent inscrit un enfant de 4 ans (Maternelle seulement) ; acceptée → e-mail, V, attestation PDF ; une autre refusée", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36);
  const structureName = `Centre social Test ${suffix}`;
  const activityName = `Mercredis loisirs ${suffix}`;
  const period = upcomingPeriod();

  // ── Staff configure the activity.
  const staff = await newStaff();
  const staffContext = await browser.newContext();
  const admin = await staffContext.newPage();
  await signIn(admin, staff.email);
  await admin.goto("/admin/structures");
  await expectAccessible(admin);
  const newPlace = admin.getByRole("region", { name: "Nouveau lieu d'accueil" });
  await newPlace.getByLabel(/^Nom du lieu d'accueil/).fill(structureName);
  await newPlace.getByLabel("Ville").fill("Lille");
  await newPlace.getByRole("button", { name: "Créer le lieu d'accueil" }).click();
  await saved(admin, `Lieu d'accueil « ${structureName} » créé.`);

  await admin.goto("/admin/activites/nouvelle");
  await expectAccessible(admin);
  await field(admin, "Lieu d'accueil").selectOption({ label: structureName });
  await field(admin, "Type d'accueil").selectOption({ label: "ALSH mercredis" });
  await field(admin, "Nom de l'activité").fill(activityName);
  await admin.getByRole("button", { name: "Créer l'activité" }).click();
  await expect(admin.getByRole("heading", { name: activityName })).toBeVisible();
  await expectAccessible(admin);

  await admin.getByRole("tab", { name: "Périodes" }).click();
  const periods = admin.getByRole("region", { name: "Périodes" });
  await periods.getByLabel(/^Nom de la période/).fill("Mercredis de printemps");
  await periods.getByLabel(/^Date de début/).fill(period.start);
  await periods.getByLabel(/^Date de fin/).fill(period.end);
  await periods.getByRole("checkbox", { name: "Mercredi" }).check();
  await periods.getByRole("button", { name: "Ajouter la période" }).click();
  await saved(admin, /Période « Mercredis de printemps » ajoutée : 10 jours d'ouverture\./);

  await admin.getByRole("tab", { name: "Groupes d'âge" }).click();
  const groups = admin.getByRole("region", { name: "Groupes d'âge" });
  for (const [name, min, max] of [
    ["Maternelle", "3", "6"],
    ["Élémentaire +6 ans", "6", "12"],
  ]) {
    await groups.getByLabel(/^Nom du groupe/).fill(name);
    await groups.getByLabel("Âge minimum (ans)").fill(min);
    await groups.getByLabel("Âge maximum (ans, non compris)").fill(max);
    await groups.getByRole("button", { name: "Ajouter le groupe" }).click();
    await saved(admin, `Groupe « ${name} » ajouté.`);
  }

  await admin.getByRole("tab", { name: "Unités et tarifs" }).click();
  const units = admin.getByRole("region", { name: "Unités d'accueil, capacités et tarifs" });
  await units.getByLabel(/^Nom de l'unité/).fill("Journée complète");
  await units.getByLabel(/^Heure de début/).fill("08:30");
  await units.getByLabel(/^Heure de fin/).fill("17:30");
  await units.getByLabel(/^Capacité \(places par jour\)/).fill("24");
  await units.getByRole("button", { name: "Ajouter l'unité" }).click();
  await saved(admin, "Unité « Journée complète » ajoutée.");

  const unit = admin.getByRole("article", { name: "Unité Journée complète" });
  await unit.getByText("Modifier les tarifs de « Journée complète »").click();
  const tariffs = unit.getByRole("form", { name: "Tarifs : Journée complète" });
  await tariffs.getByLabel("QF à").fill("700");
  await tariffs.getByLabel("Prix (€)").fill("6,50");
  await tariffs.getByRole("button", { name: "Ajouter une tranche" }).click();
  await tariffs.getByLabel("QF de").nth(1).fill("701");
  await tariffs.getByLabel("Prix (€)").nth(1).fill("12");
  await tariffs.getByRole("button", { name: "Enregistrer les tarifs" }).click();
  await expect(unit.getByText("Tarifs : QF 0–700 : 6,50 € ; QF 701 et plus : 12,00 €")).toBeVisible();
  await expectAccessible(admin);

  // ── A parent asks an inscription for a 4-year-old, and another for a 7-year-old.
  const { user, family } = await newFamily({
    lastName: "Inscrit",
    children: [
      { firstName: "Léa", birthDate: yearsBefore(period.start, 4, 2), sex: "F" },
      { firstName: "Tom", birthDate: yearsBefore(period.start, 7, 1), sex: "M" },
    ],
  });
  await signIn(page, user.email);
  await openRubrique(page, "Mes inscriptions");
  await expectAccessible(page);

  async function ask(child: string) {
    await page.goto("/mes-inscriptions");
    await page.getByRole("link", { name: "Nouvelle inscription" }).click();
    await page
      .getByRole("group", { name: /Enfant$/ })
      .getByRole("radio", { name: `${child} Inscrit`, exact: true })
      .check();
    await page.getByRole("button", { name: "Continuer" }).click();
    await page
      .getByRole("group", { name: /Lieu d'accueil$/ })
      .getByRole("radio", { name: structureName, exact: true })
      .check();
    await page.getByRole("button", { name: "Continuer" }).click();
    // This lieu has one type d'accueil, one activity and one period: they are chosen for the parent.
    await expect(page.getByRole("heading", { name: /groupe et dates$/ })).toBeVisible();
    await expect(page.getByText("(seul choix possible)")).toHaveCount(3);
  }

  await ask("Léa");
  await expectAccessible(page);
  const group = field(page, "Groupe");
  await expect(group.locator("option")).toHaveCount(1);
  await expect(group.locator("option")).toHaveText(/^Maternelle/);
  await page.getByRole("button", { name: "Enregistrer ma demande" }).click();
  await saved(page, "Votre demande d'inscription est enregistrée. Elle est en attente de validation par la structure.");
  const lea = page.getByRole("article", { name: `Léa — ${activityName} (Mercredis de printemps)` });
  await expect(lea.getByText("En attente de validation")).toBeVisible();

  // A duplicate is refused before sending.
  await ask("Léa");
  await expect(alertWith(page, "Une demande d'inscription existe déjà pour Léa")).toBeVisible();
  await expect(page.getByRole("button", { name: "Enregistrer ma demande" })).toHaveCount(0);

  await ask("Tom");
  await expect(field(page, "Groupe").locator("option")).toHaveText([/^Élémentaire \+6 ans/]);
  await page.getByRole("button", { name: "Enregistrer ma demande" }).click();
  await saved(page, "Votre demande d'inscription est enregistrée.");

  // ── Staff accept Léa's, refuse Tom's.
  await admin.goto("/admin/inscriptions");
  await expectAccessible(admin);
  const leaRequest = admin.getByRole("row", { name: `inscription de Léa Inscrit — ${activityName}` });
  await leaRequest.getByRole("button", { name: /^Valider/ }).click();
  await expect(leaRequest).toHaveCount(0);
  const tomRequest = admin.getByRole("row", { name: `inscription de Tom Inscrit — ${activityName}` });
  await tomRequest.getByRole("button", { name: /^Refuser/ }).click();
  await admin
    .getByRole("alertdialog")
    .getByLabel(/Motif du refus/)
    .fill("Groupe élémentaire complet ce trimestre");
  await admin.getByRole("alertdialog").getByRole("button", { name: "Confirmer le refus" }).click();
  await expect(tomRequest).toHaveCount(0);

  const text = await openDeliveredEmail(admin, user.email, "Votre demande d'inscription a été validée");
  expect(text).toContain(`Votre demande de création d'inscription pour l'individu Léa Inscrit à l'activité ${activityName} a été validée.`);
  expect(text).toContain(`L'inscription commence le ${formatLongDate(period.start)} et finit le ${formatLongDate(period.end)}.`);
  expect(text).not.toContain(structureName);
  await staffContext.close();

  // ── The parent sees V, downloads the attestation, and the refusal with its reason.
  await page.goto("/mes-inscriptions");
  await expect(lea.getByText("Validée")).toBeVisible();
  await expect(lea.getByText("V", { exact: true })).toBeVisible();
  const tom = page.getByRole("article", { name: `Tom — ${activityName} (Mercredis de printemps)` });
  await expect(tom.getByText("Refusée")).toBeVisible();
  await expect(tom.getByText("Groupe élémentaire complet ce trimestre")).toBeVisible();
  await expectAccessible(page);

  const downloadPromise = page.waitForEvent("download");
  await lea.getByRole("link", { name: /^Télécharger l'attestation/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("attestation-inscription-lea-inscrit.pdf");
  const pdf = await getDocumentProxy(new Uint8Array(fs.readFileSync(await download.path())));
  const { text: pdfText } = await extractText(pdf, { mergePages: true });
  expect(pdfText).toContain("ATTESTATION D'INSCRIPTION");
  expect(pdfText).toContain("Léa INSCRIT");
  expect(pdfText).toContain(activityName);

  await openRubrique(page, "Mon tableau de bord");
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: `Inscription de Léa — ${activityName}` })
      .getByText("Validée", { exact: true }),
  ).toBeVisible();
  expect(await testDb().inscription.count({ where: { familyId: family.id, status: "VALIDATED" } })).toBe(1);
});

test("la configuration refuse les saisies invalides sans rien écrire", async ({ page }) => {
  const db = testDb();
  const structure = await db.structure.create({ data: { name: `Lieu erreurs ${Date.now()}` } });
  const careType = await db.careType.create({ data: { structureId: structure.id, kind: "ALSH_VACANCES", name: "ALSH vacances" } });
  const activity = await db.activity.create({ data: { structureId: structure.id, careTypeId: careType.id, name: "Activité à erreurs" } });
  const period = upcomingPeriod();
  await db.period.create({
    data: {
      activityId: activity.id,
      name: "Existante",
      startDate: new Date(`${period.start}T00:00:00Z`),
      endDate: new Date(`${period.end}T00:00:00Z`),
    },
  });
  const unit = await db.timeUnit.create({
    data: { activityId: activity.id, name: "Matin", startTime: "08:00", endTime: "12:00", capacity: 10 },
  });
  const staff = await newStaff();
  await signIn(page, staff.email);
  await page.goto("/admin/activites");
  await expect(page.getByRole("link", { name: "Activité à erreurs" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/admin/activites/${activity.id}`);

  await page.getByRole("tab", { name: "Périodes" }).click();
  const periods = page.getByRole("region", { name: "Périodes" });
  await periods.getByLabel(/^Nom de la période/).fill("À l'envers");
  await periods.getByLabel(/^Date de début/).fill(period.end);
  await periods.getByLabel(/^Date de fin/).fill(period.start);
  await periods.getByRole("checkbox", { name: "Lundi" }).check();
  await periods.getByRole("button", { name: "Ajouter la période" }).click();
  await expect(periods.getByText("Date de fin : elle doit suivre la date de début.")).toBeVisible();
  await periods.getByLabel(/^Date de début/).fill(period.start);
  await periods.getByLabel(/^Date de fin/).fill(period.end);
  await periods.getByRole("button", { name: "Ajouter la période" }).click();
  await expect(periods.getByText("Dates : elles chevauchent la période « Existante » de cette activité.").first()).toBeVisible();
  // Issue 21: a period ending in year 9999 froze the whole portal; it is now a field message, and the portal answers.
  await periods.getByLabel(/^Date de début/).fill(fr(period.start));
  await periods.getByLabel(/^Date de fin/).fill("31/12/9999");
  await periods.getByRole("button", { name: "Ajouter la période" }).click();
  await expect(periods.getByText(/^Date de fin : une date du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}\.$/).first()).toBeVisible();
  expect((await page.request.get("/api/sante")).status()).toBe(200);
  await periods.getByLabel(/^Date de début/).fill("06/01/2020");
  await periods.getByLabel(/^Date de fin/).fill("06/02/2020");
  await periods.getByRole("button", { name: "Ajouter la période" }).click();
  await expect(periods.getByText("Date de fin : cette période est déjà terminée.").first()).toBeVisible();

  await page.getByRole("tab", { name: "Unités et tarifs" }).click();
  const units = page.getByRole("region", { name: "Unités d'accueil, capacités et tarifs" });
  await units.getByLabel(/^Nom de l'unité/).fill("Négative");
  await units.getByLabel(/^Heure de début/).fill("13:00");
  await units.getByLabel(/^Heure de fin/).fill("12:00");
  await units.getByLabel(/^Capacité \(places par jour\)/).fill("-3");
  await units.getByRole("button", { name: "Ajouter l'unité" }).click();
  await expect(units.getByText("Capacité (places par jour) : pas de nombre négatif.")).toBeVisible();
  await expect(units.getByText("Heure de fin : elle doit suivre l'heure de début.")).toBeVisible();

  const morning = page.getByRole("article", { name: "Unité Matin" });
  await morning.getByText("Modifier les tarifs de « Matin »").click();
  const tariffs = morning.getByRole("form", { name: "Tarifs : Matin" });
  await tariffs.getByLabel("QF à").fill("500");
  await tariffs.getByLabel("Prix (€)").fill("3");
  await tariffs.getByRole("button", { name: "Ajouter une tranche" }).click();
  await tariffs.getByLabel("QF de").nth(1).fill("600");
  await tariffs.getByLabel("Prix (€)").nth(1).fill("4");
  await tariffs.getByRole("button", { name: "Enregistrer les tarifs" }).click();
  await expect(tariffs.getByText("Tranche 2 : trou entre 500 et 600 (elle doit commencer à 501).")).toBeVisible();
  await tariffs.getByLabel("QF de").nth(1).fill("400");
  await tariffs.getByRole("button", { name: "Enregistrer les tarifs" }).click();
  await expect(tariffs.getByText("Tranche 2 : elle chevauche la tranche 1.")).toBeVisible();

  await page.getByRole("tab", { name: "Général et délais" }).click();
  const settings = page.getByRole("region", { name: "Paramètres" });
  const booking = settings.getByRole("group", { name: /^Délai de réservation/ });
  await expect(booking.getByLabel("Nombre de jours avant", { exact: true })).toHaveValue("2");
  await booking.getByLabel("Heure limite").fill("25:00");
  await settings.getByRole("button", { name: "Enregistrer les paramètres" }).click();
  await expect(settings.getByText(/Délai de réservation : incomplet ou invalide/)).toBeVisible();
  await expectAccessible(page);

  expect(await db.period.count({ where: { activityId: activity.id } })).toBe(1);
  expect(await db.timeUnit.count({ where: { activityId: activity.id } })).toBe(1);
  expect(await db.tariff.count({ where: { timeUnitId: unit.id } })).toBe(0);
  expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).bookingDeadline).toBe("J-2 10:00");
});

async function quickActivity(options: { max?: number; opensAt?: Date }) {
  const db = testDb();
  const suffix = Math.random().toString(36).slice(2, 8);
  const structure = await db.structure.create({ data: { name: `Lieu ${suffix}` } });
  const careType = await db.careType.create({ data: { structureId: structure.id, kind: "PERISCOLAIRE", name: "Périscolaire" } });
  const activity = await db.activity.create({
    data: {
      structureId: structure.id,
      careTypeId: careType.id,
      name: `Garderie ${suffix}`,
      maxInscriptions: options.max ?? null,
      inscriptionsOpenAt: options.opensAt ?? null,
    },
  });
  const { start, end } = upcomingPeriod();
  const period = await db.period.create({
    data: { activityId: activity.id, name: "Trimestre", startDate: new Date(`${start}T00:00:00Z`), endDate: new Date(`${end}T00:00:00Z`) },
  });
  return { structure, activity, period };
}

test("complet : la demande part en liste d'attente avec sa position ; pas encore ouvert : la date d'ouverture", async ({ page }) => {
  const full = await quickActivity({ max: 1 });
  const other = await newFamily({ lastName: "Premier", children: [{ firstName: "Paul", birthDate: "2018-03-03", sex: "M" }] });
  await testDb().inscription.create({
    data: {
      familyId: other.family.id,
      childId: other.children[0].id,
      activityId: full.activity.id,
      periodId: full.period.id,
      status: "PENDING",
      startDate: full.period.startDate,
      endDate: full.period.endDate,
    },
  });
  const { user, children } = await newFamily({ lastName: "Attente", children: [{ firstName: "Nina", birthDate: "2018-04-04", sex: "F" }] });
  await signIn(page, user.email);
  await page.goto(
    `/mes-inscriptions/nouvelle?enfant=${children[0].id}&lieu=${full.structure.id}&type=${full.activity.careTypeId}&activite=${full.activity.id}&periode=${full.period.id}`,
  );
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Cette activité est complète : votre demande sera placée en liste d'attente, en position 1." }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Enregistrer ma demande en liste d'attente" }).click();
  await saved(page, "Votre demande est enregistrée en liste d'attente (position 1).");
  await expect(page.getByRole("article").getByText("En liste d'attente (position 1)")).toBeVisible();
  // The parent can withdraw it.
  await page.getByRole("button", { name: /^Retirer ma demande/ }).click();
  await page.getByRole("button", { name: "Oui, retirer" }).click();
  await expect(page.getByRole("article").getByText("Retirée", { exact: true })).toBeVisible();

  const later = await quickActivity({ opensAt: new Date(Date.now() + 3 * 86_400_000) });
  await page.goto(
    `/mes-inscriptions/nouvelle?enfant=${children[0].id}&lieu=${later.structure.id}&type=${later.activity.careTypeId}&activite=${later.activity.id}&periode=${later.period.id}`,
  );
  await expect(
    page.getByRole("status").filter({ hasText: /Les inscriptions à cette activité ouvrent le \d{2}\/\d{2}\/\d{4} à \d{1,2}\sh/ }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /Enregistrer ma demande/ })).toHaveCount(0);
});

test("inscriptions : un parent ne voit rien d'une autre famille et n'ouvre aucune page de configuration", async ({ page }) => {
  const act = await quickActivity({});
  const a = await newFamily({ lastName: "Alpha", children: [{ firstName: "Alice", birthDate: "2018-01-01", sex: "F" }] });
  const b = await newFamily({ lastName: "Bravo", children: [{ firstName: "Bastien", birthDate: "2018-01-01", sex: "M" }] });
  const inscription = await testDb().inscription.create({
    data: {
      familyId: b.family.id,
      childId: b.children[0].id,
      activityId: act.activity.id,
      periodId: act.period.id,
      status: "VALIDATED",
      startDate: act.period.startDate,
      endDate: act.period.endDate,
    },
  });
  await signIn(page, a.user.email);
  await page.goto("/mes-inscriptions");
  await expect(page.getByRole("heading", { level: 1, name: "Mes inscriptions" })).toBeVisible();
  await expect(page.getByText("Bastien")).toHaveCount(0);
  // B's child in the link: the form starts again at « Enfant », with only A's child (chosen for A, the only one).
  await page.goto(
    `/mes-inscriptions/nouvelle?enfant=${b.children[0].id}&lieu=${act.structure.id}&type=${act.activity.careTypeId}&activite=${act.activity.id}&periode=${act.period.id}`,
  );
  await expect(page.getByText("Alice Alpha")).toBeVisible();
  await expect(page.getByText("(seul choix possible)")).toHaveCount(1);
  await expect(page.getByRole("group", { name: /Lieu d'accueil$/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle inscription" })).toBeVisible();
  await expect(page.getByText("Bastien")).toHaveCount(0);
  const foreign = await page.request.get(`/mes-inscriptions/${inscription.id}/attestation`);
  const missing = await page.request.get("/mes-inscriptions/inexistant/attestation");
  expect(foreign.status()).toBe(404);
  expect(await foreign.json()).toEqual(await missing.json());
  for (const path of [
    "/admin/inscriptions",
    "/admin/activites",
    `/admin/activites/${act.activity.id}`,
    "/admin/activites/nouvelle",
    "/admin/structures",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Accès refusé" })).toBeVisible();
  }
});

test("l'accueil annule une inscription validée avec un motif ; le parent voit « Annulée » et le motif", async ({ page, browser }) => {
  const act = await quickActivity({});
  const { user, family, children } = await newFamily({
    lastName: "Annule",
    children: [{ firstName: "Hugo", birthDate: "2017-05-05", sex: "M" }],
  });
  const inscription = await testDb().inscription.create({
    data: {
      familyId: family.id,
      childId: children[0].id,
      activityId: act.activity.id,
      periodId: act.period.id,
      status: "VALIDATED",
      startDate: act.period.startDate,
      endDate: act.period.endDate,
    },
  });
  const staff = await newStaff();
  const staffContext = await browser.newContext();
  const admin = await staffContext.newPage();
  await signIn(admin, staff.email);
  await admin.goto(`/admin/familles/${family.id}`);
  const card = admin.getByRole("article", { name: `inscription de Hugo — ${act.activity.name} (Trimestre)` });
  await card.getByRole("button", { name: /^Annuler l'inscription/ }).click();
  const dialog = admin.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Confirmer : annuler l'inscription" }).click();
  await expect(dialog.getByText("Motif de l'annulation : champ obligatoire.")).toBeVisible();
  await dialog.getByLabel(/Motif de l'annulation/).fill("Changement d'école");
  await dialog.getByRole("button", { name: "Confirmer : annuler l'inscription" }).click();
  await expect(card.getByText("Annulée", { exact: true })).toBeVisible();
  await expectAccessible(admin);
  await staffContext.close();

  await signIn(page, user.email);
  await page.goto("/mes-inscriptions");
  const mine = page.getByRole("article", { name: `Hugo — ${act.activity.name} (Trimestre)` });
  await expect(mine.getByText("Annulée")).toBeVisible();
  await expect(mine.getByText("Changement d'école")).toBeVisible();
  expect((await testDb().inscription.findUniqueOrThrow({ where: { id: inscription.id } })).status).toBe("CANCELLED");
});
