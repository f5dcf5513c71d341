/*
 * The size limits of what a form sends, in one place (importable from the browser, proxy.ts and next.config.ts):
 * a document (PDF, JPEG, PNG) is checked in the browser before sending, by proxy.ts on the request's length, by
 * Next.js's own body limit (next.config.ts) and from the file itself on the server.
 */

/** A document sent by a family or the staff: 10 Mo. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The structure's logo, kept in the database and sent on every page's header: 300 Ko. */
export const LOGO_MAX_BYTES = 300 * 1024;

/** A server action's whole body with its file: one document, the form's other fields and the multipart framing. */
export const UPLOAD_ACTION_BODY_LIMIT = MAX_UPLOAD_BYTES + 256 * 1024;

/** A server action's body without a file (JSON): no form of ours comes near it. */
export const JSON_ACTION_BODY_LIMIT = 1024 * 1024;

/** « 9,5 Mo » (from 1 Mo up), « 412 Ko » (below). */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} Mo`;
  return `${Math.ceil(bytes / 1024)} Ko`;
}

/** The one message for a file over its limit, in the browser and on the server: « Fichier : 11,0 Mo, c'est plus que les 10 Mo acceptés. » */
export function tooBigMessage(label: string, bytes: number, limit = MAX_UPLOAD_BYTES): string {
  return `${label} : ${fileSize(bytes)}, c'est plus que les ${fileSize(limit).replace(",0 ", " ")} acceptés.`;
}
