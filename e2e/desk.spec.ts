import { expect, test, type Page } from "@playwright/test";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { expectAccessible, newFamily, newStaff, signIn, testDb, toasts } from "./support";

/*
 * The desk (issue 24): a pointage nobody is marked in beforehand; the focus on the result after « Envoyer les
 * factures », « Clôturer le mois » and a parent's message; the staff menu on one row; payments readable on a phone
 * and a stuck one marked abandoned; the batch bar only while rows are ticked, the focus to the next pending row; the
 * DA's radios as 44 px targets.
 */

// Each test walks several pages and waits for refreshed ones: bounded generously for a loaded 2-core machine (ADR 021).
test.describe.configure({ timeout: 180_000 });

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => iso(new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000));
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
const SHOTS = process.env.DESK_SHOTS;
/** Screenshots for the review (not committed): only when DESK_SHOTS names a folder. */
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${page.viewportSize()!.width}.png`, fullPage: true });
};

async function world(start: string, end: string, weekdays = [0, 1, 2, 3, 4, 5, 6]) {
  return createBookableWorld(testDb(), {
    start,
    end,
    weekdays,
    units: [{ name: "Matin", start: "08:30", end: "12:00", capacity: 20, prices: [400, 600, 800, 1000] }],
    cancellationDeadline: "J-2 10:00",
  });
}

async function child(w: Awaited<ReturnType<typeof world>>, firstName: string) {
  const f = await newFamily({
    lastName: `${firstName}eau`,
    quotientFamilial: 600,
    children: [{ firstName, birthDate: "2018-03-02", sex: "F" }],
  });
  return { ...f, inscription: await inscribe(testDb(), w, f.family, f.children[0]!.id) };
}

const book = (
  inscriptionId: string,
  timeUnitId: string,
  day: string,
  status: "REQUESTED" | "RESERVED" | "PRESENT" | "CANCELLATION_REQUESTED",
) => testDb().reservation.create({ data: { inscriptionId, timeUnitId, date: new Date(`${day}T00:00:00Z`), status } });

async function desk(page: Page, width: number) {
  await page.setViewportSize({ width, height: 900 });
  await signIn(page, (await newStaff()).email);
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test("pointage : personne n'est pointé d'avance ; enregistrer avec un enfant non pointé demande confirmation ; « Tous présents » pointe les autres", async ({
  page,
}) => {
  const day = today();
  const w = await world(addDays(day, -7), addDays(day, 30));
  const [olive, pablo] = [await child(w, "Olive"), await child(w, "Pablo")];
  for (const p of [olive, pablo]) await book(p.inscription.id, w.units[0]!.id, day, "RESERVED");
  await desk(page, 390);
  await page.goto(`/admin/pointage?activite=${w.activity.id}&unite=${w.units[0]!.id}`);
  for (const name of ["Olive", "Pablo"])
    for (const mark of ["Présent", "Absent facturé", "Absent excusé"])
      await expect(
        page.getByRole("group", { name: new RegExp(`^Pointage de ${name}`) }).getByRole("radio", { name: mark }),
      ).not.toBeChecked();
  await expect(page.getByText("0 présent, 0 absent, 2 à pointer")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "pointage");
  await page
    .getByRole("group", { name: /^Pointage de Pablo/ })
    .getByRole("radio", { name: "Absent facturé" })
    .check();
  await page.getByRole("button", { name: "Enregistrer le pointage" }).click();
  const ask = page.getByRole("alertdialog", { name: "1 enfant n'est pas pointé" });
  await expect(ask).toContainText("l'autre reste à pointer");
  await expectAccessible(page);
  await shot(page, "pointage-confirmation");
  await ask.getByRole("button", { name: "Annuler" }).click();
  const statuses = async () =>
    (
      await testDb().reservation.findMany({
        where: { timeUnitId: w.units[0]!.id },
        orderBy: { inscription: { child: { firstName: "asc" } } },
      })
    ).map((r) => r.status);
  expect(await statuses()).toEqual(["RESERVED", "RESERVED"]);
  // « Tous présents » marks the one not marked yet, and leaves Pablo absent.
  await page.getByRole("button", { name: "Tous présents" }).click();
  await expect(page.getByRole("group", { name: /^Pointage de Olive/ }).getByRole("radio", { name: "Présent" })).toBeChecked();
  await expect(page.getByRole("group", { name: /^Pointage de Pablo/ }).getByRole("radio", { name: "Absent facturé" })).toBeChecked();
  await page.getByRole("button", { name: "Enregistrer le pointage" }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect.poll(statuses, { timeout: 30_000 }).toEqual(["PRESENT", "ABSENT_BILLED"]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, "pointage");
});

test("le menu de l'accueil tient sur une ligne à 1280 px (quatre menus au clavier, la page actuelle marquée), celui du parent aussi ; à 390 px, « Menu »", async ({
  page,
  browser,
}) => {
  await desk(page, 1280);
  await page.goto("/admin/paiements");
  const nav = page.getByRole("navigation", { name: "Rubriques" });
  const top = nav.locator(":scope > div > ul > li");
  const rows = async () => new Set(await top.evaluateAll((items) => items.map((i) => Math.round(i.getBoundingClientRect().top)))).size;
  expect(await rows()).toBe(1);
  expect(await noSideScroll(page)).toBeLessThanOrEqual(1280);
  expect((await nav.boundingBox())!.height).toBeLessThan(60);
  const billing = nav.getByRole("button", { name: "Facturation" });
  await expect(billing).toHaveAttribute("aria-current", "true");
  await shot(page, "menu-ferme");
  // By keyboard: Entrée opens, the current page is marked, Échap closes and gives the focus back.
  await billing.focus();
  await page.keyboard.press("Enter");
  await expect(billing).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Paiements" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);
  await shot(page, "menu-facturation-ouvert");
  await page.keyboard.press("Escape");
  await expect(billing).toHaveAttribute("aria-expanded", "false");
  await expect(billing).toBeFocused();
  await expect(nav.getByRole("link", { name: "Paiements" })).toBeHidden();
  // Another menu, then a rubrique.
  await nav.getByRole("button", { name: /^Paramètres/ }).click();
  await shot(page, "menu-parametres-ouvert");
  await nav.getByRole("link", { name: "Activités" }).click();
  await page.waitForURL("**/admin/activites");
  await expect(nav.getByRole("button", { name: /^Paramètres/ })).toHaveAttribute("aria-current", "true");
  // On a phone: « Menu » shows every rubrique under its menu's name.
  await page.setViewportSize({ width: 390, height: 900 });
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(nav.getByRole("link", { name: "Pointage" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "menu-telephone-ouvert");
  await nav.getByRole("link", { name: "Pointage" }).click();
  await page.waitForURL("**/admin/pointage");
  // The parent's band, one row at 1280 px.
  const f = await newFamily({ lastName: "Menu" });
  const home = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(home, f.user.email);
  await home.goto("/mes-factures");
  const parentNav = home.getByRole("navigation", { name: "Rubriques" });
  const items = parentNav.locator(":scope > div > ul > li");
  expect(new Set(await items.evaluateAll((all) => all.map((i) => Math.round(i.getBoundingClientRect().top)))).size).toBe(1);
  expect(await noSideScroll(home)).toBeLessThanOrEqual(1280);
  await shot(home, "menu-parent");
  await parentNav.getByRole("button", { name: "Mon dossier" }).click();
  await expect(parentNav.getByRole("link", { name: "Mes envois" })).toBeVisible();
  await expectAccessible(home);
  await shot(home, "menu-parent-mon-dossier");
});

test("paiements à 390 px sans défilement de côté ; un paiement en cours de confirmation depuis 3 h, marqué abandonné", async ({ page }) => {
  const f = await newFamily({ lastName: "Attente" });
  const session = `cs_local_${Date.now()}abcdefghijklmnopqrstuvwx`;
  await testDb().payment.create({
    data: {
      familyId: f.family.id,
      method: "STRIPE",
      status: "SUCCEEDED",
      amountCents: 1200,
      stripePaymentIntentId: `pi_local_${session}x`,
    },
  });
  const stuck = await testDb().payment.create({
    data: {
      familyId: f.family.id,
      method: "STRIPE",
      status: "PENDING",
      amountCents: 1800,
      stripeCheckoutSessionId: session,
      createdAt: new Date(Date.now() - 3 * 3_600_000 - 60_000),
    },
  });
  await desk(page, 390);
  for (const url of ["/admin/paiements", `/admin/facturation/familles/${f.family.id}`]) {
    await page.goto(url);
    await expect(page.getByText(`Stripe pi_local_${session}x`).first()).toBeVisible();
    expect(await noSideScroll(page)).toBeLessThanOrEqual(390);
    await shot(page, url.includes("familles") ? "compte-famille" : "paiements");
  }
  const row = page.getByRole("row", { name: /^Paiement de 18,00/ });
  await expect(row).toContainText("Depuis 3 h");
  await row.getByRole("button", { name: /^Marquer abandonné/ }).click();
  const ask = page.getByRole("alertdialog", { name: "Marquer ce paiement abandonné ?" });
  await expect(ask).toContainText("en cours de confirmation depuis 3 h");
  await expectAccessible(page);
  await ask.getByRole("button", { name: "Marquer abandonné" }).click();
  await expect(toasts(page).getByText("Paiement marqué abandonné")).toBeVisible();
  await expect(row).toContainText("Paiement non abouti", { timeout: 30_000 });
  await expect(page.locator(":focus")).toHaveAttribute("id", `paiement-${stuck.id}`, { timeout: 15_000 });
  expect((await testDb().payment.findUniqueOrThrow({ where: { id: stuck.id } })).status).toBe("FAILED");
  expect(
    await testDb().transitionLog.count({
      where: { entityId: stuck.id, toStatus: "FAILED", reason: { startsWith: "Abandonné (marqué par l'accueil)" } },
    }),
  ).toBe(1);
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, "compte-famille");
  await page.goto("/admin/paiements");
  await shot(page, "paiements");
});

test("le focus va au résultat : « Envoyer les factures », « Clôturer le mois », un message envoyé par le parent", async ({
  page,
  browser,
}) => {
  const now = new Date();
  const start = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
  const month = start.slice(0, 7);
  const w = await world(start, addDays(iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))), -1), [1, 2, 3, 4, 5]);
  const p = await child(w, "Focus");
  await book(p.inscription.id, w.units[0]!.id, w.openingDays[0]!, "PRESENT");
  await desk(page, 1280);
  await page.goto(`/admin/facturation?lieu=${w.structure.id}&mois=${month}`);
  await page.getByRole("button", { name: "Générer le mois" }).click();
  await expect(page.getByText(/^1 facture créée \(/)).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Envoyer les factures" }).click();
  await page.getByRole("alertdialog", { name: "Envoyer 1 facture ?" }).getByRole("button", { name: "Envoyer les factures" }).click();
  await expect(page.getByText("1 facture envoyée aux familles par e-mail.")).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(":focus")).toHaveAttribute("id", "etat-facturation", { timeout: 15_000 });
  await page.getByRole("button", { name: "Clôturer le mois" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Clôturer le mois" }).click();
  await expect(page.getByText(/^Mois clôturé le /)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(":focus")).toHaveAttribute("id", "mois-facture", { timeout: 15_000 });
  await shot(page, "facturation");

  const home = await (await browser.newContext({ viewport: { width: 390, height: 900 } })).newPage();
  await signIn(home, p.user.email);
  await home.goto("/mes-messages");
  const form = home.getByRole("region", { name: "Écrire à la structure" });
  const subject = `Question ${Date.now()}`;
  await form.getByLabel("Objet").fill(subject);
  await form.getByLabel("Message").fill("Faut-il une casquette mercredi ?");
  await form.getByRole("button", { name: "Envoyer le message" }).click();
  await expect(home.locator(":focus")).toHaveText(subject, { timeout: 30_000 });
  await expectAccessible(home);
  await shot(home, "mes-messages");
  await home.locator(":focus").click();
  // The conversation's own page first: /mes-messages has a « Message » box too, which the fill would otherwise find.
  await expect(home.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await home.getByRole("textbox", { name: "Message" }).fill("Et une gourde ?");
  await home.getByRole("button", { name: "Envoyer", exact: true }).click();
  await expect(home.locator(":focus")).toContainText("Et une gourde ?", { timeout: 30_000 });
});

test("demandes : la barre du lot n'apparaît qu'une fois des lignes cochées ; après une décision le focus va à la demande suivante ; les choix d'une DA font 44 px", async ({
  page,
}) => {
  const first = addDays(today(), 14);
  const w = await world(first, addDays(first, 40));
  const p = await child(w, "Lotie");
  const days = w.openingDays.slice(0, 3);
  const ids: string[] = [];
  for (const day of days) ids.push((await book(p.inscription.id, w.units[0]!.id, day, "REQUESTED")).id);
  const da = await book(p.inscription.id, w.units[0]!.id, w.openingDays[5]!, "CANCELLATION_REQUESTED");
  await desk(page, 390);
  await page.goto(`/admin/reservations?activite=${w.activity.id}`);
  const validate = page.getByRole("button", { name: "Valider la sélection" });
  await expect(validate).toBeHidden();
  await expect(page.getByLabel("Motif du refus (envoyé à chaque famille)")).toHaveCount(0);
  // Each « Excusée / Facturée » of a DA: a 44 px target, named with its request.
  for (const radio of await page.getByRole("radio", { name: /^(Excusée|Facturée)/ }).all()) {
    const box = (await radio.locator("xpath=..").boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
  }
  await expect(page.getByRole("radio", { name: /^Facturée.* : Lotie / })).toHaveCount(1);
  await shot(page, "reservations");
  await page.locator(`#choix-${ids[0]}`).check();
  await expect(validate).toBeVisible();
  await page.getByRole("button", { name: "Refuser la sélection" }).click();
  await expect(page.getByLabel("Motif du refus (envoyé à chaque famille)")).toBeFocused();
  await expectAccessible(page);
  await shot(page, "reservations-barre");
  await page.getByRole("button", { name: "Annuler" }).click();
  await validate.click();
  await expect(
    toasts(page)
      .getByText(/1 demande validée|validée/)
      .first(),
  ).toBeVisible();
  await expect(page.locator(":focus")).toHaveAttribute("id", `choix-${ids[1]}`, { timeout: 30_000 });
  await expect(validate).toBeHidden();
  // One by one (once the refreshed list has dropped the first): the focus goes on to the next.
  await expect(page.locator(`#choix-${ids[0]}`)).toHaveCount(0, { timeout: 30_000 });
  await page
    .getByRole("row")
    .filter({ has: page.locator(`#choix-${ids[1]}`) })
    .getByRole("button", { name: /^Valider : Lotie/ })
    .click();
  await expect(page.locator(":focus")).toHaveAttribute("id", `choix-${ids[2]}`, { timeout: 30_000 });
  expect((await testDb().reservation.findMany({ where: { id: { in: ids } }, orderBy: { date: "asc" } })).map((r) => r.status)).toEqual([
    "RESERVED",
    "RESERVED",
    "REQUESTED",
  ]);
  expect((await testDb().reservation.findUniqueOrThrow({ where: { id: da.id } })).status).toBe("CANCELLATION_REQUESTED");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator(`#choix-${da.id}`).check();
  await shot(page, "reservations-barre");
  await page.locator(`#choix-${da.id}`).uncheck();
  // « Valider le mois » (the family's month in one decision): the focus goes to the queue's heading, never <body>.
  await page.getByRole("button", { name: /^Valider les 1 demandes : Famille LOTIE/ }).click();
  await expect.poll(async () => (await testDb().reservation.findUniqueOrThrow({ where: { id: ids[2]! } })).status).toBe("RESERVED");
  await expect(page.locator(":focus")).toHaveAttribute("id", /^(file-attente|titre-page)$/, { timeout: 30_000 });
});
