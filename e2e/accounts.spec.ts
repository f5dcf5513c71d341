import { expect, test, type Page } from "@playwright/test";
import {
  alertWith,
  DEMO_PASSWORD,
  expectAccessible,
  field,
  newFamily,
  newStaff,
  openDeliveredEmail,
  signIn,
  testDb,
  uniqueEmail,
} from "./support";

const PASSWORD = "Nouveau-compte-42";

async function fillAccountRequest(page: Page, email: string, lastName: string) {
  await page.getByRole("radio", { name: "Madame" }).check();
  await field(page, "Nom").fill(lastName);
  await field(page, "Prénom").fill("Aurélie");
  await field(page, "Date de naissance").fill("21/05/1987");
  await field(page, "Téléphone portable").fill("06 98 76 54 32");
  await field(page, "E-mail").fill(email);
  await field(page, "N° et nom de voie").fill("5 rue du Buisson");
  await field(page, "Code postal").fill("59800");
  await field(page, "Ville").fill("Lille");
  await field(page, "Mot de passe").fill(PASSWORD);
  await field(page, "Confirmation du mot de passe").fill(PASSWORD);
}

async function requestAccount(page: Page, email: string, lastName: string) {
  await page.goto("/");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Créer mon compte" }).first().click();
  await expect(page.getByRole("heading", { name: "Créer mon compte" })).toBeVisible();
  await expectAccessible(page);
  await fillAccountRequest(page, email, lastName);
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  await expect(page.getByRole("status")).toContainText("Votre demande de création de compte a été transmise");
  await expectAccessible(page);
}

test("créer un compte, validation par l'accueil, e-mail reçu, connexion", async ({ page, browser }) => {
  const email = uniqueEmail("nouvelle");
  const lastName = `Valide${Date.now() % 100000}`.replace(/\d/g, (d) => "abcdefghij"[Number(d)]);
  await requestAccount(page, email, lastName);

  // Not yet validated: the sign-in says so.
  await page.goto("/connexion");
  await field(page, "E-mail").fill(email);
  await field(page, "Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(alertWith(page, "en attente de validation")).toBeVisible();

  // Staff validate it.
  const staff = await newStaff();
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff.email);
  await staffPage.goto("/admin");
  await expectAccessible(staffPage);
  await staffPage.getByRole("link", { name: /Demandes de compte en attente/ }).click();
  await expectAccessible(staffPage);
  const card = staffPage.getByRole("listitem").filter({ hasText: email });
  await card.getByRole("button", { name: /^Valider/ }).click();
  await expect(staffPage.getByRole("listitem").filter({ hasText: email }).getByText("Validée", { exact: true })).toBeVisible();

  // The e-mail is delivered (worker → Resend SDK → local stand-in) and visible in the mailbox.
  const text = await openDeliveredEmail(staffPage, email, "Votre compte Portail Famille est validé");
  expect(text).toContain(`Madame Aurélie ${lastName},`);
  expect(text).toContain("Votre demande de création de compte a été validée.");
  await expectAccessible(staffPage);
  await staffContext.close();

  // The parent signs in and sees the accepted request on the dashboard.
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("heading", { name: "Mon tableau de bord" })).toBeVisible();
  const request = page.getByRole("listitem").filter({ hasText: "Création de compte" });
  await expect(request.getByText("Validée", { exact: true })).toBeVisible();
  await expectAccessible(page);
});

test("une demande refusée, avec son motif, par e-mail et à la connexion", async ({ page, browser }) => {
  const email = uniqueEmail("refusee");
  await requestAccount(page, email, "Refus");
  const staff = await newStaff();
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff.email);
  await staffPage.goto("/admin/demandes-de-compte");
  const card = staffPage.getByRole("listitem").filter({ hasText: email });
  await card.getByRole("button", { name: /^Refuser/ }).click();
  // The reason is required.
  const dialog = staffPage.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Confirmer le refus" }).click();
  await expect(dialog.getByText("Motif du refus : champ obligatoire.")).toBeVisible();
  await expectAccessible(staffPage);
  await dialog.getByLabel(/Motif du refus/).fill("Famille non domiciliée dans la commune");
  await dialog.getByRole("button", { name: "Confirmer le refus" }).click();
  await expect(staffPage.getByRole("listitem").filter({ hasText: email }).getByText("Refusée")).toBeVisible();
  const text = await openDeliveredEmail(staffPage, email, "Votre demande de création de compte a été refusée");
  expect(text).toContain("Motif : Famille non domiciliée dans la commune");
  await staffContext.close();

  await page.goto("/connexion");
  await field(page, "E-mail").fill(email);
  await field(page, "Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(alertWith(page, "a été refusée")).toBeVisible();
  expect(await testDb().user.count({ where: { email } })).toBe(0);
});

