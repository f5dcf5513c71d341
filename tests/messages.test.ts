import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

/** Contact (messages) and the security matrix of documents and messages: another family's ids, a parent on staff actions. */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as staffMessages from "@/app/admin/messages/actions";
import * as staffDocuments from "@/app/admin/documents/actions";
import * as familyMessages from "@/app/mes-messages/actions";
import * as familyDocuments from "@/app/mes-envois/actions";
import { GET as downloadDocument } from "@/app/documents/[documentId]/route";
import { answerThread, closeThread } from "@/lib/messages/answer-thread";
import { MAX_OPEN_THREADS, sendFamilyMessage } from "@/lib/messages/send-family-message";
import { readThread, unreadThreads } from "@/lib/messages/list-threads";
import { actorFromUser, NotFoundError } from "@/lib/workflow";
import { createFamily } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { tinyPng } from "./fixtures";

process.env.FILES_DIR = mkdtempSync(path.join(tmpdir(), "portail-messages-"));

async function family(name: string) {
  const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  return { ...f, actor: actorFromUser(f.user) };
}
const write = (f: Awaited<ReturnType<typeof family>>, body: string, extra: Partial<Parameters<typeof sendFamilyMessage>[0]> = {}) =>
  sendFamilyMessage({
    familyId: f.family.id,
    actor: f.actor,
    threadId: null,
    subject: "Question",
    childId: null,
    body,
    file: null,
    ...extra,
  });
const NOT_FOUND = { ok: false, error: "Élément introuvable." };
const DENIED = { ok: false, error: "Accès refusé." };
const status = async (id: string) => (await prisma.messageThread.findUniqueOrThrow({ where: { id } })).status;

beforeEach(() => {
  session.current = null;
});

