import "server-only";
import { assertStructureInScope, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { dateOf, dayOf } from "@/lib/calendar/paris";
import type { CareKind } from "@/lib/generated/prisma/enums";
import { NotFoundError } from "@/lib/workflow";
import { ageOn, CAF_CATEGORIES } from "./periods";

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Minutes of one child and one care type, split at 6 years old (the age on the day of each unit). */
export interface Hours {
  realisedUnder6: number;
  realised6Plus: number;
  billedUnder6: number;
  billed6Plus: number;
}

export interface CafChildRow extends Hours {
  childId: string;
  lastName: string;
  firstName: string;
  birthDate: Date;
  cafNumber: string;
  careKind: CareKind;
  careType: string;
  category: string;
}

export interface CafTotal extends Hours {
  careKind: CareKind;
  careType: string;
  category: string;
  /** Children with at least one hour réalisée, by their age on their first day of the period. */
  childrenUnder6: number;
  children6Plus: number;
}

interface ActRow {
  reservationId: string;
  date: Date;
  startTime: string;
  endTime: string;
  childId: string;
  lastName: string;
  firstName: string;
  birthDate: Date;
  cafNumber: string | null;
  careKind: CareKind;
  careType: string;
  realised: boolean;
  billed: boolean;
}

/**
 * The CAF's figures of a lieu for a period (ADR 057), per child and care type:
 * - heures réalisées: the units the child was pointed present (P), a walk-in included; an invoiced day counts when the
 *   log says it was a presence before it was invoiced (as the attendance export reads it);
 * - heures facturées: the units billed on an invoice of the lieu (not cancelled): presences, billed absences (A Fact.)
 *   and bookings billed without pointage — a day billed to two foyers (garde alternée) counted once;
 * - a unit's hours are its end − start; each unit counted under 6 or 6 and over by the child's age that day.
 */
export async function computeCafFigures(input: { structureId: string; from: string; to: string; scope: StaffScope }) {
  assertStructureInScope(input.scope, input.structureId);
  const structure = await db.structure.findUnique({ where: { id: input.structureId }, select: { id: true, name: true } });
  if (!structure) throw new NotFoundError();
  const rows = await db.$queryRaw<ActRow[]>`
    SELECT r."id" AS "reservationId", r."date", tu."startTime", tu."endTime", c."id" AS "childId", c."lastName", c."firstName",
           c."birthDate", f."cafNumber", ct."kind" AS "careKind", ct."name" AS "careType",
           (r."status" = 'PRESENT' OR (r."status" = 'INVOICED' AND EXISTS (
              SELECT 1 FROM "TransitionLog" l
              WHERE l."machine" = 'RESERVATION' AND l."entityId" = r."id" AND l."toStatus" = 'INVOICED' AND l."fromStatus" = 'PRESENT'))) AS "realised",
           EXISTS (
              SELECT 1 FROM "InvoiceLine" il JOIN "Invoice" i ON i."id" = il."invoiceId"
              WHERE il."reservationId" = r."id" AND i."kind" = 'INVOICE' AND i."status" <> 'CANCELLED'
                AND i."structureId" = ${input.structureId}) AS "billed"
    FROM "Reservation" r
    JOIN "TimeUnit" tu ON tu."id" = r."timeUnitId"
    JOIN "Activity" a ON a."id" = tu."activityId"
    JOIN "CareType" ct ON ct."id" = a."careTypeId"
    JOIN "Inscription" ins ON ins."id" = r."inscriptionId"
    JOIN "Child" c ON c."id" = ins."childId"
    JOIN "Family" f ON f."id" = ins."familyId"
    WHERE a."structureId" = ${input.structureId}
      AND r."date" BETWEEN ${dateOf(input.from)}::date AND ${dateOf(input.to)}::date
      AND r."status" IN ('PRESENT', 'ABSENT_BILLED', 'RESERVED', 'INVOICED')
    ORDER BY c."lastName", c."firstName", c."id", ct."kind", r."date"`;

  const children = new Map<string, CafChildRow>();
  const firstAge = new Map<string, { day: string; under6: boolean }>();
  for (const act of rows) {
    if (!act.realised && !act.billed) continue;
    const key = `${act.childId}|${act.careKind}`;
    let row = children.get(key);
    if (!row) {
      row = {
        childId: act.childId,
        lastName: act.lastName.toUpperCase(),
        firstName: act.firstName,
        birthDate: act.birthDate,
        cafNumber: act.cafNumber ?? "",
        careKind: act.careKind,
        careType: act.careType,
        category: CAF_CATEGORIES[act.careKind],
        realisedUnder6: 0,
        realised6Plus: 0,
        billedUnder6: 0,
        billed6Plus: 0,
      };
      children.set(key, row);
    }
    const day = dayOf(act.date);
    const under6 = ageOn(dayOf(act.birthDate), day) < 6;
    const length = Math.max(0, minutes(act.endTime) - minutes(act.startTime));
    if (act.realised) {
      if (under6) row.realisedUnder6 += length;
      else row.realised6Plus += length;
      const seen = firstAge.get(key);
      if (!seen || day < seen.day) firstAge.set(key, { day, under6 });
    }
    if (act.billed) {
      if (under6) row.billedUnder6 += length;
      else row.billed6Plus += length;
    }
  }

  const totals = new Map<CareKind, CafTotal>();
  for (const [key, row] of children) {
    let total = totals.get(row.careKind);
    if (!total) {
      total = {
        careKind: row.careKind,
        careType: row.careType,
        category: row.category,
        realisedUnder6: 0,
        realised6Plus: 0,
        billedUnder6: 0,
        billed6Plus: 0,
        childrenUnder6: 0,
        children6Plus: 0,
      };
      totals.set(row.careKind, total);
    }
    total.realisedUnder6 += row.realisedUnder6;
    total.realised6Plus += row.realised6Plus;
    total.billedUnder6 += row.billedUnder6;
    total.billed6Plus += row.billed6Plus;
    const first = firstAge.get(key);
    if (first?.under6) total.childrenUnder6 += 1;
    else if (first) total.children6Plus += 1;
  }
  return {
    structure,
    rows: [...children.values()],
    totals: [...totals.values()].sort((a, b) => a.careType.localeCompare(b.careType, "fr")),
  };
}

export type CafFigures = Awaited<ReturnType<typeof computeCafFigures>>;
