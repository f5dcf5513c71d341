import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { openDocument } from "@/lib/documents/open-document";
import { NotFoundError } from "@/lib/workflow";

/**
 * « Attestations fiscales » in Mes factures: the family's published attestations (ADR 056), the last year first. Only
 * the published ones: an attestation is a document the structure signs, staff publish it once the year's payments are in.
 */
export async function listFamilyTaxCertificates(familyId: string) {
  const rows = await db.taxCertificate.findMany({
    where: { familyId, documentId: { not: null }, document: { status: "PUBLISHED" } },
    orderBy: [{ year: "desc" }, { child: { firstName: "asc" } }, { structure: { name: "asc" } }],
    select: {
      id: true,
      year: true,
      amountCents: true,
      generatedAt: true,
      child: { select: { firstName: true, lastName: true } },
      structure: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    amountCents: r.amountCents,
    generatedAt: r.generatedAt,
    child: `${r.child.firstName} ${r.child.lastName.toUpperCase()}`,
    structure: r.structure.name,
  }));
}

/** Staff: a lieu's published attestations of a year, with the family and the child. */
export async function listStructureTaxCertificates(input: { structureId: string; year: number; scope: StaffScope }) {
  return db.taxCertificate.findMany({
    where: { structureId: input.structureId, year: input.year, structure: scopeWhere(input.scope).structure },
    orderBy: [{ family: { name: "asc" } }, { child: { firstName: "asc" } }],
    select: {
      id: true,
      amountCents: true,
      generatedAt: true,
      family: { select: { id: true, name: true } },
      child: { select: { firstName: true, lastName: true, birthDate: true } },
    },
  });
}

/**
 * The PDF of an attestation: the parent's own family's only (another family's id is answered as a missing one), any of
 * the staff's lieux for staff. Opening it clears its « nouveau » in Téléchargements.
 */
export async function openTaxCertificate(input: { id: string; familyId: string | null; scope: StaffScope }) {
  const certificate = await db.taxCertificate.findFirst({
    where: input.familyId ? { id: input.id, familyId: input.familyId } : { id: input.id, structure: scopeWhere(input.scope).structure },
    select: { documentId: true },
  });
  if (!certificate?.documentId) throw new NotFoundError();
  return openDocument({ id: certificate.documentId, familyId: input.familyId, scope: input.scope });
}
