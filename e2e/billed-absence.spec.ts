import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser } from "../prisma/factories";
import { expectAccessible, newFamily, signIn, testDb } from "./support";

// An invoice line of a day « absence facturée » says so, for the parent (Mes factures) and the desk (the family's account).

/** SHOTS_DIR=<folder>: the page at 390 and 1280 px, to be looked at (never committed). */
async function shots(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  const size = page.viewportSize()!;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(size);
}

test("une absence facturée est dite sur la ligne de la facture, pour le parent et pour l'accueil", async ({ page, browser }) => {
  const db = testDb();
  const structure = await db.structure.create({ data: { name: `Accueil ${randomUUID().slice(0, 6)}` } });
  const f = await newFamily({ lastName: "Absente", children: [{ firstName: "Nina", birthDate: "2018-03-02", sex: "F" }] });
  const label = "Nina ABSENTE — Matin (Mercredis)";
  const invoice = await db.invoice.create({
    data: {
      number: "2027-000001",
      structureId: structure.id,
      year: 2027,
      sequence: 1,
      familyId: f.family.id,
      payerName: "Madame Camille ABSENTE",
      payerAddress: "12 rue des Tilleuls\n59000 Lille",
      month: new Date("2027-01-01T00:00:00Z"),
      status: "ISSUED",
      issuedAt: new Date(),
      dueDate: new Date("2027-02-28T00:00:00Z"),
      totalCents: 1200,
      lines: {
        create: [
          { label, date: new Date("2027-01-06T00:00:00Z"), unitPriceCents: 600, totalCents: 600 },
          { label, date: new Date("2027-01-13T00:00:00Z"), unitPriceCents: 600, totalCents: 600, billedAbsence: true },
        ],
      },
    },
  });

  await signIn(page, f.user.email);
  await page.goto("/mes-factures");
  await page.getByText(`Facture n° ${invoice.number} — `).click();
  const lines = page.getByRole("table", { name: `Lignes de la facture ${invoice.number}` });
  await expect(lines.getByRole("row").filter({ hasText: "13/01/2027" })).toContainText("absence facturée");
  await expect(lines.getByRole("row").filter({ hasText: "06/01/2027" })).not.toContainText("absence");
  await expectAccessible(page);
  await shots(page, "mes-factures-absence");

  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, (await createStaffUser(db, { role: "ADMIN" })).email);
  await desk.goto(`/admin/facturation/familles/${f.family.id}`);
  await desk.getByText(`Voir les lignes de la facture n° ${invoice.number}`).click();
  const deskLines = desk.getByRole("table", { name: `Lignes de la facture ${invoice.number}` });
  await expect(deskLines.getByRole("row").filter({ hasText: "13/01/2027" })).toContainText("absence facturée");
  await expect(deskLines.getByRole("row").filter({ hasText: "06/01/2027" })).not.toContainText("absence");
  await expectAccessible(desk);
  await shots(desk, "compte-famille-absence");
});
