import { expect, test } from "@playwright/test";
import { PDFDocument } from "pdf-lib";
import { createBookableWorld, inscribe } from "../prisma/factories";
import { expectAccessible, newFamily, newStaff, openDeliveredEmail, signIn, testDb, toasts } from "./support";

/*
 * Documents: a parent sends an attestation CAF, staff refuse it as « illisible », the parent reads why on the
 * dashboard and sends a new one, which is accepted; staff publish a menu that every parent of the activity finds in
 * Téléchargements, « nouveau » until opened. Bad files are refused with a French message.
 */

async function pdf(text: string) {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return Buffer.from(await doc.save());
}

test("attestation CAF refusée « illisible », renvoyée, acceptée ; le parent suit tout sur son tableau de bord", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const type = await testDb().documentType.create({
    data: { name: `Attestation CAF ${Date.now()}`, required: true, validity: "CALENDAR_YEAR" },
  });
  const f = await newFamily({ lastName: "Papiers", children: [{ firstName: "Lou", birthDate: "2018-03-02", sex: "F" }] });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, f.user.email);
  await page.goto("/tableau-de-bord");
  await expect(page.getByRole("link", { name: `Envoyez votre a${type.name.slice(1)}` })).toBeVisible();
  await page.goto("/mes-envois");
  await expect(page.getByRole("heading", { level: 1, name: "Mes envois" })).toBeVisible();
  const form = page.getByRole("region", { name: "Envoyer un document" });
  await form.getByLabel("Type de document").selectOption({ label: type.name });
  // Bad files first: an executable renamed .pdf, then nothing at all.
  await form.getByRole("button", { name: "Fichier", exact: true }).setInputFiles({
    name: "attestation.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(2048)]),
  });
  await form.getByRole("button", { name: "Envoyer le document" }).click();
  await expect(form.getByText(/seuls les PDF et les images JPEG ou PNG sont acceptés/).first()).toBeVisible();
  await form
    .getByRole("button", { name: "Fichier", exact: true })
    .setInputFiles({ name: "gros.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(11 * 1024 * 1024) });
  await form.getByRole("button", { name: "Envoyer le document" }).click();
  await expect(form.getByRole("link", { name: "Fichier : 11,0 Mo, c'est plus que les 10 Mo acceptés." })).toBeVisible();
  await form
    .getByRole("button", { name: "Fichier", exact: true })
    .setInputFiles({ name: "mon attestation.pdf", mimeType: "application/pdf", buffer: await pdf("Flou") });
  await form.getByRole("button", { name: "Envoyer le document" }).click();
  await expect(toasts(page).getByText(/^Document envoyé/)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: type.name })).toContainText("En attente");
  await expectAccessible(page);

  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, (await newStaff()).email);
  await desk.goto("/admin/documents");
  const row = desk.getByRole("row", { name: new RegExp(`${type.name}, Famille PAPIERS`) });
  await expect(row).toContainText("mon-attestation.pdf");
  await expectAccessible(desk);
  await row.getByRole("button", { name: /^Refuser/ }).click();
  const dialog = desk.getByRole("alertdialog");
  await dialog.getByLabel(/^Motif du refus/).fill("illisible");
  await dialog.getByRole("button", { name: /^Confirmer/ }).click();
  await expect(desk.getByText("Aucun document en attente")).toBeVisible();
  const text = await openDeliveredEmail(desk, f.user.email, "Document refusé : à renvoyer");
  expect(text).toContain(`Le document « ${type.name} » a été refusé. Motif : illisible`);

  await page.goto("/tableau-de-bord");
  const request = page.getByRole("listitem").filter({ hasText: `Document envoyé : ${type.name}` });
  await expect(request).toContainText("Refusé");
  await expect(request).toContainText("Motif : illisible");
  await page.goto("/mes-envois");
  await page.getByText("Envoyer un nouveau document à la place").click();
  await page
    .getByRole("button", { name: "Fichier", exact: true })
    .last()
    .setInputFiles({ name: "scan-net.pdf", mimeType: "application/pdf", buffer: await pdf("Net") });
  await page.getByRole("button", { name: "Envoyer le nouveau document" }).click();
  await expect(toasts(page).getByText(/^Document envoyé/)).toBeVisible();

  await desk.goto("/admin/documents");
  await desk
    .getByRole("row", { name: new RegExp(`${type.name}, Famille PAPIERS`) })
    .getByRole("button", { name: /^Accepter/ })
    .click();
  await expect(desk.getByText("Aucun document en attente")).toBeVisible();
  await page.goto("/mes-envois");
  await expect(page.getByRole("listitem").filter({ hasText: "scan-net.pdf" })).toContainText(/Accepté[\s\S]*valable jusqu'au 31\/12\//);
  await page.goto("/tableau-de-bord");
  await expect(page.getByRole("link", { name: `Envoyez votre a${type.name.slice(1)}` })).toHaveCount(0);
});

