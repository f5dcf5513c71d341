import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { PDFDocument } from "pdf-lib";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as staffMessages from "@/app/admin/messages/actions";
import * as staffDocuments from "@/app/admin/documents/actions";
import * as familyMessages from "@/app/mes-messages/actions";
import { anonymiseFamilyAction } from "@/app/admin/familles/[familyId]/actions";
import { GET as downloadRoute } from "@/app/documents/[documentId]/route";
import { uploadFamilyDocument, MAX_PENDING_UPLOADS } from "@/lib/documents/upload-document";
import { reviewDocuments } from "@/lib/documents/review-documents";
import { publishDocument, setPublished } from "@/lib/documents/publish-document";
import { answerThread, closeThread } from "@/lib/messages/answer-thread";
import { MAX_OPEN_THREADS, sendFamilyMessage } from "@/lib/messages/send-family-message";
import { familyDataExport } from "@/lib/privacy/export-family-data";
import { anonymiseFamily } from "@/lib/privacy/anonymise-family";
import { purgeExpiredDocuments } from "@/lib/privacy/purge-expired-documents";
import { generateMonth, issueMonth } from "@/lib/billing/generate-month";
import { actorFromUser, NotFoundError } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { tinyPng } from "./fixtures";

process.env.FILES_DIR = mkdtempSync(path.join(tmpdir(), "portail-adv2-"));

const PNG = tinyPng(7);
const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1];
const fileOf = (bytes: Uint8Array | string, name: string) =>
  new File([typeof bytes === "string" ? new TextEncoder().encode(bytes) : new Uint8Array(bytes)], name);
const png = (name = "a.png") => fileOf(PNG, name);
async function pdf(text = "Attestation") {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return doc.save();
}
let n = 0;
async function family(name: string) {
  const f = await createFamily(prisma, { lastName: name, children: [{ firstName: `${name}enf`, birthDate: "2018-03-02", sex: "F" }] });
  return { ...f, actor: actorFromUser(f.user) };
}
type F = Awaited<ReturnType<typeof family>>;
const docType = (scope: "FAMILY" | "CHILD" = "FAMILY") =>
  prisma.documentType.create({ data: { name: `Type adv ${++n} ${Date.now()}`, scope } });
const upload = (f: F, typeId: string, extra: Partial<Parameters<typeof uploadFamilyDocument>[0]> = {}) =>
  uploadFamilyDocument({ familyId: f.family.id, actor: f.actor, typeId, childId: null, replacesId: null, file: png(), ...extra });
const get = (id: string) =>
  downloadRoute(new Request(`http://x/documents/${encodeURIComponent(id)}`), { params: Promise.resolve({ documentId: id }) });
const as = (userId: string | null) => {
  session.current = userId ? { user: { id: userId } } : null;
};

beforeEach(() => as(null));

describe("download route: another family's or hidden documents are 404 like a missing id", () => {
  it("B cannot get A's upload, A's attachment, a published doc outside B's audience, an unpublished or deleted one; odd ids are 404", async () => {
    const [a, b] = [await family("Aroute"), await family("Broute")];
    const type = await docType();
    const staff = await staffActor();
    const aDoc = await upload(a, type.id);
    const { threadId } = await sendFamilyMessage({
      familyId: a.family.id,
      actor: a.actor,
      threadId: null,
      subject: "PJ",
      childId: null,
      body: "pj",
      file: png(),
    });
    const attachment = (await prisma.message.findFirstOrThrow({ where: { threadId } })).documentId!;
    const w = await createBookableWorld(prisma, {
      start: "2030-01-07",
      end: "2030-01-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 5 }],
    });
    const scoped = await publishDocument({
      title: "Réservé",
      file: fileOf(await pdf(), "r.pdf"),
      structureId: null,
      activityId: w.activity.id,
      actor: staff,
    });
    const withdrawn = await publishDocument({
      title: "Retiré",
      file: fileOf(await pdf(), "w.pdf"),
      structureId: null,
      activityId: null,
      actor: staff,
    });
    await setPublished({ id: withdrawn.id, published: false, actor: staff });
    const deleted = await upload(b, type.id);
    await prisma.document.update({ where: { id: deleted.id }, data: { status: "DELETED" } });
    as(b.user.id);
    const missing = await get("c".repeat(25));
    expect(missing.status).toBe(404);
    const missingBody = await missing.text();
    for (const id of [
      aDoc.id,
      attachment,
      scoped.id,
      withdrawn.id,
      deleted.id,
      "../../etc/passwd",
      "abc\u0000def",
      "a".repeat(10_000),
      "..%2F..%2Fx",
      "",
    ]) {
      const r = await get(id);
      expect(r.status, id.slice(0, 30)).toBe(404);
      expect(await r.text()).toBe(missingBody);
    }
    // B sees nothing recorded for the documents it tried.
    expect(await prisma.documentView.count({ where: { familyId: b.family.id } })).toBe(0);
    // A gets its own attachment.
    as(a.user.id);
    expect((await get(attachment)).status).toBe(200);
  });
});

