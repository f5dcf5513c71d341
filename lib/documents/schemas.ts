import { z } from "zod";
import { entityId, optionalText, trimmed, wholeNumber } from "@/lib/forms/fields";

/** A form sent with its file (FormData): the file stays a File (or null), the other fields are read as text. */
const formData = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess(
    (value) =>
      value instanceof FormData
        ? {
            ...Object.fromEntries([...value.entries()].filter(([, v]) => typeof v === "string")),
            file: value.get("file") instanceof File ? value.get("file") : null,
          }
        : value,
    z.object({
      ...shape,
      file: z
        .instanceof(File)
        .nullable()
        .optional()
        .transform((f) => f ?? null),
    }),
  );

/** No line break nor control character (a subject becomes an e-mail's subject). */
const oneLine = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);

const optionalId = z
  .string()
  .max(64)
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(entityId.nullable());

/** « Envoyer un document » (Mes envois), or « Envoyer un nouveau document » for a refused one, or a certificate for an absence. */
export const uploadDocumentSchema = formData({
  typeId: z
    .string({ error: "Type de document : choisissez dans la liste." })
    .min(1, "Type de document : choisissez dans la liste.")
    .pipe(entityId),
  childId: optionalId,
  replacesId: optionalId,
  reservationId: optionalId,
});

/** « Publier un document » (Téléchargements). */
export const publishDocumentSchema = formData({
  title: trimmed("Titre", 120).refine(oneLine, { message: "Titre : une seule ligne, sans caractère spécial." }),
  audience: z
    .string()
    .max(80)
    .optional()
    .transform((v) => v ?? ""),
});

export const replacePublishedSchema = formData({ id: entityId });

export const setPublishedSchema = z.object({ id: entityId, published: z.boolean() });

/** Accept or refuse the ticked received documents (the queue's « Traitement par lot »). */
export const reviewDocumentsSchema = z.object({
  ids: z.array(entityId).min(1, "Cochez au moins un document.").max(100, "100 documents au plus à la fois."),
  decision: z.enum(["validate", "refuse"]),
  reason: optionalText("Motif du refus", 300),
});

/** A type of document the structure asks for. */
export const documentTypeSchema = z.object({
  name: trimmed("Nom du type", 80),
  scope: z.enum(["FAMILY", "CHILD"], { error: "Pour : choisissez dans la liste." }),
  required: z.enum(["oui", "non"], { error: "Obligatoire : choisissez oui ou non." }).transform((v) => v === "oui"),
  validity: z.enum(["NONE", "CALENDAR_YEAR", "SCHOOL_YEAR", "ONE_YEAR"], { error: "Validité : choisissez dans la liste." }),
});

/** « Écrire à la structure », or a reply in a thread (then no subject). */
export const familyMessageSchema = formData({
  threadId: optionalId,
  subject: z
    .string()
    .trim()
    .max(120, "Objet : 120 caractères au maximum.")
    .refine(oneLine, { message: "Objet : une seule ligne, sans caractère spécial." })
    .optional()
    .transform((v) => (v ? v : null)),
  childId: optionalId,
  body: trimmed("Message", 5000),
});

export const staffAnswerSchema = formData({ threadId: entityId, body: trimmed("Réponse", 5000) });

export const threadSchema = z.object({ threadId: entityId });

export const templateSchema = z.object({ title: trimmed("Titre", 80), body: trimmed("Texte", 5000) });

/** How long received documents are kept after their decision. */
export const retentionSchema = z.object({ months: wholeNumber("Durée de conservation", "mois", 1, 120) });