describe("Contact: a message and its answer on both sides", () => {
  it("written, read by staff, answered (e-mail), read by the family, answered back, closed, written again", async () => {
    const f = await family("Ecrit");
    const staff = await staffActor();
    const unreadStaffBefore = await unreadThreads("staff");
    const { threadId } = await write(f, "Léa sera absente mercredi.", { childId: f.children[0]!.id });
    expect(await status(threadId)).toBe("OPEN");
    expect(await unreadThreads("staff")).toBe(unreadStaffBefore + 1);
    expect((await readThread({ threadId, familyId: null }))!.messages.map((m) => m.body)).toEqual(["Léa sera absente mercredi."]);
    expect(await unreadThreads("staff")).toBe(unreadStaffBefore);
    await answerThread({ threadId, actor: staff, body: "Bien noté, merci.", file: null });
    expect(await status(threadId)).toBe("ANSWERED");
    expect(await unreadThreads({ familyId: f.family.id })).toBe(1);
    const email = await prisma.emailOutbox.findFirstOrThrow({ where: { familyId: f.family.id, template: "message-answered" } });
    expect(email.subject).toBe("Réponse de la structure : Question");
    expect(email.text).not.toContain("Bien noté");
    const thread = await readThread({ threadId, familyId: f.family.id });
    expect(thread!.messages.map((m) => [m.fromStaff, m.body])).toEqual([
      [false, "Léa sera absente mercredi."],
      [true, "Bien noté, merci."],
    ]);
    expect(await unreadThreads({ familyId: f.family.id })).toBe(0);
    await write(f, "Merci !", { threadId, subject: null });
    expect(await status(threadId)).toBe("OPEN");
    await closeThread({ threadId, actor: staff });
    await expect(closeThread({ threadId, actor: staff })).rejects.toThrow("déjà close");
    await write(f, "Une autre question.", { threadId, subject: null });
    expect(await status(threadId)).toBe("OPEN");
  });

  it("another family's thread is as missing (read, reply); a subject is needed; a bad attachment writes nothing", async () => {
    const [a, b] = [await family("Alpha"), await family("Bravo")];
    const { threadId } = await write(a, "Bonjour");
    expect(await readThread({ threadId, familyId: b.family.id })).toBeNull();
    await expectNothingChanged(async () => {
      await expect(write(b, "Intrus", { threadId, subject: null })).rejects.toThrow(NotFoundError);
      await expect(write(b, "Enfant d'autrui", { childId: a.children[0]!.id })).rejects.toThrow(NotFoundError);
      await expect(write(b, "Sans objet", { subject: null })).rejects.toThrow("Objet : champ obligatoire.");
      await expect(
        write(b, "Exe", { file: new File([new Uint8Array([0x4d, 0x5a, 0, 0, ...new Array(300).fill(0)])], "photo.png") }),
      ).rejects.toThrow("seuls les PDF et les images JPEG ou PNG");
    });
  });

  it(`at most ${MAX_OPEN_THREADS} conversations waiting for an answer per family, even written all at once`, async () => {
    const f = await family("Bavard");
    const results = await Promise.allSettled(Array.from({ length: MAX_OPEN_THREADS + 5 }, (_, i) => write(f, `Message ${i}`)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_OPEN_THREADS);
    expect(await prisma.messageThread.count({ where: { familyId: f.family.id } })).toBe(MAX_OPEN_THREADS);
  });
});

describe("documents and messages: a parent, another family", () => {
  it("a parent on every staff action of documents and messages → « Accès refusé. », nothing changes", async () => {
    const a = await family("Parent");
    const { threadId } = await write(a, "Bonjour");
    session.current = { user: { id: a.user.id } };
    const pdf = new FormData();
    pdf.set("title", "Faux menu");
    pdf.set("file", new File([new TextEncoder().encode("%PDF-1.4\n%%EOF")], "menu.pdf"));
    await expectNothingChanged(async () => {
      expect(await staffMessages.answerThreadAction(pdf)).toEqual(DENIED);
      expect(await staffMessages.assignThreadAction({ threadId })).toEqual(DENIED);
      expect(await staffMessages.closeThreadAction({ threadId })).toEqual(DENIED);
      expect(await staffMessages.createTemplateAction({ title: "x", body: "y" })).toEqual(DENIED);
      expect(await staffDocuments.publishDocumentAction(pdf)).toEqual(DENIED);
      expect(await staffDocuments.reviewDocumentsAction({ ids: ["x"], decision: "validate" })).toEqual(DENIED);
      expect(await staffDocuments.acceptDocumentAction({ id: "x" })).toEqual(DENIED);
      expect(await staffDocuments.refuseDocumentAction({ id: "x", reason: "non" })).toEqual(DENIED);
      expect(await staffDocuments.setPublishedAction({ id: "x", published: false })).toEqual(DENIED);
      expect(await staffDocuments.replacePublishedAction(pdf)).toEqual(DENIED);
      expect(await staffDocuments.createDocumentTypeAction({ name: "x", scope: "FAMILY", required: "oui", validity: "NONE" })).toEqual(
        DENIED,
      );
    });
  });

  it("family B cannot write in A's thread, nor download A's document or attachment: the same answer as a missing id; a visitor gets 403", async () => {
    const [a, b] = [await family("Aline"), await family("Basile")];
    const type = await prisma.documentType.create({ data: { name: `Justificatif ${Date.now()}` } });
    session.current = { user: { id: a.user.id } };
    const upload = new FormData();
    upload.set("typeId", type.id);
    upload.set("file", new File([tinyPng(0)], "domicile.png"));
    expect(await familyDocuments.uploadDocumentAction(upload)).toMatchObject({ ok: true });
    const doc = await prisma.document.findFirstOrThrow({ where: { familyId: a.family.id } });
    const message = new FormData();
    message.set("subject", "Avec pièce jointe");
    message.set("body", "Voici");
    message.set("file", new File([new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF")], "piece.pdf"));
    expect(await familyMessages.sendFamilyMessageAction(message)).toMatchObject({ ok: true });
    const thread = await prisma.messageThread.findFirstOrThrow({ where: { familyId: a.family.id }, include: { messages: true } });
    const get = (id: string) =>
      downloadDocument(new Request(`http://localhost/documents/${id}`), { params: Promise.resolve({ documentId: id }) });
    expect((await get(doc.id)).status).toBe(200);
    expect((await get(doc.id)).headers.get("content-disposition")).toMatch(/^attachment; filename="domicile\.png"/);
    session.current = { user: { id: b.user.id } };
    for (const id of [doc.id, thread.messages[0]!.documentId!, "inexistant", "../../etc/passwd"]) expect((await get(id)).status).toBe(404);
    const reply = new FormData();
    reply.set("threadId", thread.id);
    reply.set("body", "Je lis chez les voisins");
    await expectNothingChanged(async () => {
      expect(await familyMessages.sendFamilyMessageAction(reply)).toEqual(NOT_FOUND);
      const replace = new FormData();
      replace.set("typeId", type.id);
      replace.set("replacesId", doc.id);
      replace.set("file", new File([new TextEncoder().encode("%PDF-1.4\n%%EOF")], "x.pdf"));
      expect(await familyDocuments.uploadDocumentAction(replace)).toEqual(NOT_FOUND);
    });
    session.current = null;
    expect((await get(doc.id)).status).toBe(403);
    session.current = { user: { id: (await prisma.user.findFirstOrThrow({ where: { role: "STAFF", lieux: { none: {} } } })).id } };
    expect((await get(doc.id)).status).toBe(200);
  });
});
