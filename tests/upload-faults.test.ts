import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PDFDocument } from "pdf-lib";
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
import { GET as downloadRoute } from "@/app/documents/[documentId]/route";
import { sendFamilyMessageAction } from "@/app/mes-messages/actions";
import { uploadDocumentAction } from "@/app/mes-envois/actions";
import { uploadFamilyDocument } from "@/lib/documents/upload-document";
import { listPublished } from "@/lib/documents/list-published";
import { receivedQueue } from "@/lib/documents/list-received-documents";
import { publishDocument, replacePublishedFile } from "@/lib/documents/publish-document";
import { checkUpload } from "@/lib/files/check-upload";
import { actorFromUser } from "@/lib/workflow";
import { createFamily } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

/* Issue 21: a stored file deleted by hand, an unwritable store, empty attachments, NUL bytes, PDFs opening a URI. */

const files = { dir: mkdtempSync(path.join(tmpdir(), "portail-faults-")) };
process.env.FILES_DIR = files.dir;

async function pdf(text = "Attestation") {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return doc.save();
}
const fileOf = (bytes: Uint8Array | string, name: string) =>
  new File([typeof bytes === "string" ? new TextEncoder().encode(bytes) : new Uint8Array(bytes)], name);
const form = (fields: Record<string, string | File>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
let n = 0;
const family = async (name: string) => {
  const f = await createFamily(prisma, { lastName: name });
  return { ...f, actor: actorFromUser(f.user) };
};
const docType = () => prisma.documentType.create({ data: { name: `Type fautes ${++n} ${Date.now()}` } });
const get = (id: string) => downloadRoute(new Request(`http://x/documents/${id}`), { params: Promise.resolve({ documentId: id }) });
const as = (userId: string | null) => {
  session.current = userId ? { user: { id: userId } } : null;
};
beforeEach(() => as(null));

describe("a stored file deleted by hand", () => {
  it("is a 410 in French (not a 500 with an empty body), and the document is marked missing for staff; a new file clears the mark", async () => {
    const f = await family("Perdu");
    const type = await docType();
    const staff = await staffActor();
    const sent = await uploadFamilyDocument({
      familyId: f.family.id,
      actor: f.actor,
      typeId: type.id,
      childId: null,
      replacesId: null,
      file: fileOf(await pdf(), "attestation.pdf"),
    });
    const published = await publishDocument({
      title: `Menus ${Date.now()}`,
      file: fileOf(await pdf("Menus"), "menus.pdf"),
      structureId: null,
      activityId: null,
      actor: staff,
    });
    for (const id of [sent.id, published.id]) {
      const { storageKey } = await prisma.document.findUniqueOrThrow({ where: { id }, select: { storageKey: true } });
      rmSync(path.join(files.dir, ...storageKey.split("/")));
    }
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      as(f.user.id);
      const parent = await get(sent.id);
      expect(parent.status).toBe(410);
      expect(await parent.text()).toBe(
        "Ce document n'est plus disponible : son fichier est introuvable. La structure en est informée ; vous pouvez lui demander de le renvoyer.",
      );
      as(staff.userId);
      const desk = await get(published.id);
      expect(desk.status).toBe(410);
      expect(await desk.text()).toMatch(/^Le fichier de ce document est introuvable dans le stockage/);
      expect(errors).toHaveBeenCalledTimes(2);
      expect(String(errors.mock.calls[0]![0])).toContain(sent.id);
    } finally {
      errors.mockRestore();
    }
    expect((await receivedQueue(ALL_LIEUX)).find((d) => d.id === sent.id)?.fileMissingAt).toBeInstanceOf(Date);
    expect((await listPublished(ALL_LIEUX)).find((d) => d.id === published.id)?.fileMissingAt).toBeInstanceOf(Date);

    await replacePublishedFile({ id: published.id, file: fileOf(await pdf("Menus v2"), "menus.pdf"), actor: staff });
    expect((await listPublished(ALL_LIEUX)).find((d) => d.id === published.id)?.fileMissingAt).toBeNull();
    as(staff.userId);
    expect((await get(published.id)).status).toBe(200);
  });
});

