import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PDFDocument } from "pdf-lib";
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
import { GET as downloadRoute } from "@/app/documents/[documentId]/route";
import { uploadFamilyDocument } from "@/lib/documents/upload";
import { listPublished, receivedQueue } from "@/lib/documents/list";
import { publishDocument, replacePublishedFile } from "@/lib/documents/publish";
import { actorFromUser } from "@/lib/workflow";
import { createFamily } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

/* Issue 21: a stored file deleted by hand, an unwritable store, empty attachments, NUL bytes, PDFs opening a URI. */

const files = { dir: mkdtempSync(path.join(tmpdir(), "portail-faults-")) };
process.env.FILES_DIR = files.dir;

async function pdf(text = "Attestation") {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return doc.save();
}
const fileOf = (bytes: Uint8Array | string, name: string) => new File([typeof bytes === "string" ? new TextEncoder().encode(bytes) : new Uint8Array(bytes)], name);
let n = 0;
const family = async (name: string) => {
  const f = await createFamily(prisma, { lastName: name });
  return { ...f, actor: actorFromUser(f.user) };
};
const docType = () => prisma.documentType.create({ data: { name: `Type fautes ${++n} ${Date.now()}` } });
const get = (id: string) => downloadRoute(new Request(`http://x/documents/${id}`), { params: Promise.resolve({ documentId: id }) });
const as = (userId: string | null) => { session.current = userId ? { user: { id: userId } } : null; };
beforeEach(() => as(null));

describe("a stored file deleted by hand", () => {
  it("is a 410 in French (not a 500 with an empty body), and the document is marked missing for staff; a new file clears the mark", async () => {
    const f = await family("Perdu");
    const type = await docType();
    const staff = await staffActor();
    const sent = await uploadFamilyDocument({ familyId: f.family.id, actor: f.actor, typeId: type.id, childId: null, replacesId: null, file: fileOf(await pdf(), "attestation.pdf") });
    const published = await publishDocument({ title: `Menus ${Date.now()}`, file: fileOf(await pdf("Menus"), "menus.pdf"), structureId: null, activityId: null, actor: staff });
    for (const id of [sent.id, published.id]) {
      const { storageKey } = await prisma.document.findUniqueOrThrow({ where: { id }, select: { storageKey: true } });
      rmSync(path.join(files.dir, ...storageKey.split("/")));
    }
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      as(f.user.id);
      const parent = await get(sent.id);
      expect(parent.status).toBe(410);
      expect(await parent.text()).toBe("Ce document n'est plus disponible : son fichier est introuvable. La structure en est informée ; vous pouvez lui demander de le renvoyer.");
      as(staff.userId);
      const desk = await get(published.id);
      expect(desk.status).toBe(410);
      expect(await desk.text()).toMatch(/^Le fichier de ce document est introuvable dans le stockage/);
      expect(errors).toHaveBeenCalledTimes(2);
      expect(String(errors.mock.calls[0]![0])).toContain(sent.id);
    } finally {
      errors.mockRestore();
    }
    expect((await receivedQueue()).find((d) => d.id === sent.id)?.fileMissingAt).toBeInstanceOf(Date);
    expect((await listPublished()).find((d) => d.id === published.id)?.fileMissingAt).toBeInstanceOf(Date);

    await replacePublishedFile({ id: published.id, file: fileOf(await pdf("Menus v2"), "menus.pdf"), actor: staff });
    expect((await listPublished()).find((d) => d.id === published.id)?.fileMissingAt).toBeNull();
    as(staff.userId);
    expect((await get(published.id)).status).toBe(200);
  });
});

afterEach(() => vi.restoreAllMocks());
