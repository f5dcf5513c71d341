import { expect, test } from "@playwright/test";
import { expectAccessible, newFamily, newStaff, openDeliveredEmail, signIn, testDb } from "./support";

/** « Réinscrire pour … » (issue 26, ADR 052): one family renews two children, staff validate them in bulk. */

const iso = (date: Date) => date.toISOString().slice(0, 10);
const day = (text: string) => new Date(`${text}T00:00:00Z`);
const today = iso(new Date());
const Y = Number(today.slice(0, 4)) - (today.slice(5, 7) < "09" ? 1 : 0);
const NEXT_YEARS = `${Y + 1}/${Y + 2}`;

function wednesdays(from: string, to: string): Date[] {
  const days: Date[] = [];
  for (let d = day(from); d <= day(to); d = new Date(d.getTime() + 86_400_000)) if (d.getUTCDay() === 3) days.push(d);
  return days;
}

function monthsBefore(text: string, months: number): string {
  const d = day(text);
  d.setUTCMonth(d.getUTCMonth() - months);
  return iso(d);
}

async function world() {
  const db = testDb();
  const tag = Date.now().toString(36);
  const structure = await db.structure.create({ data: { name: `Lieu réinscription ${tag}`, city: "Lille" } });
  const careType = await db.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "ALSH mercredis" } });
  const activity = await db.activity.create({
    data: {
      structureId: structure.id,
      careTypeId: careType.id,
      name: `Mercredis ${tag}`,
      ageGroups: {
        create: [
          { name: "Maternelle", minAgeMonths: 30, maxAgeMonths: 71 },
          { name: "Élémentaire", minAgeMonths: 72, maxAgeMonths: 155 },
        ],
      },
    },
    include: { ageGroups: true },
  });
  const unit = await db.timeUnit.create({
    data: {
      activityId: activity.id,
      name: "Journée complète",
      startTime: "08:30",
      endTime: "17:30",
      capacity: 20,
      tariffs: { create: [{ qfMin: 0, qfMax: null, priceCents: 900 }] },
    },
  });
  const periods = [];
  for (const [name, start, end] of [
    [`Mercredis ${Y}/${Y + 1}`, `${Y}-09-01`, `${Y + 1}-07-02`],
    [`Mercredis ${NEXT_YEARS}`, `${Y + 1}-09-01`, `${Y + 2}-07-02`],
  ] as const) {
    const period = await db.period.create({ data: { activityId: activity.id, name, startDate: day(start), endDate: day(end) } });
    await db.openingDay.createMany({ data: wednesdays(start, end).map((date) => ({ periodId: period.id, date })) });
    periods.push(period);
  }
  const [thisYear] = periods;
  const family = await newFamily({
    lastName: `Réinscrit${tag}`,
    children: [
      { firstName: "Lina", birthDate: monthsBefore(`${Y}-09-01`, 66), sex: "F" },
      { firstName: "Noé", birthDate: monthsBefore(`${Y}-09-01`, 100), sex: "M" },
    ],
  });
  const group = (name: string) => activity.ageGroups.find((g) => g.name === name)!.id;
  for (const [child, groupName] of [
    [family.children[0]!, "Maternelle"],
    [family.children[1]!, "Élémentaire"],
  ] as const) {
    const inscription = await db.inscription.create({
      data: {
        familyId: family.family.id,
        childId: child.id,
        activityId: activity.id,
        periodId: thisYear!.id,
        ageGroupId: group(groupName),
        status: "VALIDATED",
        startDate: thisYear!.startDate,
        endDate: thisYear!.endDate,
      },
    });
    // This year's Wednesdays booked (the semaine type read back for next year).
    for (const date of wednesdays(`${Y}-09-01`, `${Y}-10-10`))
      await db.reservation.create({ data: { inscriptionId: inscription.id, timeUnitId: unit.id, date, status: "RESERVED" } });
  }
  return { family, activity };
}

