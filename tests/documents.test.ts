import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { PDFDocument } from "pdf-lib";
import { uploadFamilyDocument, MAX_PENDING_UPLOADS } from "@/lib/documents/upload-document";
import { reviewDocuments } from "@/lib/documents/review-documents";
import { publishDocument, replacePublishedFile, setPublished } from "@/lib/documents/publish-document";
import { countNewDownloads, listDownloads } from "@/lib/documents/list-downloads";
import { listFamilyUploads, missingAmong, missingDocuments as readMissing } from "@/lib/documents/list-family-uploads";
import { listDocumentTypes } from "@/lib/documents/list-document-types";
import { listFamilyChildren } from "@/lib/documents/list-family-children";
import { openDocument } from "@/lib/documents/open-document";
import { localStore, newFileKey, s3SettingsFromEnv, s3Store, type FileStore } from "@/lib/files/storage";
import { safeFileName } from "@/lib/files/check-upload";
import { generateMonth, issueMonth } from "@/lib/billing/generate-month";
import { actorFromUser, NotFoundError } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

// Each run stores its files in its own folder, read back by the tests (the store reads FILES_DIR on first use).
const files = { dir: mkdtempSync(path.join(tmpdir(), "portail-files-")) };
process.env.FILES_DIR = files.dir;

async function pdf(text = "Attestation") {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return doc.save();
}
const fileOf = (bytes: Uint8Array | string, name: string) =>
  new File([typeof bytes === "string" ? new TextEncoder().encode(bytes) : new Uint8Array(bytes)], name);
const storedFiles = () =>
  (readdirSync(files.dir, { recursive: true }) as string[]).filter((f) => statSync(path.join(files.dir, f)).isFile());

/** « À faire » as the dashboard reads it, checked against « Mes envois », which computes it from its own reads (ADR 040). */
async function missingDocuments(familyId: string, today: string) {
  const missing = await readMissing(familyId, today);
  const uploads = await listFamilyUploads(familyId);
  const docs = uploads.map((u) => ({
    typeId: u.type?.id ?? null,
    childId: u.child?.id ?? null,
    status: u.status,
    validUntil: u.validUntil,
  }));
  expect(missingAmong({ types: await listDocumentTypes(), children: await listFamilyChildren(familyId), docs }, today)).toEqual(missing);
  return missing;
}

async function family(name: string) {
  const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  return { ...f, actor: actorFromUser(f.user) };
}
let typeCounter = 0;
const documentType = (
  data: Partial<{ scope: "FAMILY" | "CHILD"; required: boolean; validity: "NONE" | "CALENDAR_YEAR" | "SCHOOL_YEAR" | "ONE_YEAR" }> = {},
) => prisma.documentType.create({ data: { name: `Attestation CAF ${++typeCounter} ${Date.now()}`, ...data } });

