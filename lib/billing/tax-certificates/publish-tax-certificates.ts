import "server-only";
import { scopeWhere } from "@/lib/auth/staff-scope";
import { db, transaction } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { civilityWord, taxCertificatesEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { fileStore, newFileKey } from "@/lib/files/storage";
import { parisDay } from "@/lib/calendar/paris";
import { lockFamilies } from "@/lib/locks";
import { actorScope, createWithStatus, NotFoundError, type Actor } from "@/lib/workflow";
import { computeTaxCertificates, type CertificateAmount } from "./compute-tax-certificates";
import { isTaxYear } from "./rules";
import { taxCertificatePdf } from "./render-tax-certificate-pdf";

/** Families per transaction: their PDFs are written first, then their rows and e-mails commit together. */
export const PUBLISH_BATCH = 50;

export interface PublishSummary {
  /** Families whose attestations were made or changed (each e-mailed once). */
  families: number;
  certificates: number;
  /** Certificates already published with the same amount: left as they were. */
  unchanged: number;
  /** Certificates of the year that no longer have anything paid (an avoir since): withdrawn. */
  removed: number;
}

const fileNameOf = (year: number, child: { firstName: string; lastName: string }) =>
  `attestation-frais-de-garde-${year}-${child.firstName}-${child.lastName}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .slice(0, 100) + ".pdf";

export const certificateDocumentTitle = (year: number, child: { firstName: string; lastName: string }) =>
  `Attestation de frais de garde ${year} — ${child.firstName} ${child.lastName.toUpperCase()}`;

/**
 * « Générer et publier les attestations » of a lieu for a year (ADR 056): one TaxCertificate per family and child with
 * something paid, its PDF stored as a Document of the family (FAMILY_ISSUED, « Téléchargements »), and one e-mail per
 * family whose attestations were made or changed. Idempotent: run again, an unchanged amount is left alone (no new
 * PDF, no e-mail); a changed one gets a new PDF in the same document (« nouveau » again) and an e-mail; a certificate
 * whose amount fell to nothing is withdrawn with its document. Families go PUBLISH_BATCH at a time, each batch in its own
 * transaction with its e-mails (a stop leaves whole families done; running again finishes the rest).
 */
export async function publishTaxCertificates(input: {
  structureId: string;
  year: number;
  actor: Actor;
  now?: Date;
  batchSize?: number;
}): Promise<PublishSummary> {
  const now = input.now ?? new Date();
  if (!isTaxYear(input.year, parisDay(now)))
    throw new UserFacingError("Année : choisissez une année terminée.", { year: "Année : choisissez une année terminée." });
  const structure = await db.structure.findFirst({
    where: { id: input.structureId, ...scopeWhere(actorScope(input.actor)).structure },
    select: { id: true, name: true, street: true, postalCode: true, city: true, phone: true, email: true, siret: true },
  });
  if (!structure) throw new NotFoundError();

  const amounts = await computeTaxCertificates(db, { structureId: structure.id, year: input.year });
  const existing = await db.taxCertificate.findMany({
    where: { structureId: structure.id, year: input.year },
    select: { id: true, familyId: true, childId: true, amountCents: true, documentId: true, document: { select: { storageKey: true } } },
  });
  const existingOf = new Map(existing.map((c) => [`${c.familyId}|${c.childId}`, c]));
  const wanted = new Set(amounts.map((a) => `${a.familyId}|${a.childId}`));
  const changed = amounts.filter((a) => {
    const found = existingOf.get(`${a.familyId}|${a.childId}`);
    return !found || found.amountCents !== a.amountCents || !found.documentId;
  });
  const summary: PublishSummary = { families: 0, certificates: 0, unchanged: amounts.length - changed.length, removed: 0 };

  // Withdrawn: nothing paid any more (an avoir after the payment, a payment cancelled).
  const stale = existing.filter((c) => !wanted.has(`${c.familyId}|${c.childId}`));
  if (stale.length) {
    await transaction(async (tx) => {
      await tx.taxCertificate.deleteMany({ where: { id: { in: stale.map((c) => c.id) } } });
      const documentIds = stale.flatMap((c) => (c.documentId ? [c.documentId] : []));
      if (documentIds.length) await tx.document.deleteMany({ where: { id: { in: documentIds } } });
    });
    for (const c of stale) if (c.document) await fileStore().delete(c.document.storageKey);
    summary.removed = stale.length;
  }

  const byFamily = new Map<string, CertificateAmount[]>();
  for (const a of changed) byFamily.set(a.familyId, [...(byFamily.get(a.familyId) ?? []), a]);
  const familyIds = [...byFamily.keys()];
  const batchSize = input.batchSize ?? PUBLISH_BATCH;
  for (let at = 0; at < familyIds.length; at += batchSize) {
    const batch = familyIds.slice(at, at + batchSize);
    const done = await publishBatch({ ...input, now, structure, batch, byFamily });
    summary.families += done.families;
    summary.certificates += done.certificates;
  }
  return summary;
}

async function publishBatch(input: {
  year: number;
  actor: Actor;
  now: Date;
  structure: {
    id: string;
    name: string;
    street: string | null;
    postalCode: string | null;
    city: string | null;
    phone: string | null;
    email: string | null;
    siret: string | null;
  };
  batch: string[];
  byFamily: Map<string, CertificateAmount[]>;
}): Promise<{ families: number; certificates: number }> {
  const families = await db.family.findMany({
    where: { id: { in: input.batch } },
    select: {
      id: true,
      street: true,
      addressComplement: true,
      postalCode: true,
      city: true,
      adults: {
        where: { isLegalGuardian: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { civility: true, firstName: true, lastName: true },
      },
    },
  });
  const childIds = input.batch.flatMap((f) => input.byFamily.get(f)!.map((a) => a.childId));
  const children = new Map(
    (
      await db.child.findMany({ where: { id: { in: childIds } }, select: { id: true, firstName: true, lastName: true, birthDate: true } })
    ).map((c) => [c.id, c]),
  );
  // The files first (outside the transaction: a store is slow); removed again if the rows do not commit.
  const files: { familyId: string; amount: CertificateAmount; key: string; size: number }[] = [];
  const store = fileStore();
  try {
    for (const family of families) {
      for (const amount of input.byFamily.get(family.id)!) {
        const child = children.get(amount.childId)!;
        const bytes = await taxCertificatePdf({
          year: input.year,
          amountCents: amount.amountCents,
          structure: input.structure,
          child,
          payers: family.adults.map((a) => `${civilityWord(a.civility)} ${a.firstName} ${a.lastName.toUpperCase()}`),
          payerAddress: [family.street, family.addressComplement, `${family.postalCode} ${family.city}`].filter((l): l is string => !!l),
          madeAt: input.now,
        });
        const key = newFileKey();
        await store.put(key, bytes, "application/pdf");
        files.push({ familyId: family.id, amount, key, size: bytes.length });
      }
    }
  } catch (error) {
    for (const f of files) await store.delete(f.key);
    console.error("[attestations] enregistrement des PDF impossible :", error);
    throw new UserFacingError(
      "Le stockage des documents ne répond pas : aucune attestation de ce lot n'a été publiée. Réessayez plus tard.",
    );
  }
  const replaced: string[] = [];
  const unused: string[] = [];
  let written = 0;
  try {
    await transaction(
      async (tx) => {
        // Under the families' locks, read again: a run alongside (another agent's click) may have published meanwhile.
        await lockFamilies(tx, input.batch);
        const current = new Map(
          (
            await tx.taxCertificate.findMany({
              where: { structureId: input.structure.id, year: input.year, familyId: { in: input.batch } },
              select: {
                id: true,
                familyId: true,
                childId: true,
                amountCents: true,
                documentId: true,
                document: { select: { storageKey: true } },
              },
            })
          ).map((c) => [`${c.familyId}|${c.childId}`, c]),
        );
        const told = new Set<string>();
        for (const file of files) {
          const child = children.get(file.amount.childId)!;
          const columns = {
            title: certificateDocumentTitle(input.year, child),
            fileName: fileNameOf(input.year, child),
            mimeType: "application/pdf",
            sizeBytes: file.size,
            storageKey: file.key,
            fileMissingAt: null,
          };
          const found = current.get(`${file.familyId}|${file.amount.childId}`);
          if (found?.documentId && found.amountCents === file.amount.amountCents) {
            unused.push(file.key);
            continue;
          }
          told.add(file.familyId);
          written += 1;
          let documentId = found?.documentId ?? null;
          if (found?.documentId && found.document) {
            await tx.document.update({ where: { id: found.documentId }, data: { ...columns, uploadedById: input.actor.userId } });
            // A new amount: « nouveau » again for the family.
            await tx.documentView.deleteMany({ where: { documentId: found.documentId } });
            replaced.push(found.document.storageKey);
          } else {
            const doc = await createWithStatus(tx, { machine: "DOCUMENT", status: "PUBLISHED", actor: input.actor }, () =>
              tx.document.create({
                data: {
                  kind: "FAMILY_ISSUED",
                  status: "PUBLISHED",
                  familyId: file.familyId,
                  childId: file.amount.childId,
                  uploadedById: input.actor.userId,
                  ...columns,
                },
                select: { id: true },
              }),
            );
            documentId = doc.id;
          }
          await tx.taxCertificate.upsert({
            where: {
              familyId_childId_structureId_year: {
                familyId: file.familyId,
                childId: file.amount.childId,
                structureId: input.structure.id,
                year: input.year,
              },
            },
            create: {
              familyId: file.familyId,
              childId: file.amount.childId,
              structureId: input.structure.id,
              year: input.year,
              amountCents: file.amount.amountCents,
              documentId,
              generatedById: input.actor.userId,
              generatedAt: input.now,
            },
            update: { amountCents: file.amount.amountCents, documentId, generatedById: input.actor.userId, generatedAt: input.now },
          });
        }
        for (const familyId of told) {
          const names = input.byFamily.get(familyId)!.map((a) => children.get(a.childId)!.firstName);
          for (const { email: to, person } of await familyRecipients(tx, familyId))
            await enqueueEmail(tx, { to, familyId, template: "tax-certificates", email: taxCertificatesEmail(person, input.year, names) });
        }
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    for (const f of files) await store.delete(f.key);
    throw error;
  }
  for (const key of [...replaced, ...unused]) await store.delete(key);
  return { families: new Set(files.filter((f) => !unused.includes(f.key)).map((f) => f.familyId)).size, certificates: written };
}
