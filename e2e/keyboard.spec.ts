import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, newFamily, testDb } from "./support";
import { DEMO_PASSWORD } from "../prisma/factories";

/** Presses Tab (only Tab) until `target` has the focus; fails past `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** Presses Shift+Tab until `target` has the focus. */
async function tabBackTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Shift+Tab");
  }
  await expect(target).toBeFocused();
}

/** In a radio group that has the focus, ArrowDown until `target` is checked (and focused). */
async function arrowTo(page: Page, target: Locator, max = 200) {
  for (let i = 0; i < max; i++) {
    if (await target.isChecked()) break;
    await page.keyboard.press("ArrowDown");
  }
  await expect(target).toBeChecked();
  await expect(target).toBeFocused();
}

function upcomingWednesdays() {
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + 14 + ((10 - start.getUTCDay()) % 7));
  const end = new Date(start.getTime() + 63 * 86_400_000);
  return { start, end };
}

test("au clavier seul : connexion, ajout d'un enfant, nouvelle inscription — le focus suit chaque action", async ({ page }) => {
  test.slow();
  const { user } = await newFamily({ lastName: "Clavier", children: [{ firstName: "Maé", birthDate: "2018-02-02", sex: "F" }] });
  const db = testDb();
  const suffix = Math.random().toString(36).slice(2, 8);
  const structure = await db.structure.create({ data: { name: `Maison clavier ${suffix}` } });
  const careType = await db.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "ALSH mercredis" } });
  const activity = await db.activity.create({ data: { structureId: structure.id, careTypeId: careType.id, name: `Mercredis ${suffix}` } });
  const { start, end } = upcomingWednesdays();
  await db.period.create({ data: { activityId: activity.id, name: "Printemps", startDate: start, endDate: end } });

  // ── Connexion: the skip link, then the form, Enter sends it.
  await page.goto("/connexion");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Aller au contenu" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("E-mail")).toBeFocused();
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Mot de passe")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Mon tableau de bord", level: 1 })).toBeVisible();

  // ── Ajouter un enfant, from the dashboard's shortcut.
  await tabTo(page, page.getByRole("link", { name: "Ajouter un enfant" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /Étape 1 sur 4/ })).toBeVisible();
  await tabTo(page, page.getByLabel(/^Nom/));
  await page.keyboard.type("Clavier");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Noé");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(/^Date de naissance/)).toBeFocused();
  await page.keyboard.type("14/05/2019");
  // Sending the step with a missing answer: the error summary takes the focus.
  await page.keyboard.press("Enter");
  const summary = page.getByRole("alert").filter({ hasText: "Cette étape contient des erreurs" });
  await expect(summary).toBeFocused();
  await tabTo(page, summary.getByRole("link", { name: "Sexe : choisissez Fille ou Garçon." }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("radio", { name: "Fille" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Garçon" })).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Suivant" }));
  await page.keyboard.press("Enter");
  const step2 = page.getByRole("heading", { name: /Étape 2 sur 4/ });
  await expect(step2).toBeFocused();

  for (const group of ["Allergies", "PAI (projet d'accueil individualisé)"]) {
    await tabTo(page, page.getByRole("group", { name: group }).getByRole("radio", { name: "Oui" }));
    await page.keyboard.press("ArrowDown"); // « Non »
  }
  await tabTo(page, page.getByRole("button", { name: "Suivant" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /Étape 3 sur 4/ })).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Suivant" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /Étape 4 sur 4/ })).toBeFocused();
  for (const group of ["Droit à l'image", "Sortie seul", "Soins d'urgence"]) {
    await tabTo(page, page.getByRole("group", { name: group }).getByRole("radio", { name: "Oui" }));
    await page.keyboard.press("Space");
  }
  await tabTo(page, page.getByRole("button", { name: "Vérifier" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Vérifiez avant d'enregistrer" })).toBeFocused();
  await expect(page.getByRole("region", { name: "Informations personnelles" })).toContainText("14/05/2019");
  await expectAccessible(page);
  await tabTo(page, page.getByRole("button", { name: "Enregistrer l'enfant" }));
  await page.keyboard.press("Enter");
  const saved = page.getByRole("status").filter({ hasText: "Noé est ajouté à votre famille" });
  await expect(saved).toBeFocused();

  // ── Nouvelle inscription for Maé (validated), from « Mes inscriptions ».
  // On a phone the rubriques are behind « Menu ».
  await tabBackTo(page, page.getByRole("button", { name: "Menu" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "true");
  await tabTo(page, page.getByRole("navigation", { name: "Rubriques" }).getByRole("link", { name: "Mes inscriptions" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Mes inscriptions", level: 1 })).toBeVisible();
  await tabTo(page, page.getByRole("main").getByRole("link", { name: "Nouvelle inscription" }));
  await page.keyboard.press("Enter");
  // Noé awaits validation, yet can be chosen too (his request would be prepared, sent on validation): the parent picks Maé.
  const children = page.getByRole("group", { name: /Enfant$/ });
  await expect(children.getByRole("radio")).toHaveCount(2);
  await tabTo(page, children.getByRole("radio").first());
  await arrowTo(page, children.getByRole("radio", { name: /^Maé / }));
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continuer" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText("(seul choix possible)")).toHaveCount(0);
  const places = page.getByRole("group", { name: /Lieu d'accueil$/ });
  await tabTo(page, places.getByRole("radio").first());
  await arrowTo(page, places.getByRole("radio", { name: structure.name, exact: true }));
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continuer" })).toBeFocused();
  await page.keyboard.press("Enter");
  // One type, one activity, one period: chosen for the parent; the last step has the focus order of its form.
  await expect(page.getByRole("heading", { name: /groupe et dates$/ })).toBeVisible();
  await expect(page.getByText("(seul choix possible)")).toHaveCount(3);
  await expectAccessible(page);
  await tabTo(page, page.getByRole("button", { name: "Enregistrer ma demande" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Mes inscriptions", level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Votre demande d'inscription est enregistrée" })).toBeFocused();
  await expect(page.getByRole("article", { name: `Maé — ${activity.name} (Printemps)` })).toContainText("En attente de validation");
});
