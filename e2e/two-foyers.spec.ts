import { expect, test, type Page } from "@playwright/test";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { expectAccessible, field, newFamily, newStaff, signIn, testDb } from "./support";

/*
 * Garde alternée (issue 26, ADR 051): two parents, each in its own browser with its own login. The mother asks
 * nothing; the father says « Mon enfant est déjà inscrit par l'autre parent »; the desk links the child from the
 * mother's family page (« Lier à un second foyer »). Both then see the child, its inscription; the father never sees
 * the mother's address, phones, quotient, invoices.
 */

test.describe.configure({ timeout: 180_000 });

const SHOTS = process.env.FOYERS_SHOTS;
/** Screenshots for the review (not committed): only when FOYERS_SHOTS names a folder. */
const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
};

/** Letters only (a name field takes no digits): each test's families are its own, whatever the database holds. */
const letters = () => Array.from({ length: 5 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");

test("deux parents, deux navigateurs : le père demande, l'accueil lie l'enfant, chacun le voit, aucun ne voit le dossier de l'autre", async ({
  browser,
}) => {
  const tag = letters();
  const [motherName, fatherName] = [`Roussel${tag}`, `Garnier${tag}`];
  const mother = await newFamily({
    lastName: motherName,
    firstName: "Élise",
    quotientFamilial: 1234,
    children: [{ firstName: "Jade", birthDate: "2017-10-12", sex: "F" }],
  });
  const father = await newFamily({ lastName: fatherName, firstName: "Thomas", civility: "M", quotientFamilial: 380 });
  const secret = `${tag} impasse du Secret`;
  await testDb().family.update({ where: { id: mother.family.id }, data: { street: secret } });
  await testDb().adult.update({ where: { id: mother.adult.id }, data: { mobilePhone: "06 77 77 77 01" } });
  const jade = mother.children[0]!;
  const w = await createBookableWorld(testDb(), {
    start: "2027-01-04",
    end: "2027-06-30",
    weekdays: [3],
    units: [{ name: "Matin", capacity: 20 }],
  });
  await inscribe(testDb(), w, mother.family, jade.id);

  const motherPage = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const fatherPage = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();

  // The father asks: his request names the child and the other parent, and reads nothing of her file.
  await signIn(fatherPage, father.user.email);
  await fatherPage.goto("/ma-famille");
  await expect(fatherPage.getByRole("heading", { level: 1, name: "Ma famille" })).toBeVisible();
  await expect(fatherPage.getByRole("article", { name: /Jade/ })).toHaveCount(0);
  await fatherPage.getByRole("link", { name: "Mon enfant est déjà inscrit par l'autre parent" }).click();
  await field(fatherPage, "Nom de l'enfant").fill(motherName);
  await field(fatherPage, "Prénom de l'enfant").fill("Jade");
  await field(fatherPage, "Date de naissance de l'enfant").fill("12/10/2017");
  await field(fatherPage, "Nom et prénom de l'autre parent").fill(`Élise ${motherName}`);
  await expectAccessible(fatherPage);
  await fatherPage.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(fatherPage.getByText(/Votre demande est envoyée à la structure/).first()).toBeVisible();

  // The desk finds it in the queue with the child it names, and links it (no bare « Valider »).
  await signIn(desk, (await newStaff()).email);
  await desk.goto("/admin/demandes-de-modification");
  const card = desk.getByRole("article", { name: `Garde alternée : Jade dans les deux foyers — Famille ${fatherName.toUpperCase()}` });
  await expect(card.getByText("Enfants correspondants")).toBeVisible();
  await expect(card.getByRole("button", { name: /^Valider/ })).toHaveCount(0);
  await shot(desk, "demande-garde-alternee");
  await desk.setViewportSize({ width: 1280, height: 900 });
  await card
    .getByRole("button", { name: `Lier Jade ${motherName.toUpperCase()}, née le 12/10/2017 au foyer Famille ${fatherName.toUpperCase()}` })
    .click();
  await expectAccessible(desk);
  await desk.getByRole("alertdialog").getByRole("button", { name: "Lier et valider la demande" }).click();
  await expect(desk.getByRole("status").filter({ hasText: "l'enfant est lié au foyer" })).toBeVisible();
  await expect.poll(async () => testDb().childFoyer.count({ where: { childId: jade.id, familyId: father.family.id } })).toBe(1);

  // The father sees Jade — her card, her inscription — and nothing of the mother's file.
  await fatherPage.goto("/ma-famille");
  const jadeCard = fatherPage.getByRole("article", { name: new RegExp(`Jade ${motherName}`) });
  await expect(jadeCard).toBeVisible();
  await expect(jadeCard.getByText("Garde alternée")).toBeVisible();
  await expect(jadeCard.getByText(w.activity.name)).toBeVisible();
  await expectAccessible(fatherPage);
  await shot(fatherPage, "ma-famille-second-foyer");
  const fatherText = await fatherPage.locator("main").innerText();
  for (const hidden of [secret, "06 77 77 77 01", "Élise", "1234"]) expect(fatherText).not.toContain(hidden);
  await fatherPage.goto("/mes-coordonnees");
  await expect(fatherPage.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await fatherPage.locator("main").innerText()).not.toContain(secret);
  await fatherPage.goto("/mes-factures");
  await expect(fatherPage.getByRole("heading", { level: 1, name: "Mes factures" })).toBeVisible();
  expect(await fatherPage.locator("main").innerText()).not.toContain(motherName.toUpperCase());
  await fatherPage.goto("/mes-inscriptions");
  await expect(fatherPage.getByText(w.activity.name).first()).toBeVisible();

  // The mother still sees Jade, marked, and nothing of the father's.
  await signIn(motherPage, mother.user.email);
  await motherPage.goto("/ma-famille");
  await expect(motherPage.getByRole("article", { name: new RegExp(`Jade ${motherName}`) }).getByText("Garde alternée")).toBeVisible();
  expect(await motherPage.locator("main").innerText()).not.toMatch(new RegExp(`${fatherName}|Thomas`, "i"));
});

test("l'accueil lie un enfant depuis la fiche famille (rechercher, choisir, lier), puis retire le lien", async ({ page }) => {
  const tag = letters();
  const mother = await newFamily({ lastName: `Perrin${tag}`, children: [{ firstName: "Noé", birthDate: "2019-02-03", sex: "M" }] });
  const father = await newFamily({ lastName: `Vidal${tag}`, firstName: "Marc", civility: "M" });
  const noe = mother.children[0]!;
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, (await newStaff()).email);
  await page.goto(`/admin/familles/${mother.family.id}`);
  await page.getByRole("button", { name: "Lier Noé à un second foyer" }).click();
  const dialog = page.getByRole("dialog", { name: "Lier Noé à un second foyer" });
  // The child's own family is never offered.
  await dialog.getByRole("textbox", { name: "Famille de l'autre parent" }).fill(`Perrin${tag}`);
  await dialog.getByRole("button", { name: "Rechercher" }).click();
  await expect(dialog.getByText(/Aucune famille trouvée/)).toBeVisible();
  await dialog.getByRole("textbox", { name: "Famille de l'autre parent" }).fill(`vidal${tag}`);
  await dialog.getByRole("button", { name: "Rechercher" }).click();
  await dialog.getByRole("radio", { name: new RegExp(`Famille VIDAL${tag.toUpperCase()}`) }).check();
  await expectAccessible(page);
  await shot(page, "lier-second-foyer");
  await page.setViewportSize({ width: 1280, height: 900 });
  await dialog.getByRole("button", { name: "Lier à ce foyer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Enfant lié au second foyer." })).toBeVisible();
  await expect(
    page.getByText(
      `Foyers de Noé : premier foyer Famille PERRIN${tag.toUpperCase()} (cette famille), second foyer Famille VIDAL${tag.toUpperCase()}.`,
    ),
  ).toBeVisible();
  await expect(page.getByText("Second foyer (garde alternée)").first()).toBeVisible();
  expect(await testDb().childFoyer.count({ where: { childId: noe.id, familyId: father.family.id } })).toBe(1);

  // The father's page names Noé too; then the link is removed from there.
  await page.goto(`/admin/familles/${father.family.id}`);
  await expect(page.getByRole("heading", { name: `Noé PERRIN${tag.toUpperCase()}` })).toBeVisible();
  await page.getByRole("button", { name: "Retirer le second foyer de Noé" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Retirer le lien" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lien avec le second foyer retiré." })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Noé PERRIN${tag.toUpperCase()}` })).toHaveCount(0);
  expect(await testDb().childFoyer.count({ where: { childId: noe.id } })).toBe(0);
});