describe("cross-family writes: as missing, nothing written", () => {
  it("B replying in A's thread, replacing A's refused document, attaching to A's child, justifying A's absence, a type that does not exist", async () => {
    const [a, b] = [await family("Awrite"), await family("Bwrite")];
    const staff = await staffActor();
    const type = await docType("CHILD");
    const { threadId } = await sendFamilyMessage({
      familyId: a.family.id,
      actor: a.actor,
      threadId: null,
      subject: "A",
      childId: null,
      body: "a",
      file: null,
    });
    const refused = await upload(a, type.id, { childId: a.children[0]!.id });
    await reviewDocuments({ ids: [refused.id], decision: "REFUSE", reason: "flou", actor: staff });
    const w = await createBookableWorld(prisma, {
      start: "2030-01-07",
      end: "2030-01-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 5 }],
    });
    const ins = await inscribe(prisma, w, a.family, a.children[0]!.id);
    const absence = await prisma.reservation.create({
      data: { inscriptionId: ins.id, timeUnitId: w.units[0]!.id, date: new Date("2030-01-09T00:00:00Z"), status: "ABSENT_BILLED" },
    });
    const bChild = b.children[0]!.id;
    await expectNothingChanged(async () => {
      await expect(
        sendFamilyMessage({ familyId: b.family.id, actor: b.actor, threadId, subject: null, childId: null, body: "intrus", file: png() }),
      ).rejects.toThrow(NotFoundError);
      await expect(upload(b, type.id, { childId: bChild, replacesId: refused.id })).rejects.toThrow(NotFoundError);
      await expect(upload(b, type.id, { childId: a.children[0]!.id })).rejects.toThrow(NotFoundError);
      await expect(
        sendFamilyMessage({
          familyId: b.family.id,
          actor: b.actor,
          threadId: null,
          subject: "x",
          childId: a.children[0]!.id,
          body: "x",
          file: null,
        }),
      ).rejects.toThrow(NotFoundError);
      await expect(upload(b, type.id, { childId: bChild, reservationId: absence.id })).rejects.toThrow(NotFoundError);
      await expect(upload(b, "c".repeat(25), { childId: bChild })).rejects.toThrow("Type de document : choisissez dans la liste.");
    });
    // Through the action too: B's reply in A's thread is « introuvable ».
    as(b.user.id);
    const form = new FormData();
    form.set("threadId", threadId);
    form.set("body", "intrus");
    await expectNothingChanged(async () =>
      expect(await familyMessages.sendFamilyMessageAction(form)).toEqual({ ok: false, error: "Élément introuvable." }),
    );
  });
});

