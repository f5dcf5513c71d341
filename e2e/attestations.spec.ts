import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { createBookableWorld, createPaidInvoice, inscribe } from "../prisma/factories";
import { expectAccessible, field, newFamily, newStaff, signIn, testDb, toasts } from "./support";

/*
 * Attestations fiscales (ADR 056) and the CAF's figures (ADR 057): staff publish last year's attestations of a lieu,
 * the parent finds hers in Téléchargements (« nouveau ») and downloads it from Mes factures; staff read the CAF's
 * figures of the year and download them as CSV.
 */

test.describe.configure({ timeout: 180_000 });

const SHOTS = process.env.ATTESTATIONS_SHOTS;
/** Screenshots for the review (not committed): only when ATTESTATIONS_SHOTS names a folder. */
async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text;

test("l'accueil publie les attestations de l'an dernier ; le parent la trouve dans Téléchargements et la télécharge dans Mes factures ; l'accueil télécharge les chiffres CAF", async ({
  page,
  browser,
}) => {
  const year = new Date().getUTCFullYear() - 1;
  const w = await createBookableWorld(testDb(), {
    start: `${year}-03-02`,
    end: `${year}-03-31`,
    weekdays: [3],
    units: [{ name: "Matin", start: "08:30", end: "12:00", capacity: 20, prices: [1250, 1250, 1250, 1250] }],
  });
  await testDb().structure.update({
    where: { id: w.structure.id },
    data: { street: "3 place de la Mairie", postalCode: "59000" },
  });
  const f = await newFamily({
    lastName: "Fiscal",
    firstName: "Aline",
    children: [{ firstName: "Timéo", birthDate: `${year - 3}-02-10`, sex: "M" }],
  });
  const inscription = await inscribe(testDb(), w, f.family, f.children[0]!.id);
  const lines = [];
  for (const day of w.openingDays.slice(0, 2)) {
    const r = await testDb().reservation.create({
      data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status: "PRESENT" },
    });
    lines.push({ label: "Timéo FISCAL — Matin", totalCents: 1250, reservationId: r.id, date: day });
  }
  await createPaidInvoice(testDb(), {
    structureId: w.structure.id,
    familyId: f.family.id,
    month: `${year}-03`,
    lines,
    payments: [{ amountCents: 2500, receivedAt: new Date(`${year}-04-10T10:00:00Z`) }],
  });

  // Staff: « Facturation » → « Attestations fiscales », the lieu and the year, « Générer et publier ».
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, (await newStaff()).email);
  // The lieu's SIRET first (« Identité »): a wrong key is refused, said at the field.
  await desk.goto(`/admin/structures/${w.structure.id}/identite`);
  await expect(desk.getByRole("heading", { level: 1, name: `Identité — ${w.structure.name}` })).toBeVisible();
  await field(desk, "SIRET").fill("732 829 320 00075");
  await desk.getByRole("button", { name: "Enregistrer l'identité" }).click();
  await expect(
    desk.getByText("SIRET : ce numéro n'existe pas (clé de contrôle fausse) ; vérifiez-le sur votre avis de situation INSEE.").first(),
  ).toBeVisible();
  await field(desk, "SIRET").fill("732 829 320 00074");
  await desk.getByRole("button", { name: "Enregistrer l'identité" }).click();
  await expect(toasts(desk).getByText(`Identité de « ${w.structure.name} » enregistrée.`)).toBeVisible();
  await expectAccessible(desk);
  expect((await testDb().structure.findUniqueOrThrow({ where: { id: w.structure.id } })).siret).toBe("73282932000074");

  await desk.goto(`/admin/facturation?lieu=${w.structure.id}`);
  await desk.getByRole("link", { name: "Attestations fiscales" }).click();
  await expect(desk.getByRole("heading", { level: 1, name: "Attestations fiscales" })).toBeVisible();
  await desk.goto(`/admin/facturation/attestations?lieu=${w.structure.id}&annee=${year}`);
  await expect(desk.getByRole("heading", { name: `Année ${year} — ${w.structure.name}` })).toBeVisible();
  await desk.getByRole("button", { name: "Générer et publier les attestations" }).click();
  await desk
    .getByRole("alertdialog", { name: `Publier les attestations ${year} ?` })
    .getByRole("button", { name: "Générer et publier" })
    .click();
  await expect(toasts(desk).getByText("1 attestation publiée pour 1 famille (un e-mail par famille).")).toBeVisible();
  const table = desk.getByRole("table", { name: `Attestations fiscales ${year} — ${w.structure.name}` });
  await expect(table).toContainText("Timéo FISCAL");
  await expect(table).toContainText(/25,00\s€/);
  await expectAccessible(desk);
  await shots(desk, "attestations-accueil");
  expect(
    await testDb().emailOutbox.count({
      where: { familyId: f.family.id, subject: `Vos attestations de frais de garde ${year} sont disponibles` },
    }),
  ).toBe(1);

  // The parent: « nouveau » in Téléchargements, then the PDF from Mes factures.
  await signIn(page, f.user.email);
  await page.goto("/telechargements");
  const item = page.getByRole("listitem").filter({ hasText: `Attestation de frais de garde ${year} — Timéo FISCAL` });
  await expect(item).toContainText("Nouveau");
  await page.goto("/mes-factures");
  const card = page.getByRole("region", { name: "Attestations fiscales" });
  await expect(card).toContainText(`Année ${year}`);
  await expect(card).toContainText(/Timéo FISCAL — .* : 25,00\s€/);
  await expectAccessible(page);
  await shots(page, "attestations-parent");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    card.getByRole("link", { name: `Télécharger l'attestation ${year} de Timéo FISCAL (PDF)` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`attestation-frais-de-garde-${year}-timeo-fiscal.pdf`);
  const text = await pdfText(new Uint8Array(await readFile((await download.path())!)));
  expect(text).toContain(`ATTESTATION DE FRAIS DE GARDE — ANNÉE ${year}`);
  expect(text).toContain("SIRET : 732 829 320 00074");
  expect(text).toMatch(/25,00\s€/);
  await page.goto("/telechargements");
  await expect(page.getByRole("listitem").filter({ hasText: `Attestation de frais de garde ${year}` })).not.toContainText("Nouveau");

  // Staff: the CAF's figures of the year, on screen and as CSV (2 × 3 h 30 réalisées and facturées, under 6).
  await desk.goto(`/admin/facturation/caf?lieu=${w.structure.id}&periode=${year}`);
  await expect(desk.getByRole("heading", { level: 1, name: "Chiffres pour la CAF" })).toBeVisible();
  const children = desk.getByRole("table", { name: `Heures par enfant — année ${year}` });
  const row = children.getByRole("row").filter({ hasText: "FISCAL Timéo" });
  // Réalisées < 6, réalisées 6+, facturées < 6, facturées 6+.
  await expect(row.getByRole("cell")).toHaveText([/./, /./, /./, /7,00 h$/, /0,00 h$/, /7,00 h$/, /0,00 h$/]);
  await expectAccessible(desk);
  await shots(desk, "chiffres-caf");
  const [csv] = await Promise.all([
    desk.waitForEvent("download"),
    desk.getByRole("link", { name: "Télécharger les chiffres (CSV)" }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe(`chiffres-caf-${year}.csv`);
  const content = await readFile((await csv.path())!, "utf8");
  expect(content.startsWith("\uFEFFNom;Prénom;")).toBe(true);
  expect(content).toContain(`FISCAL;Timéo;10/02/${year - 3};;ALSH mercredis;Périscolaire (mercredi);7,00;0,00;7,00;7,00;0,00;7,00`);
});