test("un menu publié pour une activité : ses familles le voient « nouveau » dans Téléchargements, puis lu ; les autres ne le voient pas", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const w = await createBookableWorld(testDb(), {
    start: "2027-01-04",
    end: "2027-01-31",
    weekdays: [3],
    units: [{ name: "Matin", capacity: 10 }],
  });
  const [inside, outside] = [await newFamily({ lastName: "Menuphile" }), await newFamily({ lastName: "Ailleurs" })];
  const child = await testDb().child.create({
    data: { familyId: inside.family.id, firstName: "Mona", lastName: "Menuphile", birthDate: new Date("2018-03-02T00:00:00Z"), sex: "F" },
  });
  await inscribe(testDb(), w, inside.family, child.id);
  const desk = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(desk, (await newStaff()).email);
  await desk.goto("/admin/documents/publies");
  const form = desk.getByRole("region", { name: "Publier un document" });
  const title = `Menus de janvier ${Date.now()}`;
  await form.getByLabel("Titre").fill(title);
  await form.getByLabel("Pour").selectOption({ label: `Les inscrits de ${w.activity.name} (${w.structure.name})` });
  await form
    .getByRole("button", { name: "Fichier", exact: true })
    .setInputFiles({ name: "menus.pdf", mimeType: "application/pdf", buffer: await pdf("Menus") });
  await form.getByRole("button", { name: "Publier" }).click();
  await expect(toasts(desk).getByText(`« ${title} » est publié dans les Téléchargements des familles.`)).toBeVisible();
  await expectAccessible(desk);

  await signIn(page, inside.user.email);
  await page.goto("/telechargements");
  const item = page.getByRole("listitem").filter({ hasText: title });
  await expect(item).toContainText("Nouveau");
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), item.getByRole("link", { name: `Télécharger ${title}` }).click()]);
  expect(download.suggestedFilename()).toBe("menus.pdf");
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: title })).not.toContainText("Nouveau");

  const other = await (await browser.newContext()).newPage();
  await signIn(other, outside.user.email);
  await other.goto("/telechargements");
  await expect(other.getByText(title)).toHaveCount(0);
});

test("un message et sa réponse, des deux côtés, avec l'e-mail ; les compteurs de non-lus", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const f = await newFamily({ lastName: "Message", children: [{ firstName: "Noé", birthDate: "2018-03-02", sex: "M" }] });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, f.user.email);
  await page.goto("/mes-messages");
  const form = page.getByRole("region", { name: "Écrire à la structure" });
  const subject = `Absence de Noé ${Date.now()}`;
  await form.getByLabel("Objet").fill(subject);
  await form.getByLabel("Concerne").selectOption({ label: "Noé" });
  await form.getByLabel("Message").fill("Noé sera absent mercredi pour un rendez-vous médical.");
  await form.getByRole("button", { name: "Envoyer le message" }).click();
  await expect(toasts(page).getByText(/^Message envoyé à la structure/)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: subject })).toContainText("En attente de réponse");
  await expectAccessible(page);

  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, (await newStaff()).email);
  await desk.goto("/admin/messages");
  // In the « Demandes » menu, whose button adds up what waits.
  await desk.getByRole("button", { name: /^Demandes \d+ en attente$/ }).click();
  await expect(desk.getByRole("link", { name: /^Messages \d+ non lus?$/ })).toBeVisible();
  await expect(desk.getByRole("row", { name: new RegExp(subject) })).toContainText("Non lu");
  await desk.getByRole("link", { name: subject }).click();
  await expect(desk.getByText("Noé sera absent mercredi pour un rendez-vous médical.")).toBeVisible();
  await expectAccessible(desk);
  await desk.getByLabel("Réponse").fill("Bien noté, nous prévenons l'animateur. Bonne journée.");
  await desk.getByRole("button", { name: "Envoyer la réponse" }).click();
  await expect(toasts(desk).getByText("Réponse envoyée : la famille est prévenue par e-mail.")).toBeVisible();
  const text = await openDeliveredEmail(desk, f.user.email, `Réponse de la structure : ${subject}`);
  expect(text).toContain(`La structure a répondu à votre message « ${subject} »`);

  await page.goto("/mes-messages");
  await expect(page.getByText("Nouvelle réponse")).toBeVisible();
  await page.getByRole("link", { name: subject }).click();
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByRole("listitem")).toHaveCount(2);
  await expect(messages.getByRole("listitem").last()).toContainText("Bien noté, nous prévenons l'animateur.");
  await expect(messages.getByRole("listitem").last()).toContainText("La structure — Agent de test");
  await page.goto("/mes-messages");
  await expect(page.getByText("Nouvelle réponse")).toHaveCount(0);
});

