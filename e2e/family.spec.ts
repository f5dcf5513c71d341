import { expect, test, type Page } from "@playwright/test";
import { alertWith, expectAccessible, field, newFamily, newStaff, openDeliveredEmail, signIn, testDb, openRubrique } from "./support";

/** « Suivant », then wait for what it gives: the expected step, or this step's errors. */
async function next(page: Page, expected: number | "erreurs") {
  await page.getByRole("button", { name: "Suivant" }).click();
  if (expected === "erreurs") await expect(alertWith(page, "Cette étape contient des erreurs")).toBeVisible();
  else await expect(page.getByRole("heading", { name: new RegExp(`Étape ${expected} sur 4`) })).toBeVisible();
}

async function stepHeading(page: Page, text: RegExp) {
  await expect(page.getByRole("heading", { name: text })).toBeVisible();
}

test("un parent ajoute un enfant par l'assistant, revient en arrière, recharge, et le retrouve dans Ma famille", async ({ page }) => {
  // A long journey (four steps, a reload, the review): more than the default minute on a busy 2-core machine.
  test.slow();
  const { user, family } = await newFamily({ lastName: "Assistant" });
  await signIn(page, user.email);
  await openRubrique(page, "Ma famille");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Ajouter un enfant" }).click();
  await stepHeading(page, /Étape 1 sur 4 : Informations personnelles/);
  await expectAccessible(page);
  await expect(field(page, "Nom")).toHaveValue("Assistant");
  await field(page, "Prénom").fill("Zoé");
  await field(page, "Date de naissance").fill("15/03/2021");
  await page.getByRole("radio", { name: "Fille" }).check();
  await field(page, "École").fill("École Jules Simon");
  await field(page, "Classe").fill("GS");
  await next(page, 2);

  await stepHeading(page, /Étape 2 sur 4 : Santé et CAF/);
  await page.getByRole("group", { name: "Allergies" }).getByRole("radio", { name: "Oui" }).check();
  await field(page, "Précisions sur les allergies").fill("Arachide, kiwi");
  await page.getByRole("group", { name: /PAI/ }).getByRole("radio", { name: "Non" }).check();
  await field(page, "Type de repas").selectOption({ label: "Sans porc" });
  await field(page, "Médecin traitant").fill("Dr Lambert");
  await expectAccessible(page);

  // Back and forth keeps what was typed.
  await page.getByRole("button", { name: "Précédent" }).click();
  await stepHeading(page, /Étape 1 sur 4/);
  await expect(field(page, "Prénom")).toHaveValue("Zoé");
  await expect(field(page, "Classe")).toHaveValue("GS");
  await next(page, 2);
  await expect(field(page, "Précisions sur les allergies")).toHaveValue("Arachide, kiwi");
  await expect(field(page, "Type de repas")).toHaveValue("SANS_PORC");
  await next(page, 3);

  await stepHeading(page, /Étape 3 sur 4 : Personnes autorisées/);
  await page.getByRole("button", { name: "Ajouter une personne autorisée" }).click();
  await field(page, "Nom et prénom").fill("Monique Assistant");
  await field(page, "Téléphone").fill("06 22 33 44 55");
  await field(page, "Lien avec l'enfant").fill("Grand-mère");
  await expectAccessible(page);

  // A reload loses nothing.
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Votre saisie en cours a été reprise." })).toBeVisible();
  await stepHeading(page, /Étape 3 sur 4/);
  await expect(field(page, "Nom et prénom")).toHaveValue("Monique Assistant");
  await next(page, 4);

  await stepHeading(page, /Étape 4 sur 4 : Autorisations/);
  // Nothing is sent half-valid: the error summary takes the focus and links to the field.
  await page.getByRole("button", { name: "Vérifier" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Cette étape contient des erreurs" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Droit à l'image : répondez oui ou non." })).toBeVisible();
  expect(await testDb().child.count({ where: { familyId: family.id } })).toBe(0);
  await page.getByRole("group", { name: "Droit à l'image" }).getByRole("radio", { name: "Oui" }).check();
  await page.getByRole("group", { name: "Sortie seul" }).getByRole("radio", { name: "Non" }).check();
  await page.getByRole("group", { name: "Soins d'urgence" }).getByRole("radio", { name: "Oui" }).check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByRole("heading", { name: "Vérifiez avant d'enregistrer" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Personnes autorisées" })).toContainText("Monique Assistant (Grand-mère)");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Enregistrer l'enfant" }).click();

  await expect(page.getByRole("heading", { name: "Ma famille" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Zoé est ajoutée à votre famille");
  const card = page.getByRole("article", { name: "Zoé Assistant" });
  await expect(card.getByText("Ajout en attente de validation")).toBeVisible();
  await expect(card.getByText("Oui — Arachide, kiwi")).toBeVisible();
  await expect(card.getByText("Monique Assistant (Grand-mère)")).toBeVisible();
  await expectAccessible(page);

  const child = await testDb().child.findFirstOrThrow({ where: { familyId: family.id }, include: { authorizedPersons: true } });
  expect(child).toMatchObject({
    firstName: "Zoé",
    status: "PENDING",
    hasAllergies: true,
    mealType: "SANS_PORC",
    photoConsent: true,
    canLeaveAlone: false,
  });
  expect(child.authorizedPersons).toHaveLength(1);

  await openRubrique(page, "Mon tableau de bord");
  await expect(page.getByRole("listitem").filter({ hasText: "Ajout de l'enfant Zoé" }).getByText("En attente de validation")).toBeVisible();
});

test("changement d'adresse : en attente, accepté par l'accueil, nouvelle adresse et e-mail ; un autre refusé avec motif", async ({
  page,
  browser,
}) => {
  const { user, family } = await newFamily({ lastName: "Demenage" });
  await signIn(page, user.email);
  await openRubrique(page, "Mes coordonnées");
  await expectAccessible(page);
  await expect(page.getByLabel("E-mail", { exact: true })).toHaveAttribute("readonly", "");
  await expect(page.getByText("Pour modifier votre adresse e-mail, contactez la structure.")).toBeVisible();

  const address = page.getByRole("region", { name: "Adresse du foyer" });
  await field(address as unknown as Page, "N° et nom de voie").fill("40 avenue du Peuple Belge");
  await field(address as unknown as Page, "Code postal").fill("59800");
  await address.getByRole("button", { name: "Demander la modification de l'adresse" }).click();
  await expect(address.getByRole("status")).toContainText("Votre demande de modification est envoyée");
  await expect(address.getByText(/Demande de modification en attente de traitement.*40 avenue du Peuple Belge/)).toBeVisible();
  // The file itself has not changed yet.
  expect((await testDb().family.findUniqueOrThrow({ where: { id: family.id } })).street).toBe("12 rue des Tilleuls");

  const phones = page.getByRole("region", { name: "Mes téléphones" });
  await field(phones as unknown as Page, "Téléphone portable").fill("07 00 00 00 01");
  await phones.getByRole("button", { name: "Demander la modification des téléphones" }).click();
  await expect(phones.getByRole("status")).toContainText("Votre demande de modification est envoyée");

  await openRubrique(page, "Mon tableau de bord");
  await expect(
    page.getByRole("listitem").filter({ hasText: "Modification de l'adresse" }).getByText("En attente de validation"),
  ).toBeVisible();
  await expectAccessible(page);

  const staff = await newStaff();
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff.email);
  await staffPage.getByRole("link", { name: /Demandes de modification en attente/ }).click();
  await expectAccessible(staffPage);
  const addressRequest = staffPage.getByRole("article", { name: "Modification de l'adresse — Famille DEMENAGE" });
  await expect(addressRequest.getByRole("cell", { name: "40 avenue du Peuple Belge" })).toBeVisible();
  await addressRequest.getByRole("button", { name: /^Valider/ }).click();
  await expect(addressRequest).toHaveCount(0);

  const phonesRequest = staffPage.getByRole("article", { name: /Modification des téléphones de .* — Famille DEMENAGE/ });
  await phonesRequest.getByRole("button", { name: /^Refuser/ }).click();
  await staffPage
    .getByRole("alertdialog")
    .getByLabel(/Motif du refus/)
    .fill("Numéro non attribué, merci de vérifier");
  await staffPage.getByRole("alertdialog").getByRole("button", { name: "Confirmer le refus" }).click();
  await expect(phonesRequest).toHaveCount(0);

  const text = await openDeliveredEmail(staffPage, user.email, "Votre demande a été validée : Modification de l'adresse");
  expect(text).toContain("La modification est enregistrée dans votre dossier famille.");
  await staffContext.close();

  await page.reload();
  await expect(
    page.getByRole("listitem").filter({ hasText: "Modification de l'adresse" }).getByText("Validée", { exact: true }),
  ).toBeVisible();
  const refused = page.getByRole("listitem").filter({ hasText: "Modification des téléphones" });
  await expect(refused.getByText("Refusée")).toBeVisible();
  await expect(refused.getByText("Motif : Numéro non attribué, merci de vérifier")).toBeVisible();
  await openRubrique(page, "Mes coordonnées");
  await expect(field(page, "N° et nom de voie")).toHaveValue("40 avenue du Peuple Belge");
  await expect(field(page, "Téléphone portable")).toHaveValue("06 12 34 56 78");
});

test("l'assistant refuse les saisies invalides, rend le texte échappé et n'écrit rien", async ({ page }) => {
  const { user, family } = await newFamily({ lastName: "Erreurs" });
  await signIn(page, user.email);
  await page.goto("/ma-famille/ajouter-un-enfant");
  // Emptied before the form is hydrated, « Nom » gets the family's name back from the form's default values: empty it
  // again until the step refuses it.
  await expect(async () => {
    await field(page, "Nom").fill("");
    await next(page, "erreurs");
    await expect(page.getByText("Nom : champ obligatoire.", { exact: true }).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(alertWith(page, "Cette étape contient des erreurs")).toBeVisible();
  await expect(page.getByText("Prénom : champ obligatoire.", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Date de naissance : champ obligatoire.", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Sexe : choisissez Fille ou Garçon.").first()).toBeVisible();
  await expectAccessible(page);

  await field(page, "Nom").fill("x".repeat(10_000));
  await field(page, "Prénom").fill("<script>alert('x')</script>");
  await field(page, "Date de naissance").fill("01/05/2099");
  await page.getByRole("radio", { name: "Garçon" }).check();
  await next(page, "erreurs");
  await expect(page.getByText("Nom : 80 caractères au maximum.").first()).toBeVisible();
  await expect(page.getByText("Prénom : lettres, espaces, apostrophes et tirets uniquement.").first()).toBeVisible();
  await expect(page.getByText("Date de naissance : elle ne peut pas être dans le futur.").first()).toBeVisible();
  await field(page, "Date de naissance").fill("01/05/2001");
  await next(page, "erreurs");
  await expect(page.getByText("Date de naissance : l'enfant doit avoir moins de 18 ans.").first()).toBeVisible();

  await field(page, "Nom").fill("Erreurs");
  await field(page, "Prénom").fill("Noé");
  await field(page, "Date de naissance").fill("01/05/2019");
  await next(page, 2);
  await page.getByRole("group", { name: "Allergies" }).getByRole("radio", { name: "Oui" }).check();
  await page.getByRole("group", { name: /PAI/ }).getByRole("radio", { name: "Non" }).check();
  await next(page, "erreurs");
  await expect(page.getByText("Précisions sur les allergies : indiquez lesquelles.").first()).toBeVisible();
  await field(page, "Précisions sur les allergies").fill("<img src=x onerror=alert(1)> œufs");
  await field(page, "Téléphone du médecin").fill("123");
  await next(page, "erreurs");
  await expect(page.getByText("Téléphone du médecin : numéro invalide").first()).toBeVisible();
  await field(page, "Téléphone du médecin").fill("");
  await field(page, "Précisions sur les allergies").fill("œufs");
  await next(page, 3);
  await page.getByRole("button", { name: "Ajouter une personne autorisée" }).click();
  await field(page, "Téléphone").fill("0000");
  await next(page, "erreurs");
  await expect(page.getByText("Nom et prénom : champ obligatoire.").first()).toBeVisible();
  await expect(page.getByText("Téléphone : numéro invalide").first()).toBeVisible();
  expect(await testDb().child.count({ where: { familyId: family.id } })).toBe(0);
  expect(await testDb().changeRequest.count({ where: { familyId: family.id } })).toBe(0);
});

test("un parent ne lit ni ne modifie les enfants d'une autre famille ; refusé comme un identifiant absent", async ({ page }) => {
  const a = await newFamily({ lastName: "Alpha" });
  const b = await newFamily({
    lastName: "Bravo",
    children: [{ firstName: "Bastien", birthDate: "2018-02-02", sex: "M", hasAllergies: true, allergyNotes: "Gluten" }],
  });
  await signIn(page, a.user.email);
  const foreign = await page.goto(`/ma-famille/enfants/${b.children[0].id}/modifier`);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  const missing = await page.goto("/ma-famille/enfants/inexistant/modifier");
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  expect(foreign?.status()).toBe(404);
  expect(missing?.status()).toBe(404);
  await expectAccessible(page);
  // Nothing of family B anywhere in A's pages.
  for (const [path, title] of [
    ["/ma-famille", "Ma famille"],
    ["/mes-coordonnees", "Mes coordonnées"],
    ["/tableau-de-bord", "Mon tableau de bord"],
  ] as const) {
    await page.goto(path);
    // The page rendered (its own title, A's own child) before checking that B is absent.
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Bastien")).toHaveCount(0);
    await expect(page.getByText("Gluten")).toHaveCount(0);
  }
  for (const path of [
    "/admin/familles",
    `/admin/familles/${b.family.id}`,
    `/admin/demandes-de-modification`,
    `/admin/familles/${b.family.id}/enfants/${b.children[0].id}`,
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Accès refusé" })).toBeVisible();
  }
});

test("l'accueil cherche une famille, change l'e-mail de connexion (unique) et valide des enfants par lot", async ({ page }) => {
  const target = await newFamily({ lastName: "Recherche", children: [{ firstName: "Rosalie", birthDate: "2017-07-07", sex: "F" }] });
  const other = await newFamily({ lastName: "Autre" });
  const db = testDb();
  // Two children added by the family, waiting in the « Nouveaux enfants » queue.
  const pendingIds: string[] = [];
  for (const firstName of ["Lot", "Lotte"]) {
    const child = await db.child.create({
      data: {
        familyId: target.family.id,
        status: "PENDING",
        lastName: "Recherche",
        firstName,
        birthDate: new Date("2020-01-01T00:00:00Z"),
        sex: "F",
      },
    });
    const request = await db.changeRequest.create({
      data: {
        familyId: target.family.id,
        kind: "CHILD_ADDED",
        targetId: child.id,
        before: {},
        after: { firstName, lastName: "Recherche", birthDate: "2020-01-01" },
      },
    });
    pendingIds.push(request.id);
  }
  const staff = await newStaff();
  await signIn(page, staff.email);
  await page.goto("/admin/familles");
  await page.getByRole("searchbox", { name: "Rechercher une famille" }).fill("Rosalie");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByRole("link", { name: "Famille RECHERCHE" }).click();
  await expectAccessible(page);

  // Read first: the login e-mail is shown, its form opens on demand with the focus in it.
  await expect(page.getByRole("region", { name: "Connexion" })).toContainText(target.user.email);
  await page.getByRole("button", { name: /^Modifier l'e-mail de connexion/ }).click();
  const login = page.getByLabel("E-mail de connexion");
  await expect(login).toBeFocused();
  await login.fill(other.user.email);
  await page.getByRole("button", { name: "Changer l'e-mail de connexion" }).click();
  await expect(page.getByText("E-mail : cette adresse est déjà utilisée par un autre compte.").first()).toBeVisible();
  const fresh = `nouvelle.${Date.now()}@exemple.fr`;
  await login.fill(fresh);
  await page.getByRole("button", { name: "Changer l'e-mail de connexion" }).click();
  await expect(page.getByText(`Adresse de connexion modifiée : ${fresh}.`)).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: target.user.id } })).email).toBe(fresh);

  await page.goto("/admin/demandes-de-modification?type=enfants");
  await expectAccessible(page);
  await page.getByLabel("Sélectionner : Ajout de l'enfant Lot — Famille RECHERCHE").check();
  await page.getByLabel("Sélectionner : Ajout de l'enfant Lotte — Famille RECHERCHE").check();
  await page.getByRole("button", { name: "Valider la sélection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 demandes validées." })).toBeVisible();
  expect(await db.child.count({ where: { familyId: target.family.id, status: "VALIDATED" } })).toBe(3);
  expect(await db.changeRequest.count({ where: { id: { in: pendingIds }, status: "VALIDATED" } })).toBe(2);
});

test("ajouter un second responsable légal ; l'accueil ouvre la fiche d'un enfant", async ({ page, browser }) => {
  const { user, family } = await newFamily({ lastName: "Second", children: [{ firstName: "Sacha", birthDate: "2016-06-06", sex: "M" }] });
  await signIn(page, user.email);
  await page.goto("/ma-famille");
  await page.getByRole("link", { name: "Ajouter un responsable légal" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ajouter" }).click();
  await expect(page.getByText("Civilité : choisissez Madame ou Monsieur.")).toBeVisible();
  await page.getByRole("radio", { name: "Monsieur" }).check();
  await field(page, "Nom").fill("Second");
  await field(page, "Prénom").fill("Marc");
  await field(page, "Date de naissance").fill("09/09/1984");
  await field(page, "Téléphone portable").fill("06 55 44 33 22");
  await field(page, "Lien avec les enfants").fill("Père");
  await page.getByRole("button", { name: "Ajouter" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marc Second est ajouté à votre famille." })).toBeVisible();
  await page.goto("/ma-famille");
  await expect(page.getByText("M. Marc SECOND")).toBeVisible();
  expect(await testDb().adult.count({ where: { familyId: family.id } })).toBe(2);

  const staff = await newStaff();
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff.email);
  await staffPage.goto(`/admin/familles/${family.id}`);
  await expect(staffPage.getByRole("heading", { name: "Marc SECOND" })).toBeVisible();
  await staffPage.getByRole("link", { name: "Modifier Sacha" }).click();
  await expect(staffPage.getByRole("heading", { name: /Étape 1 sur 4/ })).toBeVisible();
  await expectAccessible(staffPage);
  await field(staffPage, "Classe").fill("6e");
  for (const step of [2, 3, 4]) {
    await staffPage.getByRole("button", { name: "Suivant" }).click();
    await expect(staffPage.getByRole("heading", { name: new RegExp(`Étape ${step} sur 4`) })).toBeVisible();
  }
  await staffPage.getByRole("group", { name: "Droit à l'image" }).getByRole("radio", { name: "Non" }).check();
  await staffPage.getByRole("group", { name: "Sortie seul" }).getByRole("radio", { name: "Oui" }).check();
  await staffPage.getByRole("group", { name: "Soins d'urgence" }).getByRole("radio", { name: "Oui" }).check();
  await staffPage.getByRole("button", { name: "Vérifier" }).click();
  await staffPage.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(staffPage.getByRole("status").filter({ hasText: "Les informations de Sacha sont enregistrées." })).toBeVisible();
  expect((await testDb().child.findFirstOrThrow({ where: { familyId: family.id } })).schoolClass).toBe("6e");
  await staffContext.close();
});

test("un parent modifie son enfant par l'assistant : l'enfant modifié part avec le formulaire, rien d'autre ne change", async ({
  page,
}) => {
  const { user, family, children } = await newFamily({
    lastName: "Modif",
    children: [{ firstName: "Alice", birthDate: "2017-04-04", sex: "F" }],
  });
  await signIn(page, user.email);
  await openRubrique(page, "Ma famille");
  await page.getByRole("link", { name: "Modifier Alice" }).click();
  await expect(page.getByRole("heading", { name: /Étape 1 sur 4/ })).toBeVisible();
  await field(page, "Classe").fill("CM1");
  for (const step of [2, 3, 4]) {
    await page.getByRole("button", { name: "Suivant" }).click();
    await expect(page.getByRole("heading", { name: new RegExp(`Étape ${step} sur 4`) })).toBeVisible();
  }
  await page.getByRole("group", { name: "Droit à l'image" }).getByRole("radio", { name: "Non" }).check();
  await page.getByRole("group", { name: "Sortie seul" }).getByRole("radio", { name: "Non" }).check();
  await page.getByRole("group", { name: "Soins d'urgence" }).getByRole("radio", { name: "Oui" }).check();
  await page.getByRole("button", { name: "Vérifier" }).click();
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Les informations d'Alice sont enregistrées." })).toBeVisible();
  await expect(page).toHaveURL(/\/ma-famille$/);
  const saved = await testDb().child.findMany({ where: { familyId: family.id } });
  expect(saved.map((c) => [c.id, c.schoolClass])).toEqual([[children[0].id, "CM1"]]);
});
