import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { fieldError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES, tooBigMessage, UPLOAD_ACTION_BODY_LIMIT } from "@/lib/files/limits";
import { FILE_LABELS, type ImportFileKind } from "./columns";
import type { ImportFiles } from "./run-import";

const KINDS: ImportFileKind[] = ["familles", "enfants", "inscriptions"];

/**
 * The files of the import form: each a CSV (text: a spreadsheet saved as .xlsx or .ods, a PDF… is refused with
 * what to do), within the upload limits of lib/files. The families file is needed unless children or inscriptions
 * of families already in the portal are imported alone.
 */
export async function readImportUploads(form: FormData): Promise<ImportFiles> {
  const files: ImportFiles = {};
  let total = 0;
  for (const kind of KINDS) {
    const file = form.get(kind);
    if (!(file instanceof File) || file.size === 0) continue;
    const label = `Fichier ${FILE_LABELS[kind].toLowerCase()}`;
    if (file.size > MAX_UPLOAD_BYTES) fieldError(kind, tooBigMessage(label, file.size));
    total += file.size;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = await fileTypeFromBuffer(bytes);
    if (type || bytes.includes(0))
      fieldError(
        kind,
        `${label} : ce n'est pas un fichier CSV${type ? ` (c'est un ${type.ext})` : ""}. Dans le tableur, « Enregistrer sous » › CSV.`,
      );
    files[kind] = bytes;
  }
  if (total > UPLOAD_ACTION_BODY_LIMIT) fieldError("familles", tooBigMessage("Fichiers", total));
  if (Object.keys(files).length === 0) fieldError("familles", "Fichier familles : choisissez au moins un fichier CSV.");
  return files;
}