test("une absence facturée justifiée par un certificat devient « A Exc. » ; l'export RGPD contient les enfants et leurs documents", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const today = new Date();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const start = iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)));
  const w = await createBookableWorld(testDb(), {
    start,
    end: iso(new Date(today.getTime() + 30 * 86_400_000)),
    weekdays: [1, 2, 3, 4, 5],
    units: [{ name: "Matin", capacity: 10 }],
  });
  const f = await newFamily({ lastName: "Certifie", children: [{ firstName: "Lina", birthDate: "2018-03-02", sex: "F" }] });
  const inscription = await inscribe(testDb(), w, f.family, f.children[0]!.id);
  const day = w.openingDays.find((d) => d < iso(today))!;
  const absence = await testDb().reservation.create({
    data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status: "ABSENT_BILLED" },
  });
  await testDb().documentType.upsert({
    where: { name: "Certificat médical" },
    create: { name: "Certificat médical", scope: "CHILD" },
    update: {},
  });
  await signIn(page, f.user.email);
  await page.goto("/mes-envois");
  const card = page.getByRole("region", { name: "Justifier une absence facturée" });
  const long = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
  await card.getByText(`Justifier l'absence de Lina le ${long} (Matin)`).click();
  await card
    .getByRole("button", { name: "Certificat", exact: true })
    .setInputFiles({ name: "certificat.pdf", mimeType: "application/pdf", buffer: await pdf("Certificat") });
  await card.getByRole("button", { name: "Envoyer le certificat" }).click();
  await expect(toasts(page).getByText(/^Document envoyé/)).toBeVisible();

  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, (await newStaff()).email);
  await desk.goto("/admin/documents");
  const row = desk.getByRole("row", { name: /Certificat médical de Lina, Famille CERTIFIE/ });
  await expect(row).toContainText("Justifie une absence facturée");
  await row.getByRole("button", { name: /^Accepter/ }).click();
  await expect
    .poll(async () => (await testDb().reservation.findUniqueOrThrow({ where: { id: absence.id } })).status)
    .toBe("ABSENT_EXCUSED");
  await page.goto(`/mes-reservations?inscription=${inscription.id}&mois=${day.slice(0, 7)}`);
  // A past day: folded on a phone until asked for.
  await page.getByRole("button", { name: /^Afficher les jours passés/ }).click();
  await expect(page.getByRole("cell", { name: /, Lina : Absence excusée, non modifiable$/ }).first()).toBeVisible();

  await page.goto("/mes-coordonnees");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Télécharger les données de ma famille (ZIP)" }).click(),
  ]);
  const { unzipSync, strFromU8 } = await import("fflate");
  const zip = unzipSync(new Uint8Array(await (await import("node:fs/promises")).readFile((await download.path())!)));
  const data = JSON.parse(strFromU8(zip["donnees.json"]!));
  expect(data.enfants.map((c: { firstName: string }) => c.firstName)).toEqual(["Lina"]);
  const certificate = data.documents.find((d: { title: string }) => d.title === "Certificat médical");
  expect(certificate.status).toBe("ACCEPTED");
  expect(strFromU8(zip[certificate.fichier]!.slice(0, 5))).toBe("%PDF-");
});