test("mot de passe oublié : lien par e-mail, à usage unique", async ({ page, browser }) => {
  const { user } = await newFamily();
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expectAccessible(page);
  await field(page, "E-mail").fill(user.email);
  await page.getByRole("button", { name: "Recevoir le lien" }).click();
  await expect(page.getByRole("status")).toContainText("Si un compte existe avec cette adresse");

  const staff = await newStaff();
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff.email);
  const text = await openDeliveredEmail(staffPage, user.email, "Réinitialisation de votre mot de passe");
  await staffContext.close();
  const link = /https?:\/\/\S+\/mot-de-passe-oublie\/nouveau\?jeton=[\w-]+/.exec(text)?.[0];
  expect(link, "lien de réinitialisation dans l'e-mail").toBeTruthy();
  const path = new URL(link!).pathname + new URL(link!).search;

  await page.goto(path);
  await expectAccessible(page);
  await field(page, "Nouveau mot de passe").fill("court");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.getByText("Mot de passe : 10 caractères au minimum.")).toBeVisible();
  await field(page, "Nouveau mot de passe").fill("Tout-nouveau-2027");
  await field(page, "Confirmation du mot de passe").fill("Tout-nouveau-2027");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.getByRole("status")).toContainText("Votre mot de passe a été modifié");
  await signIn(page, user.email, "Tout-nouveau-2027");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("heading", { name: "Connexion" })).toBeVisible();

  // The link works only once: opened again, it says so before anything is typed.
  await page.goto(path);
  await expect(page.getByText(/^Ce lien n'est plus valable/)).toBeVisible();
  await expect(field(page, "Nouveau mot de passe")).toHaveCount(0);
});

test("un mauvais mot de passe répété finit par bloquer la connexion", async ({ page }) => {
  const { user } = await newFamily();
  await page.goto("/connexion");
  await expectAccessible(page);
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await field(page, "E-mail").fill(user.email);
    await field(page, "Mot de passe").fill(`mauvais-${attempt}`);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(alertWith(page, "E-mail ou mot de passe incorrect.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Se connecter" })).toBeEnabled();
  }
  await expect.poll(() => testDb().signInAttempt.count({ where: { email: user.email, succeeded: false } })).toBe(5);
  // Even the right password is now refused, with a clear message.
  await field(page, "Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(alertWith(page, "Trop de tentatives de connexion")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/tableau-de-bord");
  await expect(page).toHaveURL(/\/connexion/);
});

