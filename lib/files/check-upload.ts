import "server-only";
import { inflateSync } from "node:zlib";
import { fileTypeFromBuffer } from "file-type";
import { fieldError, UserFacingError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES, tooBigMessage } from "./limits";
import { fileStore, newFileKey } from "./storage";

/*
 * What a family or the staff may upload: a PDF, a JPEG or a PNG of 10 Mo at
 * most, its type read from its content (magic bytes), never from its name or
 * the browser's word. A PDF that carries a script or launches an action on
 * opening is refused. The name kept is a safe one (no path, no control
 * characters, the extension of the real type).
 */

const TYPES: Record<string, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" };

export interface CheckedUpload {
  bytes: Uint8Array;
  mimeType: string;
  fileName: string;
}

/** « ../../Attestation CAF (2026).pdf » → « Attestation-CAF-2026.pdf ». */
export function safeFileName(name: string, extension: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const stem = base
    .replace(/\.[^.]*$/, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\w-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80);
  return `${stem || "document"}.${extension}`;
}

/** PDF names may be written with #xx escapes (« /J#61vaScript » is /JavaScript to a reader). */
const decodeNames = (text: string) => text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToR|GoToE)\b/;
/** Something that runs by itself: on opening (an action, not a mere destination `[page /Fit]`), or on a page's or field's event. */
const AUTOMATIC = /\/(AA\b|OpenAction\s*(<<|\d+\s+\d+\s+R))/;
/** An action that leaves the document: opens an address, a file, a sound or a film. (GoTo, a page of the document, is fine.) */
const LEAVES = /\/S\s*\/(URI|Launch|Rendition|Sound|Movie)\b/;

/**
 * Scripts and automatic actions in a PDF (JavaScript, launch, embedded files, forms sent away, an address opened on
 * opening or on an event…), read in the file and in its compressed streams (an object stream can hide them), with
 * escaped names decoded. A link the reader clicks (/URI without /OpenAction or /AA) stays allowed.
 */
function pdfActive(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString("latin1");
  const parts = [decodeNames(text)];
  const streams = /stream\r?\n([\s\S]*?)endstream/g;
  for (let match = streams.exec(text); match; match = streams.exec(text)) {
    try {
      parts.push(decodeNames(inflateSync(Buffer.from(match[1]!, "latin1"), { maxOutputLength: 50 * 1024 * 1024 }).toString("latin1")));
    } catch {
      // Not a Flate stream (an image, a font): nothing to read in it.
    }
  }
  if (parts.some((part) => ACTIVE.test(part))) return true;
  // The trigger and its action may sit in different objects or streams: both anywhere in the file is enough.
  return parts.some((part) => AUTOMATIC.test(part)) && parts.some((part) => LEAVES.test(part));
}

export async function checkUpload(file: File | null | undefined, field: string): Promise<CheckedUpload> {
  if (!file || typeof file === "string" || file.size === 0) fieldError(field, "Fichier : choisissez un fichier (il est vide ou manquant).");
  if (file.size > MAX_UPLOAD_BYTES) fieldError(field, tooBigMessage("Fichier", file.size));
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = await fileTypeFromBuffer(bytes);
  const extension = type ? TYPES[type.mime] : undefined;
  if (!type || !extension)
    fieldError(field, "Fichier : seuls les PDF et les images JPEG ou PNG sont acceptés (le contenu de ce fichier n'en est pas un).");
  if (type.mime === "application/pdf" && pdfActive(bytes))
    fieldError(
      field,
      "Fichier : ce PDF contient un script ou une action automatique ; enregistrez-le à nouveau (« Imprimer en PDF ») puis envoyez-le.",
    );
  return { bytes, mimeType: type.mime, fileName: safeFileName(file.name, extension) };
}

export const STORE_UNAVAILABLE =
  "Les documents ne peuvent pas être enregistrés pour le moment (panne technique du serveur, pas une erreur de votre part). Réessayez plus tard.";

export interface StoredUpload extends CheckedUpload {
  /** Where the file is in the store (the row's `storageKey`). */
  key: string;
}

/**
 * The one way an upload is kept: checked from its content, stored first, then `write` records it (a transaction);
 * if `write` fails the file is removed, so no stored file is left without its row.
 */
export async function withStoredUpload<T>(
  file: File | null | undefined,
  field: string,
  write: (stored: StoredUpload) => Promise<T>,
): Promise<T> {
  const checked = await checkUpload(file, field);
  const key = newFileKey();
  try {
    await fileStore().put(key, checked.bytes, checked.mimeType);
  } catch (error) {
    // The disk or the bucket, not the person sending: said so, and the cause kept in the log.
    console.error("[fichiers] enregistrement impossible :", error);
    throw new UserFacingError(STORE_UNAVAILABLE);
  }
  try {
    return await write({ ...checked, key });
  } catch (error) {
    await fileStore().delete(key);
    throw error;
  }
}

/** A stored upload as the Document row keeps it. */
export const fileColumns = (stored: StoredUpload) => ({
  fileName: stored.fileName,
  mimeType: stored.mimeType,
  sizeBytes: stored.bytes.length,
  storageKey: stored.key,
  fileMissingAt: null,
});
