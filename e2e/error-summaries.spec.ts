import { expect, test, type Locator, type Page } from "@playwright/test";
import { alertWith, expectAccessible, field, newFamily, signIn, toasts } from "./support";

/** Screenshots for the review, only when asked (SHOTS_DIR): never written by CI. */
async function shoot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
}

/** Each error of the summary is a link; following it puts the focus in its field. */
async function expectLinksToFields(summary: Locator, links: [message: string, target: Locator][]) {
  await expect(summary.getByRole("link")).toHaveCount(links.length);
  for (const [message, target] of links) {
    await summary.getByRole("link", { name: message, exact: true }).click();
    await expect(target).toBeFocused();
  }
}

test("« Créer mon compte » : le résumé des erreurs liste chaque erreur, chacune un lien vers son champ", async ({ page }) => {
  await page.goto("/creer-mon-compte");
  await field(page, "Prénom").fill("Nina");
  await field(page, "Code postal").fill("59000");
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  const summary = alertWith(page, "Le formulaire contient 8 erreurs");
  await expect(summary).toBeFocused();
  await expect(page.getByText("Le formulaire contient des erreurs : corrigez les champs signalés.")).toHaveCount(0);
  await expectAccessible(page);
  await shoot(page, "creer-mon-compte-erreurs");
  await expectLinksToFields(summary, [
    ["Civilité : choisissez Madame ou Monsieur.", page.getByRole("radio", { name: "Madame" })],
    ["Nom : champ obligatoire.", field(page, "Nom")],
    ["Date de naissance : champ obligatoire.", field(page, "Date de naissance")],
    ["Téléphone portable : champ obligatoire.", field(page, "Téléphone portable")],
    ["E-mail : champ obligatoire.", field(page, "E-mail")],
    ["N° et nom de voie : champ obligatoire.", field(page, "N° et nom de voie")],
    ["Ville : champ obligatoire.", field(page, "Ville")],
    ["Mot de passe : 10 caractères au minimum.", field(page, "Mot de passe")],
  ]);
  // A field put right leaves the summary.
  await field(page, "Nom").fill("Lefort");
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  await expect(alertWith(page, "Le formulaire contient 7 erreurs")).toBeVisible();
  await expect(alertWith(page, "Le formulaire contient 7 erreurs").getByRole("link", { name: "Nom : champ obligatoire." })).toHaveCount(0);
});

test("« Mes messages » : le résumé des erreurs liste chaque erreur, chacune un lien vers son champ ; rien n'est envoyé", async ({
  page,
}) => {
  const f = await newFamily({ lastName: "Resume", children: [{ firstName: "Nina", birthDate: "2018-03-02", sex: "F" }] });
  await signIn(page, f.user.email);
  await page.goto("/mes-messages");
  await expect(page.getByText("Écrivez à la structure ; sa réponse s'affiche ici et vous recevez un e-mail.")).toBeVisible();
  const form = page.getByRole("region", { name: "Écrire à la structure" });
  await form.getByRole("button", { name: "Envoyer le message" }).click();
  const summary = alertWith(page, "Le formulaire contient 2 erreurs");
  await expect(summary).toBeFocused();
  await expectAccessible(page);
  await shoot(page, "mes-messages-erreurs");
  await expectLinksToFields(summary, [
    ["Objet : champ obligatoire.", form.getByLabel("Objet")],
    ["Message : champ obligatoire.", form.getByLabel("Message")],
  ]);
  await expect(page.getByRole("heading", { name: "Conversations" })).toBeVisible();
  await expect(page.getByText("Aucun message")).toBeVisible();

  // One error left (the server's too): one link; then the message goes, with the new words.
  await form.getByLabel("Objet").fill("Absence mercredi");
  await form.getByRole("button", { name: "Envoyer le message" }).click();
  await expectLinksToFields(alertWith(page, "Le formulaire contient une erreur"), [
    ["Message : champ obligatoire.", form.getByLabel("Message")],
  ]);
  await form.getByLabel("Message").fill("Nina sera absente mercredi.");
  await form.getByRole("button", { name: "Envoyer le message" }).click();
  await expect(toasts(page).getByText("Message envoyé à la structure. Vous recevrez un e-mail quand elle aura répondu.")).toBeVisible();
  await expect(alertWith(page, /Le formulaire contient/)).toHaveCount(0);
});