test("un parent n'ouvre pas /admin ; un visiteur n'ouvre pas une page parent", async ({ page }) => {
  await page.goto("/tableau-de-bord");
  await expect(page).toHaveURL(/\/connexion\?retour=%2Ftableau-de-bord/);
  await expect(page.getByText("Connectez-vous pour accéder à cette page.")).toBeVisible();
  await page.goto("/admin/demandes-de-compte");
  await expect(page).toHaveURL(/\/connexion/);

  const { user } = await newFamily();
  await signIn(page, user.email);
  for (const path of ["/admin", "/admin/demandes-de-compte", "/admin/courriels"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Accès refusé" })).toBeVisible();
  }
  await expectAccessible(page);
});

test("le formulaire « Créer mon compte » refuse les saisies invalides sans rien enregistrer", async ({ page }) => {
  await page.goto("/creer-mon-compte");
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  // Every error is a link of the summary (e2e/error-summaries.spec.ts checks where each one leads).
  const summary = alertWith(page, /Le formulaire contient \d+ erreurs/);
  await expect(summary).toBeVisible();
  for (const message of [
    "Civilité : choisissez Madame ou Monsieur.",
    "Nom : champ obligatoire.",
    "Prénom : champ obligatoire.",
    "Date de naissance : champ obligatoire.",
    "Téléphone portable : champ obligatoire.",
    "E-mail : champ obligatoire.",
    "Code postal : champ obligatoire.",
  ]) {
    await expect(summary.getByRole("link", { name: message, exact: true })).toBeVisible();
  }
  await expectAccessible(page);

  const email = uniqueEmail("invalide");
  await fillAccountRequest(page, email, "Invalide");
  await field(page, "E-mail").fill("pas-une-adresse");
  await field(page, "Date de naissance").fill("01/01/2099");
  await field(page, "Nom").fill("x".repeat(10_000));
  await field(page, "Téléphone portable").fill("12345");
  await field(page, "Prénom").fill("<script>alert(1)</script>");
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  for (const message of [
    /E-mail : adresse invalide/,
    "Date de naissance : elle ne peut pas être dans le futur.",
    "Nom : 80 caractères au maximum.",
    /Téléphone portable : numéro invalide/,
    "Prénom : lettres, espaces, apostrophes et tirets uniquement.",
  ]) {
    await expect(summary.getByRole("link", { name: message })).toBeVisible();
  }

  const db = testDb();
  expect(await db.accountRequest.count({ where: { email: { in: [email, "pas-une-adresse"] } } })).toBe(0);
});

test("« Créer mon compte » avec l'adresse d'un compte existant : même réponse à l'écran, un e-mail à cette adresse", async ({ page }) => {
  const { user } = await newFamily();
  await page.goto("/creer-mon-compte");
  await fillAccountRequest(page, user.email, "Doublon");
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  // Exactly the page a new address gets: nothing tells a visitor that this address has an account.
  await expect(page.getByRole("status")).toContainText("Votre demande de création de compte a été transmise");
  await expect(page.getByText(/un compte ou une demande en attente existe déjà/)).toHaveCount(0);
  const db = testDb();
  expect(await db.accountRequest.count({ where: { email: user.email } })).toBe(0);
  await expect.poll(() => db.emailOutbox.count({ where: { to: user.email, template: "account-already-exists" } })).toBe(1);
});

test("après « Se déconnecter », le cookie rejoué n'ouvre plus rien ; « tous les appareils » ferme les autres sessions", async ({
  page,
  browser,
}) => {
  const { user } = await newFamily();
  await signIn(page, user.email);
  const cookies = await page.context().cookies();
  // A second device.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, user.email);

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("heading", { name: "Connexion" })).toBeVisible();
  // The stolen cookie, replayed after sign-out.
  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/ma-famille");
  await expect(thiefPage).toHaveURL(/\/connexion/);
  await thief.close();

  // The other device still works, then closes every session.
  await otherPage.goto("/mes-coordonnees");
  await expectAccessible(otherPage);
  const otherCookies = await other.cookies();
  await otherPage.getByRole("button", { name: "Se déconnecter de tous les appareils" }).click();
  await expect(otherPage.getByRole("status")).toContainText("Vous êtes déconnecté de tous vos appareils.");
  const replay = await browser.newContext();
  await replay.addCookies(otherCookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/mes-coordonnees");
  await expect(replayPage).toHaveURL(/\/connexion/);
  await replay.close();
  await other.close();
  expect(await testDb().userSession.count({ where: { userId: user.id } })).toBe(0);
});

test("?retour= n'envoie jamais ailleurs ; ?message= n'affiche rien", async ({ page }) => {
  const { user } = await newFamily();
  for (const retour of ["/%5Cevil.example/vol", "/%09/evil.example", "https://evil.example/", "javascript:alert(1)", "//evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/connexion?retour=${retour}`);
    await field(page, "E-mail").fill(user.email);
    await field(page, "Mot de passe").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(process.env.E2E_BASE_URL ?? "http://localhost:3100").origin);
    expect(page.url()).not.toContain("evil");
  }
  await page.goto("/ma-famille?message=Votre%20compte%20est%20suspendu");
  await expect(page.getByRole("heading", { name: "Ma famille" })).toBeVisible();
  await expect(page.getByText("Votre compte est suspendu")).toHaveCount(0);
});
