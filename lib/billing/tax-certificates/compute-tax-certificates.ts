import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { parisInstant, dayOf } from "@/lib/calendar/paris";
import { isUnderSixOnJanuaryFirst, splitCents } from "./rules";

export interface CertificateAmount {
  familyId: string;
  childId: string;
  amountCents: number;
}

interface LineRow {
  invoiceId: string;
  familyId: string;
  totalCents: number;
  creditedCents: number;
  inYear: number;
  before: number;
  lineCents: number;
  isAid: boolean;
  childId: string | null;
  eligible: boolean | null;
  birthDate: Date | null;
}

/**
 * What each family actually paid in `year` to the lieu for each child's eligible care (ADR 056):
 * - the money: the allocations of payments received (SUCCEEDED) in the year, Paris time, to the lieu's invoices —
 *   each counted only up to what the invoice still owed after its avoirs (an invoice paid, then credited, was paid
 *   the credited part in excess: that part is the family's credit, not a frais de garde);
 * - the share of each child: that money shared over the invoice's lines pro rata of their amounts
 *   (`splitCents`: integer cents, the remainder to the last share) — a child's lines of an eligible activity
 *   (Activity.taxCertificateEligible, not a canteen) are its share; every other line (a canteen, a fee, another
 *   child's ineligible activity) is the « other » share, last; an aid line (isAid, negative) is taken off its child's
 *   share, or, naming no day, off every eligible share pro rata;
 * - each foyer's own invoices (ADR 051): a shared child has one amount per foyer that paid for it.
 * Only children under 6 on 1 January of the year, with something paid, are returned.
 */
export async function computeTaxCertificates(
  tx: Tx,
  input: { structureId: string; year: number; familyIds?: string[] },
): Promise<CertificateAmount[]> {
  const start = parisInstant(`${input.year}-01-01`, "00:00");
  const end = parisInstant(`${input.year + 1}-01-01`, "00:00");
  const families = input.familyIds ? Prisma.sql`AND i."familyId" = ANY(${input.familyIds})` : Prisma.empty;
  const rows = await tx.$queryRaw<LineRow[]>`
    WITH alloc AS (
      SELECT pa."invoiceId",
             COALESCE(SUM(pa."amountCents") FILTER (WHERE p."receivedAt" >= ${start}), 0)::int AS "inYear",
             COALESCE(SUM(pa."amountCents") FILTER (WHERE p."receivedAt" < ${start}), 0)::int AS "before"
      FROM "PaymentAllocation" pa
      JOIN "Payment" p ON p."id" = pa."paymentId"
      JOIN "Invoice" i ON i."id" = pa."invoiceId"
      WHERE p."status" = 'SUCCEEDED' AND p."receivedAt" < ${end}
        AND i."structureId" = ${input.structureId} AND i."kind" = 'INVOICE' ${families}
      GROUP BY pa."invoiceId"
    )
    SELECT i."id" AS "invoiceId", i."familyId", i."totalCents", i."creditedCents", a."inYear", a."before",
           l."totalCents" AS "lineCents", l."isAid", ins."childId", act."taxCertificateEligible" AS "eligible",
           c."birthDate"
    FROM alloc a
    JOIN "Invoice" i ON i."id" = a."invoiceId"
    JOIN "InvoiceLine" l ON l."invoiceId" = i."id"
    LEFT JOIN "Reservation" r ON r."id" = l."reservationId"
    LEFT JOIN "Inscription" ins ON ins."id" = r."inscriptionId"
    LEFT JOIN "Activity" act ON act."id" = ins."activityId"
    LEFT JOIN "Child" c ON c."id" = ins."childId"
    WHERE a."inYear" > 0
    ORDER BY i."id", l."id"`;

  const byInvoice = new Map<string, LineRow[]>();
  for (const row of rows) {
    const list = byInvoice.get(row.invoiceId);
    if (list) list.push(row);
    else byInvoice.set(row.invoiceId, [row]);
  }
  const young = new Set<string>();
  const amounts = new Map<string, CertificateAmount>();
  for (const lines of byInvoice.values()) {
    const { familyId, totalCents, creditedCents, inYear, before } = lines[0]!;
    if (totalCents <= 0) continue;
    const paid = Math.max(0, Math.min(inYear, totalCents - creditedCents - before));
    if (paid === 0) continue;
    // Each child's eligible lines, then the aids that name no day spread over them.
    const eligible = new Map<string, number>();
    let unassignedAid = 0;
    for (const l of lines) {
      if (l.childId && l.eligible) {
        eligible.set(l.childId, (eligible.get(l.childId) ?? 0) + l.lineCents);
        if (l.birthDate && isUnderSixOnJanuaryFirst(dayOf(l.birthDate), input.year)) young.add(l.childId);
      } else if (l.isAid && !l.childId) unassignedAid += l.lineCents;
    }
    if (eligible.size === 0) continue;
    const children = [...eligible.keys()].sort();
    if (unassignedAid !== 0) {
      const aidShares = splitCents(
        -unassignedAid,
        children.map((c) => eligible.get(c)!),
      );
      children.forEach((c, i) => eligible.set(c, eligible.get(c)! - aidShares[i]!));
    }
    const weights = children.map((c) => Math.max(0, eligible.get(c)!));
    const other = Math.max(0, totalCents - weights.reduce((a, w) => a + w, 0));
    const shares = splitCents(paid, [...weights, other]);
    children.forEach((childId, i) => {
      if (!young.has(childId) || shares[i] === 0) return;
      const key = `${familyId}|${childId}`;
      const found = amounts.get(key);
      if (found) found.amountCents += shares[i]!;
      else amounts.set(key, { familyId, childId, amountCents: shares[i]! });
    });
  }
  return [...amounts.values()]
    .filter((a) => a.amountCents > 0)
    .sort((a, b) => (a.familyId + a.childId).localeCompare(b.familyId + b.childId));
}