test("une famille réinscrit deux enfants en une fois ; l'accueil les valide ensemble (un e-mail) ; la famille reprend sa semaine type", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const { family, activity } = await world();

  // ── The parent: the offer on the dashboard, then one screen for both children.
  await signIn(page, family.user.email);
  const offer = page.getByRole("region", { name: `Nouvelle année : ${NEXT_YEARS}` });
  await expect(offer).toContainText("2 inscriptions de cette année peuvent être renouvelées");
  await expect(
    page
      .getByRole("region", { name: "À faire" })
      .getByRole("link", { name: "Vérifiez la fiche santé de Lina (allergies, PAI, régime, médecin)" }),
  ).toBeVisible();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/renewal-dashboard-${width}.png`, fullPage: true });
  }
  await offer.getByRole("link", { name: `Réinscrire pour ${NEXT_YEARS}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Réinscrire pour ${NEXT_YEARS}` })).toBeVisible();
  await expectAccessible(page);
  const lina = page.getByRole("checkbox", { name: new RegExp(`^Lina — ${activity.name}`) });
  const noe = page.getByRole("checkbox", { name: new RegExp(`^Noé — ${activity.name}`) });
  await expect(lina).toBeChecked();
  await expect(noe).toBeChecked();
  await expect(page.getByText("Changement de groupe : passe dans le groupe Élémentaire (de 6 à 12 ans).")).toBeVisible();
  // The yearly refresh of the family file, asked at the same time.
  const todo = page.getByRole("region", { name: "À faire avant la rentrée" });
  await expect(todo.getByRole("link", { name: `Mettez à jour votre quotient familial pour ${NEXT_YEARS}` })).toBeVisible();
  await expect(todo.getByRole("link", { name: "Vérifiez la fiche santé de Lina (allergies, PAI, régime, médecin)" })).toBeVisible();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/renewal-parent-${width}.png`, fullPage: true });
  }
  await page.getByRole("button", { name: "Envoyer mes demandes de réinscription" }).click();
  const sent = page.getByRole("status").filter({ hasText: "2 demandes de réinscription envoyées." });
  await expect(sent).toBeVisible();
  await expect(sent).toContainText("Lina");
  await expect(sent).toContainText("en attente de validation par la structure");
  await expect(page.getByText("Demande déjà envoyée : en attente de validation.").first()).toBeVisible();

  // ── Staff: the « Réinscriptions » of the queue, validated together.
  const staff = await newStaff();
  const staffContext = await browser.newContext();
  const desk = await staffContext.newPage();
  await signIn(desk, staff.email);
  await desk.goto(`/admin/inscriptions?reinscriptions=1&q=${encodeURIComponent(family.family.name.replace(/^Famille /, ""))}`);
  await expect(desk.getByRole("heading", { name: "Réinscriptions en attente (2)" })).toBeVisible();
  await expectAccessible(desk);
  await desk.getByRole("checkbox", { name: /Sélectionner : inscription de Lina/ }).check();
  await desk.getByRole("checkbox", { name: /Sélectionner : inscription de Noé/ }).check();
  for (const width of [390, 1280]) {
    await desk.setViewportSize({ width, height: 900 });
    await desk.screenshot({ path: `test-results/renewal-staff-${width}.png`, fullPage: true });
  }
  await desk.getByRole("button", { name: "Valider la sélection" }).click();
  await expect(desk.getByText("2 demandes validées.", { exact: true })).toBeVisible();
  const mail = await openDeliveredEmail(desk, family.user.email, "Vos demandes d'inscription ont été validées");
  expect(mail).toContain("pour l'individu Lina");
  expect(mail).toContain("pour l'individu Noé");
  expect(await testDb().emailOutbox.count({ where: { familyId: family.family.id, template: "inscription-validated" } })).toBe(0);

  // ── The parent: both validated, this year's semaine type offered for the new year.
  await page.goto("/mes-inscriptions");
  await expect(
    page.getByRole("article", { name: new RegExp(`^Lina — .*Mercredis ${NEXT_YEARS}`) }).getByText("Validée", { exact: true }),
  ).toBeVisible();
  await page.goto("/mes-inscriptions/reinscrire");
  const week = page.getByRole("region", { name: "Reprendre la semaine type" });
  await expect(week).toContainText("mercredi : Journée complète");
  await week.getByRole("link", { name: "Réserver Noé avec cette semaine type" }).click();
  await expect(page.getByText(/Semaine type de cette année reprise pour Noé/)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Mercredi — Journée complète" })).toBeChecked();
  await page.getByRole("button", { name: "Voir les dates" }).click();
  await expect(page.getByText(/^Total : /)).toBeVisible();
  await page.getByRole("button", { name: "Valider mes demandes de réservations" }).first().click();
  await expect(page.getByText(/^Demandes envoyées : /)).toBeVisible();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/renewal-period-${width}.png`, fullPage: true });
  }
  await staffContext.close();
});
