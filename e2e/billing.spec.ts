import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { deMonth } from "../lib/format";
import { expectAccessible, newFamily, newStaff, openDeliveredEmail, signIn, testDb, toasts } from "./support";

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
  const w = await createBookableWorld(testDb(), {
    start,
    end: addDays(iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))), -1),
    weekdays: [1, 2, 3, 4, 5],
    units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }],
  });
  const f = await newFamily({ lastName: name, quotientFamilial: 600, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  const inscription = await inscribe(testDb(), w, f.family, f.children[0]!.id);
  const months = [monthOf(start), monthOf(addDays(start, 40))];
  for (const month of months) {
    const day = w.openingDays.find((d) => d.startsWith(month))!;
    await testDb().reservation.create({
      data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status: "PRESENT" },
    });
  }
  return { w, f, months };
}

/** « Générer le mois » (its run's summary appears), then « Envoyer les factures ». */
async function billMonth(desk: Page, structureId: string, month: string) {
  await desk.goto(`/admin/facturation?lieu=${structureId}&mois=${month}`);
  await desk.getByRole("button", { name: "Générer le mois" }).click();
  // A background run: the page reads it again every 2 s until its summary (a loaded machine takes longer).
  await expect(desk.getByText(/^1 facture créée \(/)).toBeVisible({ timeout: 30_000 });
  await desk.getByRole("button", { name: "Envoyer les factures" }).click();
  await desk.getByRole("alertdialog", { name: "Envoyer 1 facture ?" }).getByRole("button", { name: "Envoyer les factures" }).click();
  // In the background, as generation: the request returns at once, the page follows the run to its summary.
  await expect(toasts(desk).getByText("Envoi d'une facture lancé.")).toBeVisible();
  await expect(desk.getByText("1 facture envoyée aux familles par e-mail.")).toBeVisible({ timeout: 30_000 });
}

test("l'accueil génère et envoie le mois ; le parent coche deux factures, paie sur la page de paiement simulée et voit « payé », reçu par e-mail", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const { w, f, months } = await billedWorld("Facturine");
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, (await newStaff()).email);
  for (const month of months) await billMonth(desk, w.structure.id, month);
  await expectAccessible(desk);

  await signIn(page, f.user.email);
  await page.goto("/mes-factures");
  await expect(page.getByRole("heading", { level: 1, name: "Mes factures" })).toBeVisible();
  await expect(page.getByText(/^Solde : 12,00\s€ à payer\.$/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Mon compte" })).toContainText("Quotient familial : 600 € — tranche 501 à 800 €");
  await page
    .getByText(/^Facture n° \d{4}-\d{6} — /)
    .first()
    .click();
  await expect(page.getByRole("table", { name: /Lignes de la facture/ }).first()).toContainText("Facturine FACTURINE — Matin");
  const form = page.getByRole("form", { name: "Factures à payer" });
  await expect(form.getByRole("checkbox")).toHaveCount(2);
  await expect(form).toContainText(/Total factures : 12,00\s€/);
  await form.getByRole("checkbox").first().uncheck();
  await expect(form).toContainText(/Total factures : 6,00\s€/);
  await form.getByRole("checkbox").first().check();
  await expectAccessible(page);
  await form.getByRole("button", { name: "Payer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Paiement par carte (démonstration)" })).toBeVisible();
  await expect(page.getByText(/Montant : 12,00\s€/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Payer" }).click();
  await expect(page.getByText(/^Payé : nous avons bien reçu 12,00\s€/)).toBeVisible({ timeout: 20_000 });
  await page.goto("/mes-factures");
  await expect(page.getByText("Aucune facture à payer")).toBeVisible();
  await expect(page.getByText(/^Solde : rien à payer\.$/)).toBeVisible();
  const text = await openDeliveredEmail(desk, f.user.email, "Paiement reçu");
  expect(text).toMatch(/Nous avons bien reçu votre paiement en ligne de 12,00 € pour les factures n° \d{4}-\d{6}, \d{4}-\d{6}\./);
  // The quittance downloads; its text has the invoice's number and amount.
  const quittance = page.getByRole("link", { name: /^Télécharger la quittance de la facture n° \d{4}-\d{6} \(PDF\)$/ }).first();
  const number = (await quittance.textContent())!.match(/\d{4}-\d{6}/)![0];
  const [download] = await Promise.all([page.waitForEvent("download"), quittance.click()]);
  expect(download.suggestedFilename()).toBe(`quittance-${number}.pdf`);
  const pdf = await extractText(await getDocumentProxy(new Uint8Array(await readFile((await download.path())!))), { mergePages: true });
  expect(pdf.text).toContain(`QUITTANCE — FACTURE N° ${number}`);
  expect(pdf.text).toMatch(/la somme de 6,00\s€\sen\srèglement de la facture/);
});

test("un paiement abandonné laisse les factures à payer", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { w, f, months } = await billedWorld("Abandon");
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, (await newStaff()).email);
  await billMonth(desk, w.structure.id, months[0]!);

  await signIn(page, f.user.email);
  await page.goto("/mes-factures");
  await page.getByRole("form", { name: "Factures à payer" }).getByRole("button", { name: "Payer" }).click();
  await page.getByRole("button", { name: "Abandonner" }).click();
  await expect(page.getByText("Paiement abandonné : vos factures restent à payer.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("form", { name: "Factures à payer" }).getByRole("checkbox")).toHaveCount(1);
  await expect.poll(async () => (await testDb().payment.findFirstOrThrow({ where: { familyId: f.family.id } })).status).toBe("FAILED");
});

test("à l'accueil, sur un téléphone : un chèque partiel, un avoir, puis le paiement dans la liste et l'export de trésorerie", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { w, f, months } = await billedWorld("Guichetier");
  const desk = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(desk, (await newStaff()).email);
  for (const month of months) await billMonth(desk, w.structure.id, month);
  await desk.goto(`/admin/facturation/familles/${f.family.id}`);
  await expect(desk.getByRole("heading", { level: 1, name: "Compte — Famille GUICHETIER" })).toBeVisible();
  const payment = desk.getByRole("region", { name: "Enregistrer un paiement" });
  await payment.getByLabel("Montant (€)").fill("-4");
  await payment.getByRole("button", { name: "Enregistrer le paiement" }).click();
  await expect(payment.getByText("Montant : pas de montant négatif.").first()).toBeVisible();
  await payment.getByLabel("Montant (€)").fill("4,00");
  await payment.getByRole("button", { name: "Enregistrer le paiement" }).click();
  await expect(payment.getByText("Référence : le numéro du chèque est obligatoire.").first()).toBeVisible();
  await payment.getByLabel("Référence").fill("CHQ 881");
  await payment.getByRole("button", { name: "Enregistrer le paiement" }).click();
  await expect(toasts(desk).getByText(/^Paiement de 4,00\s€ enregistré \(facture n° \d{4}-\d{6}\)/)).toBeVisible();
  await expect(desk.getByText("Partiellement payée").first()).toBeVisible();
  await expectAccessible(desk);

  await desk
    .getByText(/^Faire un avoir sur la facture n° /)
    .last()
    .click();
  await desk.getByLabel("Montant de l'avoir (€)").last().fill("7");
  await desk.getByLabel("Motif de l'avoir").last().fill("Absence justifiée");
  await desk.getByRole("button", { name: "Établir l'avoir" }).last().click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "Établir l'avoir" }).click();
  await expect(desk.getByText(/^Montant de l'avoir : 7,00\s€ dépasse ce qui reste de la facture/).first()).toBeVisible();
  await desk.getByLabel("Montant de l'avoir (€)").last().fill("2");
  await desk.getByRole("button", { name: "Établir l'avoir" }).last().click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "Établir l'avoir" }).click();
  await expect(toasts(desk).getByText(/^Avoir n° \d{4}-\d{6} de 2,00\s€ établi/)).toBeVisible();
  await expect(desk.getByText(/Solde : 6,00\s€ à payer/)).toBeVisible();

  await desk.goto("/admin/paiements?mode=CHEQUE");
  await expect(desk.getByRole("table", { name: "Paiements" })).toContainText("CHQ 881");
  await expectAccessible(desk);
  const [csv] = await Promise.all([
    desk.waitForEvent("download"),
    desk.getByRole("link", { name: "Exporter pour la trésorerie (CSV)" }).click(),
  ]);
  const content = await readFile((await csv.path())!, "utf8");
  expect(content).toMatch(/;Famille GUICHETIER;Chèque;CHQ 881;;4,00;\d{4}-\d{6} \(4,00\);Payé;/);
});