describe("Mes envois and the staff's decision", () => {
  it("a parent sends an attestation CAF → staff refuse it « illisible » (e-mail) → a new one replaces it → accepted, valid to the end of the year", async () => {
    const f = await family("Envoi");
    const type = await documentType({ required: true, validity: "CALENDAR_YEAR" });
    expect((await missingDocuments(f.family.id, "2026-12-02")).map((m) => m.text)).toContain(`Envoyez votre a${type.name.slice(1)}`);
    const sent = await uploadFamilyDocument({
      familyId: f.family.id,
      actor: f.actor,
      typeId: type.id,
      childId: null,
      replacesId: null,
      file: fileOf(await pdf(), "../../mon attestation (CAF).pdf"),
    });
    const row = await prisma.document.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({
      status: "RECEIVED",
      fileName: "mon-attestation-CAF.pdf",
      mimeType: "application/pdf",
      kind: "FAMILY_UPLOAD",
    });
    expect(storedFiles()).toContain(row.storageKey.replace("/", path.sep));
    // Waiting: no longer « à faire ».
    expect((await missingDocuments(f.family.id, "2026-12-02")).map((m) => m.typeId)).not.toContain(type.id);
    const staff = await staffActor();
    expect(await reviewDocuments({ ids: [sent.id], decision: "REFUSE", reason: "illisible", actor: staff })).toEqual({
      done: [sent.id],
      notDone: [],
    });
    expect((await listFamilyUploads(f.family.id))[0]).toMatchObject({ status: "REFUSED", reason: "illisible" });
    const refusal = await prisma.emailOutbox.findFirstOrThrow({ where: { familyId: f.family.id, template: "documents-decided" } });
    expect(refusal.text).toContain(`Le document « ${type.name} » a été refusé. Motif : illisible`);
    // Decided meanwhile by a colleague: left and said.
    expect((await reviewDocuments({ ids: [sent.id], decision: "ACCEPT", reason: null, actor: staff })).notDone).toHaveLength(1);
    const again = await uploadFamilyDocument({
      familyId: f.family.id,
      actor: f.actor,
      typeId: type.id,
      childId: null,
      replacesId: sent.id,
      file: fileOf(await pdf("Lisible"), "scan.pdf"),
    });
    await reviewDocuments({ ids: [again.id], decision: "ACCEPT", reason: null, actor: staff, now: new Date("2026-12-02T10:00:00Z") });
    expect(
      await prisma.document.findUniqueOrThrow({ where: { id: again.id }, select: { status: true, replacesId: true, validUntil: true } }),
    ).toEqual({ status: "ACCEPTED", replacesId: sent.id, validUntil: new Date("2026-12-31T00:00:00Z") });
    expect((await missingDocuments(f.family.id, "2026-12-31")).map((m) => m.typeId)).not.toContain(type.id);
    expect((await missingDocuments(f.family.id, "2027-01-01")).map((m) => m.text)).toContain(
      `Renouvelez votre a${type.name.slice(1)} : sa date de validité est passée`,
    );
    // Only a refused document is replaced; another family's is as missing.
    const other = await family("Autre");
    await expectNothingChanged(async () => {
      await expect(
        uploadFamilyDocument({
          familyId: f.family.id,
          actor: f.actor,
          typeId: type.id,
          childId: null,
          replacesId: again.id,
          file: fileOf(await pdf(), "x.pdf"),
        }),
      ).rejects.toThrow("Seul un document refusé se remplace");
      await expect(
        uploadFamilyDocument({
          familyId: other.family.id,
          actor: other.actor,
          typeId: type.id,
          childId: null,
          replacesId: sent.id,
          file: fileOf(await pdf(), "x.pdf"),
        }),
      ).rejects.toThrow(NotFoundError);
      await expect(
        uploadFamilyDocument({
          familyId: other.family.id,
          actor: other.actor,
          typeId: type.id,
          childId: f.children[0]!.id,
          replacesId: null,
          file: fileOf(await pdf(), "x.pdf"),
        }),
      ).rejects.toThrow(NotFoundError);
      await expect(openDocument({ id: again.id, familyId: other.family.id })).rejects.toThrow(NotFoundError);
    });
    expect((await openDocument({ id: again.id, familyId: f.family.id })).fileName).toBe("scan.pdf");
    expect((await openDocument({ id: again.id, familyId: null })).mimeType).toBe("application/pdf");
  });

  it("bad files: an .exe renamed .pdf, 11 Mo, empty, a PDF with a script → a clear French message, nothing stored, nothing written", async () => {
    const f = await family("Mauvais");
    const type = await documentType();
    const send = (file: File) =>
      uploadFamilyDocument({ familyId: f.family.id, actor: f.actor, typeId: type.id, childId: null, replacesId: null, file });
    const exe = new Uint8Array(4096);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(await pdf());
    const scripted = new TextEncoder().encode(
      "%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    );
    const before = storedFiles().length;
    await expectNothingChanged(async () => {
      await expect(send(fileOf(exe, "facture.pdf"))).rejects.toThrow("seuls les PDF et les images JPEG ou PNG sont acceptés");
      await expect(send(fileOf(big, "gros.pdf"))).rejects.toThrow("Fichier : 11,0 Mo, c'est plus que les 10 Mo acceptés.");
      await expect(send(fileOf(new Uint8Array(0), "vide.pdf"))).rejects.toThrow("il est vide ou manquant");
      await expect(send(fileOf(scripted, "script.pdf"))).rejects.toThrow("ce PDF contient un script");
      await expect(
        uploadFamilyDocument({ familyId: f.family.id, actor: f.actor, typeId: type.id, childId: null, replacesId: null, file: null }),
      ).rejects.toThrow("il est vide ou manquant");
    });
    expect(storedFiles().length).toBe(before);
    expect(safeFileName("..\\..\\C:\\Windows\\évil\u0000.exe.pdf", "pdf")).toBe("evil-exe.pdf");
    expect(safeFileName("....", "png")).toBe("document.png");
  });

  it(`at most ${MAX_PENDING_UPLOADS} documents waiting per family, even sent all at once`, async () => {
    const f = await family("Rafale");
    const type = await documentType();
    const bytes = await pdf();
    const results = await Promise.allSettled(
      Array.from({ length: MAX_PENDING_UPLOADS + 5 }, (_, i) =>
        uploadFamilyDocument({
          familyId: f.family.id,
          actor: f.actor,
          typeId: type.id,
          childId: null,
          replacesId: null,
          file: fileOf(bytes, `n${i}.pdf`),
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_PENDING_UPLOADS);
    expect(await prisma.document.count({ where: { familyId: f.family.id } })).toBe(MAX_PENDING_UPLOADS);
    // The refused sends left no file behind.
    const keys = new Set(
      (await prisma.document.findMany({ where: { familyId: f.family.id }, select: { storageKey: true } })).map((d) =>
        d.storageKey.replace("/", path.sep),
      ),
    );
    expect(
      storedFiles()
        .filter((file) => !keys.has(file))
        .every((file) => !file.includes(".part")),
    ).toBe(true);
  });
});

describe("Téléchargements", () => {
  it("a menu published for an activity's families: they see it « nouveau » until opened; others do not; withdrawn, it is gone; replaced, it is new again", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 10 }],
    });
    const [inside, outside] = [await family("Dedans"), await family("Dehors")];
    await inscribe(prisma, w, inside.family, inside.children[0]!.id);
    const staff = await staffActor();
    const menu = await publishDocument({
      title: "Menus de janvier",
      file: fileOf(await pdf("Menus"), "menus.pdf"),
      structureId: null,
      activityId: w.activity.id,
      actor: staff,
    });
    const forAll = await publishDocument({
      title: "Règlement intérieur",
      file: fileOf(await pdf("Règlement"), "reglement.pdf"),
      structureId: null,
      activityId: null,
      actor: staff,
    });
    // Only this test's documents (other files publish « for every family » in the same database).
    const ours = new Set([menu.id, forAll.id]);
    const titles = async (familyId: string) =>
      (await listDownloads(familyId))
        .filter((d) => ours.has(d.id))
        .map((d) => `${d.title}${d.isNew ? " (nouveau)" : ""}`)
        .sort();
    // The navigation's badge counts the same « nouveau » as the list (its audience is written again in SQL, ADR 040).
    const badgeAgrees = async (familyId: string) =>
      expect(await countNewDownloads(familyId)).toBe((await listDownloads(familyId)).filter((d) => d.isNew).length);
    const forLieu = await publishDocument({
      title: "Fermeture de l'accueil",
      file: fileOf(await pdf("Fermeture"), "fermeture.pdf"),
      structureId: w.structure.id,
      activityId: null,
      actor: staff,
    });
    ours.add(forLieu.id);
    expect(await titles(inside.family.id)).toEqual([
      "Fermeture de l'accueil (nouveau)",
      "Menus de janvier (nouveau)",
      "Règlement intérieur (nouveau)",
    ]);
    expect(await titles(outside.family.id)).toEqual(["Règlement intérieur (nouveau)"]);
    for (const f of [inside, outside]) await badgeAgrees(f.family.id);
    await setPublished({ id: forLieu.id, published: false, actor: staff });
    await expect(openDocument({ id: menu.id, familyId: outside.family.id })).rejects.toThrow(NotFoundError);
    await openDocument({ id: menu.id, familyId: inside.family.id });
    expect(await titles(inside.family.id)).toEqual(["Menus de janvier", "Règlement intérieur (nouveau)"]);
    await badgeAgrees(inside.family.id);
    await replacePublishedFile({ id: menu.id, file: fileOf(await pdf("Menus v2"), "menus-v2.pdf"), actor: staff });
    expect(await titles(inside.family.id)).toContain("Menus de janvier (nouveau)");
    await setPublished({ id: menu.id, published: false, actor: staff });
    expect(await titles(inside.family.id)).toEqual(["Règlement intérieur (nouveau)"]);
    await expect(openDocument({ id: menu.id, familyId: inside.family.id })).rejects.toThrow(NotFoundError);
    await expect(setPublished({ id: menu.id, published: false, actor: staff })).rejects.toThrow();
  });
});

