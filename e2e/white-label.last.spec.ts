import { expect, test, type Page } from "@playwright/test";
import { createStaffUser } from "../prisma/factories";
import { expectAccessible, field, signIn, testDb } from "./support";

// Runs after every other spec (project « en-dernier », playwright.config.ts): the product's name shows on every page.

const RENAMED = "Espace Familles d'essai";
const header = (page: Page) => page.getByRole("banner").getByRole("link").first();

/** SHOTS_DIR=<folder>: the settings page at 390 and 1280 px, to be looked at (never committed). */
async function shots(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

test("un administrateur renomme le portail : l'en-tête et le titre de chaque page suivent ; vidé, le nom redevient « Portail Famille »", async ({
  page,
}) => {
  const db = testDb();
  const identity = {
    name: "Centre social Les Tilleuls",
    primaryColor: "#17599e",
    address: "12 rue des Tilleuls, 59000 Lille",
    phone: "03 20 00 12 34",
    email: "accueil@les-tilleuls.example",
    openingHours: "",
  };
  // A complete identity (a journey before may have left one with empty fields, which the form would refuse), and the
  // one found put back after.
  const before = await db.portalSettings.findUnique({
    where: { id: "portail" },
    select: { name: true, primaryColor: true, address: true, phone: true, email: true, openingHours: true, productName: true },
  });
  await db.portalSettings.upsert({ where: { id: "portail" }, create: { id: "portail", ...identity }, update: identity });
  try {
    await signIn(page, (await createStaffUser(db, { role: "ADMIN" })).email);
    await page.goto("/admin/parametres");
    await expect(header(page)).toContainText("Portail Famille");
    const form = page.getByRole("region", { name: "Identité de la structure" });
    // Read first; « Modifier » opens the form (downloaded then, ADR 046), its first field focused.
    await expectAccessible(page);
    await form.getByRole("button", { name: "Modifier l'identité" }).click();
    await expect(field(page, "Nom du portail")).toBeFocused();
    await expect(field(page, "Nom du portail")).toHaveValue("Portail Famille");

    await field(page, "Nom du portail").fill(RENAMED);
    await form.getByRole("button", { name: "Enregistrer l'identité" }).click();
    await expect(form.getByRole("status")).toHaveText("Identité de la structure enregistrée.");
    await page.reload();
    await expect(header(page)).toContainText(RENAMED);
    await expect(page).toHaveTitle(`Paramètres — ${RENAMED} — ${identity.name}`);
    await expectAccessible(page, new RegExp(RENAMED));
    await shots(page, "parametres-renomme");
    await expect(header(page)).toContainText(RENAMED);
    // Another page: the same header and title.
    await page.goto("/admin");
    await expect(header(page)).toContainText(RENAMED);
    await expect(page).toHaveTitle(new RegExp(`— ${RENAMED} — `));
    await expect(page.getByText("Portail Famille", { exact: true })).toHaveCount(0);

    // Emptied, the field gives the name back.
    await page.goto("/admin/parametres");
    await expect(form.getByText(RENAMED)).toBeVisible();
    await form.getByRole("button", { name: "Modifier l'identité" }).click();
    await field(page, "Nom du portail").fill("");
    await form.getByRole("button", { name: "Enregistrer l'identité" }).click();
    await expect(form.getByRole("status")).toHaveText("Identité de la structure enregistrée.");
    await page.reload();
    await expect(header(page)).toContainText("Portail Famille");
    await expect(page).toHaveTitle(`Paramètres — Portail Famille — ${identity.name}`);
  } finally {
    await db.portalSettings.update({ where: { id: "portail" }, data: before ?? { productName: "Portail Famille" } });
  }
});