test("une génération dont le serveur s'est arrêté se voit interrompue et « Reprendre » la termine, sans rien facturer deux fois", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { w, f, months } = await billedWorld("Reprise");
  const month = months[0]!;
  // What a server killed during « Générer le mois » leaves: its run, still « en cours », whose heartbeat stopped a minute ago.
  await testDb().billingRun.create({
    data: {
      structureId: w.structure.id,
      month: new Date(`${month}-01T00:00:00Z`),
      runningKey: `${w.structure.id}|${month}`,
      total: 1,
      heartbeatAt: new Date(Date.now() - 60_000),
    },
  });
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, (await newStaff()).email);
  await desk.goto(`/admin/facturation?lieu=${w.structure.id}&mois=${month}`);
  await expect(desk.getByText(/^La génération a été interrompue à 0 \/ 1 familles \(le serveur s'est arrêté/)).toBeVisible();
  await expect(desk.getByText(/suivez sa progression/)).toHaveCount(0);
  await desk.getByRole("button", { name: "Générer le mois" }).click();
  await expect(
    desk.getByText(/a été interrompue \(le serveur s'est arrêté\) : cliquez sur « Reprendre » pour la terminer/).first(),
  ).toBeVisible();
  await expectAccessible(desk);
  await desk.getByRole("button", { name: "Reprendre" }).click();
  // « d'octobre », « d'avril »: the month's French elision, wherever the month is said.
  await expect(toasts(desk).getByText(`Génération ${deMonth(month)} reprise.`)).toBeVisible();
  await expect(desk.getByText(/^1 facture créée \(n° \d{4}-\d{6}\), total /)).toBeVisible({ timeout: 20_000 });
  await expect(desk.getByRole("button", { name: "Reprendre" })).toHaveCount(0);
  expect(await testDb().invoice.count({ where: { familyId: f.family.id } })).toBe(1);
});

test("« Payer » deux fois pour les mêmes factures ramène à la même page de paiement ; pour d'autres factures, l'ancienne page expire et ne peut plus être payée", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const { w, f, months } = await billedWorld("Reclic");
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, (await newStaff()).email);
  for (const month of months) await billMonth(desk, w.structure.id, month);

  await signIn(page, f.user.email);
  const pay = async (uncheckFirst = false) => {
    await page.goto("/mes-factures");
    const form = page.getByRole("form", { name: "Factures à payer" });
    if (uncheckFirst) await form.getByRole("checkbox").first().uncheck();
    await form.getByRole("button", { name: "Payer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Paiement par carte (démonstration)" })).toBeVisible();
    return page.url();
  };
  const first = await pay();
  expect(await pay()).toBe(first);
  expect(await testDb().payment.count({ where: { familyId: f.family.id } })).toBe(1);

  const second = await pay(true);
  expect(second).not.toBe(first);
  await expect(page.getByText(/Montant : 6,00\s€/)).toBeVisible();
  await page.goto(first);
  await expect(
    page.getByText("Cette page de paiement n'est plus valable (elle a expiré, a été remplacée ou a déjà été payée) : rien n'a été débité."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Payer" })).toHaveCount(0);
  await page.goto(second);
  await page.getByRole("button", { name: "Payer" }).click();
  await expect(page.getByText(/^Payé : nous avons bien reçu 6,00\s€/)).toBeVisible({ timeout: 20_000 });
  expect(
    (await testDb().payment.findMany({ where: { familyId: f.family.id }, orderBy: { createdAt: "asc" }, select: { status: true } })).map(
      (p) => p.status,
    ),
  ).toEqual(["FAILED", "SUCCEEDED"]);
  await page.goto("/mes-factures");
  await expect(page.getByText(/^Solde : 6,00\s€ à payer\.$/)).toBeVisible();
});