describe("justifying a billed absence", () => {
  it("a certificate accepted turns A Fact. into A Exc.; once invoiced, it is credited by an avoir; one certificate per absence", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 10, prices: [400, 600, 800, 1000] }],
    });
    const f = await family("Malade");
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    const [billed, invoiced] = await Promise.all(
      ["2027-01-06", "2027-01-13"].map((day) =>
        prisma.reservation.create({
          data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status: "ABSENT_BILLED" },
        }),
      ),
    );
    const staff = await staffActor();
    const certificate = await documentType({ scope: "CHILD" });
    const send = (reservationId: string) =>
      uploadFamilyDocument({
        familyId: f.family.id,
        actor: f.actor,
        typeId: certificate.id,
        childId: f.children[0]!.id,
        replacesId: null,
        reservationId,
        file: fileOf(
          Buffer.from(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, ...new Array(200).fill(0)])),
          "certificat.jpg",
        ),
      });
    const first = await send(billed!.id);
    await expect(send(billed!.id)).rejects.toThrow("Un certificat a déjà été envoyé pour cette absence.");
    await reviewDocuments({ ids: [first.id], decision: "ACCEPT", reason: null, actor: staff });
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: billed!.id } })).status).toBe("ABSENT_EXCUSED");
    // The other one is invoiced first, then justified: an avoir of its line.
    await prisma.reservation.update({ where: { id: billed!.id }, data: { status: "PRESENT" } });
    await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: new Date("2027-02-01T09:00:00Z") });
    await issueMonth({ structureId: w.structure.id, month: "2027-01", dueDate: "2027-02-15", actor: staff });
    const second = await send(invoiced!.id);
    await reviewDocuments({ ids: [second.id], decision: "ACCEPT", reason: null, actor: staff });
    const note = await prisma.invoice.findFirstOrThrow({ where: { familyId: f.family.id, kind: "CREDIT_NOTE" }, include: { lines: true } });
    expect(note.totalCents).toBe(-600);
    expect(note.lines[0]!.label).toContain("Absence du 13/01/2027 justifiée par un certificat médical");
    // A booking that is not a billed absence cannot be « justified »; another family's is as missing.
    const other = await family("Voisine");
    await expect(
      uploadFamilyDocument({
        familyId: other.family.id,
        actor: other.actor,
        typeId: certificate.id,
        childId: other.children[0]!.id,
        replacesId: null,
        reservationId: billed!.id,
        file: fileOf(await pdf(), "c.pdf"),
      }),
    ).rejects.toThrow(NotFoundError);
  });
});