describe("bad files", () => {
  it("polyglot PNG+HTML is stored as PNG and served only as an attachment with nosniff; SVG and GIF are refused", async () => {
    const f = await family("Poly");
    const type = await docType();
    const poly = new Uint8Array([...PNG, ...new TextEncoder().encode("<html><script>alert(document.cookie)</script></html>")]);
    const doc = await upload(f, type.id, { file: fileOf(poly, "x.html") });
    expect(await prisma.document.findUniqueOrThrow({ where: { id: doc.id } })).toMatchObject({ mimeType: "image/png", fileName: "x.png" });
    as(f.user.id);
    const r = await get(doc.id);
    expect(r.headers.get("content-type")).toBe("image/png");
    expect(r.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    const svg = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`;
    const gif = new Uint8Array([
      0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b,
    ]);
    await expectNothingChanged(async () => {
      await expect(upload(f, type.id, { file: fileOf(svg, "a.png") })).rejects.toThrow("seuls les PDF et les images JPEG ou PNG");
      await expect(upload(f, type.id, { file: fileOf(gif, "a.png") })).rejects.toThrow("seuls les PDF et les images JPEG ou PNG");
      await expect(upload(f, type.id, { file: fileOf(new Uint8Array(0), "vide.pdf") })).rejects.toThrow("il est vide ou manquant");
    });
  });

  it("hostile names give a safe stored name and a safe Content-Disposition", async () => {
    const f = await family("Noms");
    const type = await docType();
    as(f.user.id);
    for (const name of [
      "..\\..\\x.pdf",
      "a\u0000b.pdf",
      "a\r\nSet-Cookie: x=1.pdf",
      "q\"uo'te;.pdf",
      "../../../etc/passwd",
      "é".repeat(300) + ".pdf",
    ]) {
      const doc = await upload(f, type.id, { file: fileOf(await pdf(), name) });
      const row = await prisma.document.findUniqueOrThrow({ where: { id: doc.id } });
      expect(row.fileName, name).toMatch(/^[\w-]{1,80}\.pdf$/);
      const cd = (await get(doc.id)).headers.get("content-disposition")!;
      expect(cd).toMatch(/^attachment; filename="[\w.-]+"; filename\*=UTF-8''[\w.%-]+$/);
      expect(cd).not.toMatch(/[\r\n\u0000]|\.\.[\\/]/);
      // Clean up so the limit of pending uploads is not hit.
      await prisma.document.update({ where: { id: doc.id }, data: { status: "ACCEPTED" } });
    }
  });

  it("a PDF whose /JavaScript action is hidden by hex-escaped names (/J#61vaScript, /J#53) is refused", async () => {
    const f = await family("HexJs");
    const type = await docType();
    const hidden =
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >> >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    await expectNothingChanged(() =>
      expect(upload(f, type.id, { file: fileOf(hidden, "h.pdf") })).rejects.toThrow("ce PDF contient un script"),
    );
  });

  it("a PDF with a plain /Launch or /JavaScript is refused (control)", async () => {
    const f = await family("PlainJs");
    const type = await docType();
    const plain =
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    await expectNothingChanged(() =>
      expect(upload(f, type.id, { file: fileOf(plain, "p.pdf") })).rejects.toThrow("ce PDF contient un script"),
    );
  });

  it("exactly 10 Mo is accepted; 10 Mo + 1 byte is refused with a French message", async () => {
    const f = await family("Taille");
    const type = await docType();
    const big = new Uint8Array(10 * 1024 * 1024);
    big.set(JPEG_HEAD);
    const ok = await upload(f, type.id, { file: fileOf(big, "big.jpg") });
    expect((await prisma.document.findUniqueOrThrow({ where: { id: ok.id } })).sizeBytes).toBe(10 * 1024 * 1024);
    const over = new Uint8Array(10 * 1024 * 1024 + 1);
    over.set(JPEG_HEAD);
    await expectNothingChanged(() =>
      expect(upload(f, type.id, { file: fileOf(over, "over.jpg") })).rejects.toThrow("plus que les 10 Mo acceptés"),
    );
  }, 60_000);
});

describe("races and limits", () => {
  it("30 parallel uploads of one family: never more than MAX_PENDING_UPLOADS waiting", async () => {
    const f = await family("Rafale");
    const type = await docType();
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => upload(f, type.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_PENDING_UPLOADS);
    expect(await prisma.document.count({ where: { familyId: f.family.id, status: "RECEIVED" } })).toBe(MAX_PENDING_UPLOADS);
  }, 60_000);

  it("20 parallel new threads: never more than MAX_OPEN_THREADS open", async () => {
    const f = await family("Fils");
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        sendFamilyMessage({
          familyId: f.family.id,
          actor: f.actor,
          threadId: null,
          subject: `S${i}`,
          childId: null,
          body: "b",
          file: null,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_OPEN_THREADS);
    expect(await prisma.messageThread.count({ where: { familyId: f.family.id, status: "OPEN" } })).toBe(MAX_OPEN_THREADS);
  });

  it("replying in closed/answered threads cannot push the family over MAX_OPEN_THREADS open threads", async () => {
    const f = await family("Rouvre");
    const staff = await staffActor();
    const ids: string[] = [];
    for (let i = 0; i < MAX_OPEN_THREADS; i++)
      ids.push(
        (
          await sendFamilyMessage({
            familyId: f.family.id,
            actor: f.actor,
            threadId: null,
            subject: `S${i}`,
            childId: null,
            body: "b",
            file: null,
          })
        ).threadId,
      );
    for (const id of ids) await closeThread({ threadId: id, actor: staff });
    for (let i = 0; i < MAX_OPEN_THREADS; i++)
      await sendFamilyMessage({
        familyId: f.family.id,
        actor: f.actor,
        threadId: null,
        subject: `T${i}`,
        childId: null,
        body: "b",
        file: null,
      });
    await Promise.allSettled(
      ids.map((threadId) =>
        sendFamilyMessage({ familyId: f.family.id, actor: f.actor, threadId, subject: null, childId: null, body: "encore", file: null }),
      ),
    );
    expect(await prisma.messageThread.count({ where: { familyId: f.family.id, status: "OPEN" } })).toBeLessThanOrEqual(MAX_OPEN_THREADS);
  });

  it("two staff accepting and refusing the same document at once: one decision, one e-mail", async () => {
    const f = await family("Duel");
    const type = await docType();
    const doc = await upload(f, type.id);
    const [s1, s2] = [await staffActor(), await staffActor()];
    const reports = await Promise.all([
      reviewDocuments({ ids: [doc.id], decision: "ACCEPT", reason: null, actor: s1 }),
      reviewDocuments({ ids: [doc.id], decision: "REFUSE", reason: "non", actor: s2 }),
    ]);
    expect(reports.reduce((s, r) => s + r.done.length, 0)).toBe(1);
    expect(await prisma.transitionLog.count({ where: { entityId: doc.id, toStatus: { in: ["ACCEPTED", "REFUSED"] } } })).toBe(1);
    expect(await prisma.emailOutbox.count({ where: { familyId: f.family.id, template: "documents-decided" } })).toBe(1);
  });

  it("an invoiced absence: two certificates at once → one; two staff accepting it at once → one avoir", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-03-01",
      end: "2027-03-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 10, prices: [400, 600, 800, 1000] }],
    });
    const f = await family("Avoir");
    const ins = await inscribe(prisma, w, f.family, f.children[0]!.id);
    const absence = await prisma.reservation.create({
      data: { inscriptionId: ins.id, timeUnitId: w.units[0]!.id, date: new Date("2027-03-10T00:00:00Z"), status: "ABSENT_BILLED" },
    });
    const staff = await staffActor();
    await generateMonth({ structureId: w.structure.id, month: "2027-03", actor: staff, now: new Date("2027-04-01T09:00:00Z") });
    await issueMonth({ structureId: w.structure.id, month: "2027-03", dueDate: "2027-04-15", actor: staff });
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: absence.id } })).status).toBe("INVOICED");
    const type = await docType("CHILD");
    const sent = await Promise.allSettled([1, 2].map(() => upload(f, type.id, { childId: f.children[0]!.id, reservationId: absence.id })));
    const ok = sent.filter((r): r is PromiseFulfilledResult<{ id: string }> => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    const docId = ok[0]!.value.id;
    await Promise.all([
      reviewDocuments({ ids: [docId], decision: "ACCEPT", reason: null, actor: staff }),
      reviewDocuments({ ids: [docId], decision: "ACCEPT", reason: null, actor: await staffActor() }),
    ]);
    expect(await prisma.invoice.count({ where: { familyId: f.family.id, kind: "CREDIT_NOTE" } })).toBe(1);
  }, 60_000);

  it("a « certificate » for an invoiced day the child attended (PRESENT → INVOICED) is refused (no avoir for a present day)", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-05-03",
      end: "2027-05-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 10, prices: [400, 600, 800, 1000] }],
    });
    const f = await family("Present");
    const ins = await inscribe(prisma, w, f.family, f.children[0]!.id);
    const present = await prisma.reservation.create({
      data: { inscriptionId: ins.id, timeUnitId: w.units[0]!.id, date: new Date("2027-05-12T00:00:00Z"), status: "PRESENT" },
    });
    const staff = await staffActor();
    await generateMonth({ structureId: w.structure.id, month: "2027-05", actor: staff, now: new Date("2027-06-01T09:00:00Z") });
    await issueMonth({ structureId: w.structure.id, month: "2027-05", dueDate: "2027-06-15", actor: staff });
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: present.id } })).status).toBe("INVOICED");
    const type = await docType("CHILD");
    const attempt = await upload(f, type.id, { childId: f.children[0]!.id, reservationId: present.id }).then(
      (d) => d,
      (e: Error) => e,
    );
    if (!(attempt instanceof Error)) {
      await reviewDocuments({ ids: [attempt.id], decision: "ACCEPT", reason: null, actor: staff });
      const notes = await prisma.invoice.count({ where: { familyId: f.family.id, kind: "CREDIT_NOTE" } });
      expect.fail(`certificate accepted for a PRESENT day; credit notes created: ${notes}`);
    }
    expect(attempt.message).toContain("Seule une absence facturée");
  }, 60_000);

  it("anonymise racing an upload and a new message: nothing of the family's is left afterwards", async () => {
    const staff = await staffActor();
    const leftovers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const f = await family(`Course${i}`);
      const type = await docType();
      const file = fileOf(await pdf("x".repeat(2000)), "c.pdf");
      const settled = await Promise.allSettled([
        upload(f, type.id, { file }),
        sendFamilyMessage({
          familyId: f.family.id,
          actor: f.actor,
          threadId: null,
          subject: "Dernier",
          childId: null,
          body: "Mon nom est Course",
          file: png(),
        }),
        anonymiseFamily({ familyId: f.family.id, reason: "Départ", actor: staff }),
      ]);
      // The anonymisation itself went through.
      expect(settled[2].status).toBe("fulfilled");
      expect((await prisma.family.findUniqueOrThrow({ where: { id: f.family.id } })).anonymisedAt).not.toBeNull();
      leftovers.push(
        (await prisma.document.count({ where: { familyId: f.family.id } })) +
          (await prisma.messageThread.count({ where: { familyId: f.family.id } })),
      );
    }
    expect(leftovers).toEqual([0, 0, 0]);
  });
});

describe("a parent on staff actions, with valid ids", () => {
  it("every staff action of documents, messages and anonymise → « Accès refusé. », nothing written", async () => {
    const f = await family("Parent");
    const type = await docType();
    const staff = await staffActor();
    const doc = await upload(f, type.id);
    const pub = await publishDocument({
      title: "Pub",
      file: fileOf(await pdf(), "p.pdf"),
      structureId: null,
      activityId: null,
      actor: staff,
    });
    const { threadId } = await sendFamilyMessage({
      familyId: f.family.id,
      actor: f.actor,
      threadId: null,
      subject: "S",
      childId: null,
      body: "b",
      file: null,
    });
    as(f.user.id);
    const answer = new FormData();
    answer.set("threadId", threadId);
    answer.set("body", "je me réponds");
    const replace = new FormData();
    replace.set("id", pub.id);
    replace.set("file", fileOf(await pdf(), "n.pdf"));
    const publish = new FormData();
    publish.set("title", "Faux");
    publish.set("file", fileOf(await pdf(), "n.pdf"));
    const DENIED = { ok: false, error: "Accès refusé." };
    await expectNothingChanged(async () => {
      expect(await staffDocuments.reviewDocumentsAction({ ids: [doc.id], decision: "validate" })).toEqual(DENIED);
      expect(await staffDocuments.acceptDocumentAction({ id: doc.id })).toEqual(DENIED);
      expect(await staffDocuments.refuseDocumentAction({ id: doc.id, reason: "non" })).toEqual(DENIED);
      expect(await staffDocuments.setPublishedAction({ id: pub.id, published: false })).toEqual(DENIED);
      expect(await staffDocuments.replacePublishedAction(replace)).toEqual(DENIED);
      expect(await staffDocuments.publishDocumentAction(publish)).toEqual(DENIED);
      expect(await staffDocuments.retentionAction({ months: "1" })).toEqual(DENIED);
      expect(await staffMessages.answerThreadAction(answer)).toEqual(DENIED);
      expect(await staffMessages.assignThreadAction({ threadId })).toEqual(DENIED);
      expect(await staffMessages.closeThreadAction({ threadId })).toEqual(DENIED);
      expect(await anonymiseFamilyAction({ id: f.family.id, reason: "moi" })).toEqual(DENIED);
    });
  });
});

describe("RGPD export and anonymisation", () => {
  it("family A's ZIP never contains B's data (B's names, messages, documents, staff replies)", async () => {
    const [a, b] = [await family("Alphaexp"), await family("Bravoxyzzy")];
    const type = await docType();
    const staff = await staffActor();
    await upload(a, type.id);
    await upload(b, type.id, { file: fileOf(new Uint8Array([...PNG, ...new TextEncoder().encode("SECRETB")]), "bravoxyzzy.png") });
    const { threadId } = await sendFamilyMessage({
      familyId: b.family.id,
      actor: b.actor,
      threadId: null,
      subject: "Bravoxyzzy sujet",
      childId: null,
      body: "Bravoxyzzy corps",
      file: null,
    });
    await answerThread({
      threadId,
      actor: staff,
      body: "Réponse pour Bravoxyzzy",
      file: fileOf(new Uint8Array([...PNG, ...new TextEncoder().encode("SECRETB2")]), "rep.png"),
    });
    const zip = unzipSync((await familyDataExport(a.family.id)).bytes);
    const all = Object.values(zip)
      .map((bytes) => Buffer.from(bytes).toString("latin1"))
      .join("\n")
      .toLowerCase();
    expect(all).toContain("alphaexp");
    for (const secret of ["bravoxyzzy", "secretb", b.user.email.toLowerCase()]) expect(all).not.toContain(secret);
  });

  it("the export of an anonymised family contains no name, e-mail or health data", async () => {
    const f = await createFamily(prisma, {
      lastName: "Zorglubnom",
      firstName: "Prenomzorg",
      children: [{ firstName: "Enfzorg", birthDate: "2018-03-02", sex: "F" }],
    });
    await prisma.child.update({ where: { id: f.children[0]!.id }, data: { hasAllergies: true, allergyNotes: "Arachidezorg" } });
    const staff = await staffActor();
    await anonymiseFamily({ familyId: f.family.id, reason: "Départ", actor: staff });
    const zip = unzipSync((await familyDataExport(f.family.id)).bytes);
    const json = strFromU8(zip["donnees.json"]!).toLowerCase();
    for (const secret of ["zorglubnom", "prenomzorg", "enfzorg", "arachidezorg", f.user.email.toLowerCase(), "12 rue des tilleuls"])
      expect(json, secret).not.toContain(secret);
  });

  it("after anonymisation, no log kept for the family's documents holds the staff's free-text reason (which may name the child)", async () => {
    const f = await family("Logzorg");
    const type = await docType();
    const staff = await staffActor();
    const doc = await upload(f, type.id);
    await reviewDocuments({ ids: [doc.id], decision: "REFUSE", reason: "Le carnet de Logzorgenf est illisible", actor: staff });
    await anonymiseFamily({ familyId: f.family.id, reason: "Départ", actor: staff });
    const logs = await prisma.transitionLog.findMany({ where: { entityId: doc.id } });
    expect(logs.map((l) => l.reason).join(" ")).not.toContain("Logzorgenf");
  });
});

describe("retention job", () => {
  it("never deletes a RECEIVED document nor a published one, however old", async () => {
    const f = await family("Garde");
    const type = await docType();
    const staff = await staffActor();
    const received = await upload(f, type.id);
    await prisma.document.update({
      where: { id: received.id },
      data: { createdAt: new Date("2015-01-01T00:00:00Z"), reviewedAt: new Date("2015-01-02T00:00:00Z") },
    });
    const pub = await publishDocument({
      title: "Vieux règlement",
      file: fileOf(await pdf(), "r.pdf"),
      structureId: null,
      activityId: null,
      actor: staff,
    });
    const withdrawn = await publishDocument({
      title: "Vieux retiré",
      file: fileOf(await pdf(), "w.pdf"),
      structureId: null,
      activityId: null,
      actor: staff,
    });
    await setPublished({ id: withdrawn.id, published: false, actor: staff });
    await prisma.document.updateMany({
      where: { id: { in: [pub.id, withdrawn.id] } },
      data: { createdAt: new Date("2015-01-01T00:00:00Z"), reviewedAt: new Date("2015-01-02T00:00:00Z") },
    });
    await purgeExpiredDocuments(new Date("2026-12-02T03:00:00Z"));
    const rows = await prisma.document.findMany({
      where: { id: { in: [received.id, pub.id, withdrawn.id] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [received.id]: "RECEIVED",
      [pub.id]: "PUBLISHED",
      [withdrawn.id]: "UNPUBLISHED",
    });
    as(f.user.id);
    expect((await get(received.id)).status).toBe(200);
    expect((await get(pub.id)).status).toBe(200);
  });
});

describe("messages: hostile text", () => {
  it("an XSS-like subject/body is stored as text and escaped in the e-mail's html; a 5001-char body is refused in French", async () => {
    const f = await family("Xss");
    const staff = await staffActor();
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const { threadId } = await sendFamilyMessage({
      familyId: f.family.id,
      actor: f.actor,
      threadId: null,
      subject: evil,
      childId: null,
      body: evil,
      file: null,
    });
    expect((await prisma.messageThread.findUniqueOrThrow({ where: { id: threadId } })).subject).toBe(evil);
    expect((await prisma.message.findFirstOrThrow({ where: { threadId } })).body).toBe(evil);
    await answerThread({ threadId, actor: staff, body: "ok", file: null });
    const mail = await prisma.emailOutbox.findFirstOrThrow({ where: { familyId: f.family.id, template: "message-answered" } });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img src=x");
    expect(mail.html).toContain("&lt;script&gt;");
    as(f.user.id);
    const form = new FormData();
    form.set("subject", "Long");
    form.set("body", "x".repeat(5001));
    await expectNothingChanged(async () => {
      const r = await familyMessages.sendFamilyMessageAction(form);
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).toMatch(/Message.*5\s?000/);
    });
    const subj = new FormData();
    subj.set("subject", "Objet\r\nBcc: pirate@example.com");
    subj.set("body", "b");
    const r2 = await familyMessages.sendFamilyMessageAction(subj);
    if (r2.ok) {
      const t = await prisma.messageThread.findFirstOrThrow({ where: { familyId: f.family.id, subject: { contains: "Bcc" } } });
      await answerThread({ threadId: t.id, actor: staff, body: "ok", file: null });
      const m = await prisma.emailOutbox.findFirstOrThrow({
        where: { familyId: f.family.id, template: "message-answered", subject: { contains: "Bcc" } },
      });
      expect(m.subject).not.toMatch(/[\r\n]/);
    }
  });
});
