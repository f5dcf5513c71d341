import "server-only";
import { db } from "@/lib/db";
import { dateOf } from "@/lib/calendar/paris";
import { DOCUMENT_STATUSES, isIn, statusIn } from "@/lib/workflow";
import type { DocumentScope, DocumentStatus } from "@/lib/generated/prisma/enums";

/** « Mes envois »: what the family sent, newest first, with its state and reason. */
export function listFamilyUploads(familyId: string) {
  return db.document.findMany({
    where: { familyId, kind: "FAMILY_UPLOAD" },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      title: true,
      fileName: true,
      status: true,
      reason: true,
      createdAt: true,
      reviewedAt: true,
      validUntil: true,
      replacesId: true,
      reservationId: true,
      child: { select: { id: true, firstName: true } },
      type: { select: { id: true } },
    },
  });
}

/**
 * « À faire »: each required type the family (or each child, for a child's type) has no valid accepted document
 * of, and none waiting — missing, or expired.
 */
export async function missingDocuments(familyId: string, today: string) {
  const [types, children, docs] = await Promise.all([
    db.documentType.findMany({
      where: { required: true },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, name: true, scope: true, required: true },
    }),
    db.child.findMany({ where: { familyId, status: "VALIDATED" }, orderBy: { birthDate: "asc" }, select: { id: true, firstName: true } }),
    db.document.findMany({
      where: { familyId, kind: "FAMILY_UPLOAD", status: statusIn(DOCUMENT_STATUSES.STANDING) },
      select: { typeId: true, childId: true, status: true, validUntil: true },
    }),
  ]);
  return missingAmong({ types, children, docs }, today);
}

/**
 * The same, from what a page has already read (« Mes envois » reads every type, the validated children and every
 * upload for itself): no statement of its own (ADR 040). `types` in their display order; `docs` any of the family's
 * uploads (only the standing ones count).
 */
export function missingAmong(
  read: {
    types: { id: string; name: string; scope: DocumentScope; required: boolean }[];
    children: { id: string; firstName: string }[];
    docs: { typeId: string | null; childId: string | null; status: DocumentStatus; validUntil: Date | null }[];
  },
  today: string,
) {
  const { children } = read;
  const types = read.types.filter((t) => t.required);
  const docs = read.docs.filter((d) => isIn(DOCUMENT_STATUSES.STANDING, d.status));
  // One read of the family's documents: waiting or still valid counts as sent; accepted but past its date, as expired.
  const todayDate = dateOf(today);
  const of = (typeId: string, childId: string | null) =>
    docs.filter((d) => d.typeId === typeId && (childId === null || d.childId === childId));
  const missing: { typeId: string; childId: string | null; text: string }[] = [];
  for (const type of types) {
    for (const child of type.scope === "CHILD" ? children : [null]) {
      const sent = of(type.id, child?.id ?? null);
      if (sent.some((d) => isIn(DOCUMENT_STATUSES.AWAITING_DECISION, d.status) || !d.validUntil || d.validUntil >= todayDate)) continue;
      // « Envoyez votre attestation CAF », « Envoyez votre carnet de vaccination pour Nina ».
      const what = `votre ${lowerFirst(type.name)}${child ? ` pour ${child.firstName}` : ""}`;
      missing.push({
        typeId: type.id,
        childId: child?.id ?? null,
        text: sent.length ? `Renouvelez ${what} : sa date de validité est passée` : `Envoyez ${what}`,
      });
    }
  }
  return missing;
}

/** « Attestation CAF » → « attestation CAF » inside a sentence; an acronym (« CAF », « PAI ») keeps its capitals. */
function lowerFirst(name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}