/** The store's contract, for the local folder — and for S3 when an endpoint is configured (FILES_S3_ENDPOINT…). */
function storeContract(name: string, make: () => FileStore) {
  describe(`file store: ${name}`, () => {
    it("puts, gets back the same bytes, deletes; an unknown key is null; a key that is not ours is refused", async () => {
      const store = make();
      const key = newFileKey();
      const bytes = new Uint8Array([1, 2, 3, 250]);
      await store.put(key, bytes, "application/pdf");
      expect(await store.get(key)).toEqual(bytes);
      await store.delete(key);
      expect(await store.get(key)).toBeNull();
      expect(await store.get(newFileKey())).toBeNull();
      for (const bad of ["../../etc/passwd", "ab/../../x", "AB/" + "a".repeat(32), ""])
        await expect(store.put(bad, bytes, "application/pdf")).rejects.toThrow("Clé de fichier invalide");
    });
  });
}
storeContract("local folder", () => localStore(mkdtempSync(path.join(tmpdir(), "portail-store-"))));
const s3 = s3SettingsFromEnv();
if (s3) storeContract("S3", () => s3Store(s3));
else describe.skip("file store: S3 (set FILES_S3_ENDPOINT and FILES_S3_BUCKET to run)", () => it("skipped", () => {}));
