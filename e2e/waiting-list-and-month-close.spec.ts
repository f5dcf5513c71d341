import { expect, test, type Page } from "@playwright/test";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { expectAccessible, field, newFamily, newStaff, signIn, testDb } from "./support";

/*
 * Issue 24, domain: the month's close lists the cancellation requests (DA) still undecided and refuses to close over
 * them; a waiting inscription validated before an earlier rank of its group asks why.
 */

const iso = (date: Date) => date.toISOString().slice(0, 10);
const SHOTS = process.env.SHOTS_DIR;

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("« Facturation » liste les demandes d'annulation non décidées du mois, avec le lien pour les décider, et refuse la clôture", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const now = new Date();
  const start = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
  const end = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)));
  const w = await createBookableWorld(testDb(), {
    start,
    end,
    weekdays: [1, 2, 3, 4, 5],
    units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }],
  });
  const f = await newFamily({
    lastName: "Annulard",
    quotientFamilial: 600,
    children: [{ firstName: "Zélie", birthDate: "2018-03-02", sex: "F" }],
  });
  const inscription = await inscribe(testDb(), w, f.family, f.children[0]!.id);
  const [present, asked] = w.openingDays;
  for (const [day, status] of [
    [present!, "PRESENT"],
    [asked!, "CANCELLATION_REQUESTED"],
  ] as const)
    await testDb().reservation.create({
      data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status },
    });
  const month = start.slice(0, 7);
  await signIn(page, (await newStaff()).email);
  await page.goto(`/admin/facturation?lieu=${w.structure.id}&mois=${month}`);

  const list = page.getByRole("region", { name: "Demandes d'annulation à décider (1)" });
  await expect(list).toBeVisible();
  const row = list.getByRole("row", { name: /Zélie Annulard/ });
  await expect(row).toContainText("Famille ANNULARD");
  await expect(row).toContainText(
    new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
      new Date(`${asked}T00:00:00Z`),
    ),
  );
  await expect(page.getByText(/^Pas facturées : 1 demande d'annulation non décidée/)).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "facturation-annulations");

  await page.getByRole("button", { name: "Clôturer le mois" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Clôturer le mois" }).click();
  await expect(page.getByText(/^Clôture impossible : 1 demande d'annulation d.+ n'est pas décidée\./).first()).toBeVisible({
    timeout: 30_000,
  });
  await expectAccessible(page);
  expect(await testDb().billingMonth.count({ where: { structureId: w.structure.id, lockedAt: { not: null } } })).toBe(0);

  // « Décider » opens the queue on that lieu and day, where the DA is.
  await list.getByRole("link", { name: /^Décider la demande d'annulation de Zélie Annulard/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demandes de réservation" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Demandes d'annulation en attente" })).toContainText("Zélie");
});

test("valider une demande en liste d'attente avant un rang plus ancien du même groupe demande un motif, gardé dans l'historique", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const now = new Date();
  const w = await createBookableWorld(testDb(), {
    start: iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))),
    end: iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0))),
    weekdays: [3],
    units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }],
  });
  await testDb().activity.update({ where: { id: w.activity.id }, data: { maxInscriptions: 1 } });
  const waiting = [];
  for (const [rank, name] of [
    [1, "Premier"],
    [2, "Second"],
  ] as const) {
    const f = await newFamily({ lastName: name, children: [{ firstName: name, birthDate: "2018-03-02", sex: "M" }] });
    const i = await inscribe(testDb(), w, f.family, f.children[0]!.id, "WAITLISTED");
    await testDb().inscription.update({ where: { id: i.id }, data: { waitlistRank: rank } });
    waiting.push(i);
  }
  const staff = await newStaff();
  await signIn(page, staff.email);
  await page.goto(`/admin/inscriptions?activite=${w.activity.id}`);
  await page.getByRole("button", { name: /^Valider : inscription de Second Second/ }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Premier Premier attend avant cette demande dans la liste d'attente du même groupe");
  await expectAccessible(page);
  await shoot(page, "inscriptions-passer-devant");
  await dialog.getByRole("textbox", { name: "Motif (passer devant la liste d'attente)" }).fill("Frère déjà inscrit");
  await dialog.getByRole("button", { name: "Confirmer la validation" }).click();
  await expect(page.getByText(/^Inscription validée : inscription de Second Second/).first()).toBeVisible({ timeout: 30_000 });
  const log = await testDb().transitionLog.findFirstOrThrow({ where: { entityId: waiting[1]!.id, toStatus: "VALIDATED" } });
  expect(log).toMatchObject({ actorId: staff.id, reason: "Validée avant son rang : Frère déjà inscrit" });
  expect((await testDb().inscription.findUniqueOrThrow({ where: { id: waiting[0]!.id } })).status).toBe("WAITLISTED");
});

test("« Réservations sur période » : un quotient qui change dans la période, l'aperçu compte chaque jour au quotient de ce jour", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const now = new Date();
  const w = await createBookableWorld(testDb(), {
    start: iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))),
    end: iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0))),
    weekdays: [3],
    units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }],
  });
  const f = await newFamily({ quotientFamilial: 1300, children: [{ firstName: "Maël", birthDate: "2018-03-02", sex: "M" }] });
  await inscribe(testDb(), w, f.family, f.children[0]!.id);
  // 600 (6,00 €) until the third Wednesday, 1 300 (10,00 €) from it: today's quotient is 1 300.
  const [first, , third, ...rest] = w.openingDays;
  await testDb().quotientHistory.createMany({
    data: [
      { familyId: f.family.id, quotientFamilial: 600, validFrom: new Date("1900-01-01T00:00:00Z") },
      { familyId: f.family.id, quotientFamilial: 1300, validFrom: new Date(`${third!}T00:00:00Z`) },
    ],
  });
  const fr = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  await signIn(page, f.user.email);
  await page.goto("/mes-reservations/periode");
  await field(page, "Date début").fill(fr(first!));
  await field(page, "Date fin").fill(fr(w.openingDays.at(-1)!));
  await page.getByRole("checkbox", { name: "Mercredi — Matin" }).check();
  await page.getByRole("button", { name: "Voir les dates" }).click();
  const preview = page.getByRole("region", { name: /^Aperçu/ });
  const total = (2 * 600 + (1 + rest.length) * 1000) / 100;
  await expect(preview).toContainText(new RegExp(`Total : ${total.toFixed(2).replace(".", ",")}\\s€`), { timeout: 30_000 });
  await expect(preview).toContainText("chaque jour au quotient familial en vigueur ce jour-là, comme sur la facture");
  await expectAccessible(page);
  await shoot(page, "periode-apercu");
});