describe("upload and message faults say what is wrong", () => {
  it("a 0-byte attachment on a message is refused in French, nothing is sent", async () => {
    const f = await family("Vide");
    as(f.user.id);
    await expectNothingChanged(async () => {
      const result = await sendFamilyMessageAction(
        form({ subject: "Pièce vide", body: "Voici le document.", file: fileOf(new Uint8Array(0), "scan.pdf") }),
      );
      expect(result).toMatchObject({
        ok: false,
        fieldErrors: {
          file: "Pièce jointe : le fichier « scan.pdf » est vide (0 octet). Choisissez-le à nouveau, ou envoyez le message sans pièce jointe.",
        },
      });
    });
    expect(await prisma.messageThread.count({ where: { familyId: f.family.id } })).toBe(0);
  });

  it("a NUL byte in a message or its subject is refused in French, nothing is sent", async () => {
    const f = await family("Nul");
    as(f.user.id);
    await expectNothingChanged(async () => {
      const body = await sendFamilyMessageAction(form({ subject: "Bonjour", body: "Avant\u0000après" }));
      expect(body).toMatchObject({
        ok: false,
        fieldErrors: {
          body: "Message : il contient un caractère invisible (caractère nul ou de contrôle), souvent venu d'un copier-coller ; retapez le passage concerné.",
        },
      });
    });
    expect(await prisma.messageThread.count({ where: { familyId: f.family.id } })).toBe(0);
  });

  it("an unwritable file store is a technical failure: the documents cannot be stored now, the cause is logged, nothing is written", async () => {
    const f = await family("Plein");
    const type = await docType();
    as(f.user.id);
    // A file where the store's folder should be: every write fails (as a full or read-only disk would).
    const aside = `${files.dir}-aside`;
    renameSync(files.dir, aside);
    writeFileSync(files.dir, "");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expectNothingChanged(async () => {
        const result = await uploadDocumentAction(form({ typeId: type.id, file: fileOf(await pdf(), "attestation.pdf") }));
        expect(result).toEqual({
          ok: false,
          error:
            "Les documents ne peuvent pas être enregistrés pour le moment (panne technique du serveur, pas une erreur de votre part). Réessayez plus tard.",
        });
      });
      expect(errors).toHaveBeenCalledTimes(1);
      expect(errors.mock.calls[0]!.map(String).join(" ")).toMatch(/\[fichiers\] enregistrement impossible.*(ENOTDIR|EEXIST)/);
    } finally {
      errors.mockRestore();
      rmSync(files.dir);
      renameSync(aside, files.dir);
    }
  });

  it("a PDF that opens a URI or launches something on opening (/OpenAction, /AA) is refused as /JavaScript is, escaped or compressed", async () => {
    const refused =
      "Fichier : ce PDF contient un script ou une action automatique ; enregistrez-le à nouveau (« Imprimer en PDF ») puis envoyez-le.";
    const plain = (catalog: string) => `%PDF-1.4\n1 0 obj << /Type /Catalog ${catalog} >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF`;
    const cases = [
      plain("/OpenAction << /S /URI /URI (https://evil.example/) >>"),
      plain("/AA << /O << /S /URI /URI (https://evil.example/) >> >>"),
      plain("/OpenAction << /S /#55RI /URI (https://evil.example/) >>"),
      plain("/OpenAction 2 0 R >> endobj 2 0 obj << /S /URI /URI (https://evil.example/) >>"),
      plain("/#41A << /O << /S /U#52I /URI (https://evil.example/) >> >>"),
      plain("/OpenAction 2 0 R >> endobj 2 0 obj << /S /Launch /F (calc.exe) >>"),
    ];
    for (const text of cases) await expect(checkUpload(fileOf(text, "a.pdf"), "file"), text).rejects.toThrow(refused);
    // Hidden in a compressed object stream.
    const hidden = deflateSync(Buffer.from("<< /OpenAction << /S /URI /URI (https://evil.example/) >> >>", "latin1"));
    const compressed = Buffer.concat([
      Buffer.from(`%PDF-1.5\n1 0 obj << /Length ${hidden.length} /Filter /FlateDecode >>\nstream\n`, "latin1"),
      hidden,
      Buffer.from("\nendstream endobj\n%%EOF", "latin1"),
    ]);
    await expect(checkUpload(fileOf(compressed, "a.pdf"), "file")).rejects.toThrow(refused);
    // An ordinary PDF, a view opened on page 1 with a link the reader may click, are still accepted.
    await expect(checkUpload(fileOf(await pdf(), "ok.pdf"), "file")).resolves.toMatchObject({ mimeType: "application/pdf" });
    await expect(
      checkUpload(
        fileOf(
          plain(
            "/OpenAction [3 0 R /XYZ null null 0] >> endobj 4 0 obj << /Type /Annot /Subtype /Link /A << /S /URI /URI (https://www.caf.fr/) >>",
          ),
          "lien.pdf",
        ),
        "file",
      ),
    ).resolves.toMatchObject({ mimeType: "application/pdf" });
  });
});

afterEach(() => vi.restoreAllMocks());
