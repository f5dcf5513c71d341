import "server-only";
import type { Tx } from "@/lib/db";
import { unitPrice } from "@/lib/reservations/pricing";
import { INVOICE_STATUSES, RESERVATION_STATUSES } from "@/lib/workflow";
import { dueCents } from "./amounts";
import { quotientLookup } from "./set-quotient";
import { readPricer, SIBLINGS_BILLED } from "./pricing/read-pricer";

/**
 * « Le solde dû de l'inscription » (seed 000's booking e-mail), in integer cents, for each inscription asked:
 * - its days still to bill (validated, present, absence facturée, with no invoice line yet), each priced as
 *   « Générer le mois » will price it — the unit's tariff for the paying foyer's quotient in force that day (ADR 036),
 *   and, where the activity has tariff rules or hors commune prices, through the billing's own pricer (ADR 055:
 *   hors commune, hourly, fratrie among the siblings already booked that day);
 * - plus its lines on invoices still to pay (draft, issued, partly paid), at most what is left to pay on each
 *   invoice (a payment or an avoir on an invoice is not split between its lines: it is counted against this
 *   inscription's lines only as far as the invoice's other lines cannot take it).
 * Read in the caller's transaction, so that the days it has just validated count.
 */
export async function inscriptionDues(tx: Tx, inscriptionIds: string[], foyerId?: string): Promise<Map<string, number>> {
  return (await inscriptionDuesBefore(tx, inscriptionIds, [], foyerId)).dues;
}

/** A day a send may validate: its inscription, the inscription's family, the unit and the day ("YYYY-MM-DD"). */
export interface DayToValidate {
  inscriptionId: string;
  familyId: string;
  timeUnitId: string;
  day: string;
}

/**
 * The solde dû of each inscription as it stands (inscriptionDues), and what each of `days` will add to it once
 * validated — read before a slot's lock (ADR 045), so that under the lock the e-mail's amount is a sum:
 * `dues + Σ priceOf(each day validated)`, the very figure inscriptionDues reads once those days are written. A day a
 * send validates is a billable day with no invoice line (a new reservation, or one asked again after a refusal or a
 * withdrawal, which were never billed: both come only from a request or the waiting list), priced as inscriptionDues
 * prices its days. The caller holds the family's lock, so no payment or quotient of the family changes meanwhile.
 *
 * `foyerId`: a shared child's inscription (garde alternée, ADR 051) is due by each foyer for its own days and its own
 * invoices only — the other foyer's days, lines and payments are never counted, nor said, in this foyer's e-mail.
 */
export async function inscriptionDuesBefore(
  tx: Tx,
  inscriptionIds: string[],
  days: DayToValidate[],
  foyerId?: string,
): Promise<{ dues: Map<string, number>; priceOf: (day: DayToValidate) => number }> {
  const dues = new Map(inscriptionIds.map((id) => [id, 0]));
  if (inscriptionIds.length === 0) return { dues, priceOf: () => 0 };
  // One statement (it runs on every booking of an opening-day rush; through the query builder it was nine): the days
  // still to bill, the lines on invoices still to pay summed per invoice, and the tariffs and quotients to price them.
  const billable = [...RESERVATION_STATUSES.BILLABLE];
  const open = [...INVOICE_STATUSES.OPEN];
  const [read] = await tx.$queryRaw<
    {
      toBill: { inscriptionId: string; familyId: string; timeUnitId: string; day: string }[];
      billed: { inscriptionId: string; lines: number; totalCents: number; paidCents: number; creditedCents: number }[];
      tariffs: { timeUnitId: string; qfMin: number; qfMax: number | null; priceCents: number; nonResidentPriceCents: number | null }[];
      families: { id: string; quotientFamilial: number | null; quotients: { quotientFamilial: number | null; validFrom: string }[] }[];
      /** What the billing's pricer needs, read only as ids and times: each inscription and each unit concerned. */
      inscriptions: {
        id: string;
        familyId: string;
        activityId: string;
        structureId: string;
        periodId: string;
        childId: string;
        birthDate: string;
        hasRule: boolean;
      }[];
      units: { id: string; startTime: string; endTime: string }[];
    }[]
  >`
    WITH bill AS (
      SELECT r."inscriptionId", COALESCE(r."foyerId", i."familyId") AS "familyId", r."timeUnitId", to_char(r."date", 'YYYY-MM-DD') AS "day"
      FROM "Reservation" r JOIN "Inscription" i ON i."id" = r."inscriptionId"
      WHERE r."inscriptionId" = ANY(${inscriptionIds}) AND r."status"::text = ANY(${billable})
        AND NOT EXISTS (SELECT 1 FROM "InvoiceLine" l WHERE l."reservationId" = r."id")
        AND (${foyerId ?? null}::text IS NULL OR COALESCE(r."foyerId", i."familyId") = ${foyerId ?? null}::text)
    )
    SELECT
      COALESCE((SELECT json_agg(bill) FROM bill), '[]'::json) AS "toBill",
      COALESCE((SELECT json_agg(b) FROM (
        SELECT r."inscriptionId", sum(l."totalCents")::int AS "lines", v."totalCents", v."paidCents", v."creditedCents"
        FROM "InvoiceLine" l JOIN "Reservation" r ON r."id" = l."reservationId" JOIN "Invoice" v ON v."id" = l."invoiceId"
        WHERE r."inscriptionId" = ANY(${inscriptionIds}) AND v."kind" = 'INVOICE' AND v."status"::text = ANY(${open})
          AND (${foyerId ?? null}::text IS NULL OR v."familyId" = ${foyerId ?? null}::text)
        GROUP BY r."inscriptionId", v."id") b), '[]'::json) AS "billed",
      COALESCE((SELECT json_agg(json_build_object('timeUnitId', t."timeUnitId", 'qfMin', t."qfMin", 'qfMax', t."qfMax", 'priceCents', t."priceCents",
          'nonResidentPriceCents', t."nonResidentPriceCents"))
        FROM "Tariff" t
        WHERE t."timeUnitId" IN (SELECT "timeUnitId" FROM bill) OR t."timeUnitId" = ANY(${days.map((d) => d.timeUnitId)})), '[]'::json) AS "tariffs",
      COALESCE((SELECT json_agg(json_build_object('id', f."id", 'quotientFamilial', f."quotientFamilial", 'quotients',
          COALESCE((SELECT json_agg(json_build_object('quotientFamilial', q."quotientFamilial", 'validFrom', to_char(q."validFrom", 'YYYY-MM-DD'))
                    ORDER BY q."validFrom" DESC) FROM "QuotientHistory" q WHERE q."familyId" = f."id"), '[]'::json)))
        FROM "Family" f
        WHERE f."id" IN (SELECT "familyId" FROM bill) OR f."id" = ANY(${days.map((d) => d.familyId)})), '[]'::json) AS "families",
      COALESCE((SELECT json_agg(json_build_object('id', i."id", 'familyId', i."familyId", 'activityId', i."activityId",
          'structureId', a."structureId", 'periodId', i."periodId", 'childId', i."childId",
          'birthDate', to_char(c."birthDate", 'YYYY-MM-DD'),
          'hasRule', EXISTS (SELECT 1 FROM "TariffRule" tr WHERE tr."activityId" = i."activityId")))
        FROM "Inscription" i JOIN "Activity" a ON a."id" = i."activityId" JOIN "Child" c ON c."id" = i."childId"
        WHERE i."id" = ANY(${inscriptionIds})), '[]'::json) AS "inscriptions",
      COALESCE((SELECT json_agg(json_build_object('id', u."id", 'startTime', u."startTime", 'endTime', u."endTime"))
        FROM "TimeUnit" u
        WHERE u."id" IN (SELECT "timeUnitId" FROM bill) OR u."id" = ANY(${days.map((d) => d.timeUnitId)})), '[]'::json) AS "units"`;
  const { toBill, billed, tariffs, families, inscriptions, units } = read!;
  const quotientOn = quotientLookup(families);
  const tariffsOf = (unitId: string) => tariffs.filter((t) => t.timeUnitId === unitId);
  let priceOf = (d: { inscriptionId: string; timeUnitId: string; familyId: string; day: string }) =>
    unitPrice(tariffsOf(d.timeUnitId), quotientOn(d.familyId, d.day)) ?? 0;
  // Tariffs beyond the quotient (ADR 055): an activity with rules or hors commune prices is priced by the billing's own
  // pricer (one or two more statements, only then), so that the e-mail's solde dû is the invoice's amount.
  if (inscriptions.some((i) => i.hasRule) || tariffs.some((t) => t.nonResidentPriceCents !== null)) {
    const inscriptionOf = new Map(inscriptions.map((i) => [i.id, i]));
    const unitOf = new Map(units.map((u) => [u.id, u]));
    const allDays = [...toBill, ...days];
    const payers = allDays.map((d) => d.familyId);
    const sorted = allDays.map((d) => d.day).sort();
    const pricer = await readPricer(tx, {
      payerIds: payers,
      siblingFamilyIds: [...payers, ...inscriptions.map((i) => i.familyId)],
      activityIds: inscriptions.map((i) => i.activityId),
      from: sorted[0] ?? "1970-01-01",
      to: sorted.at(-1) ?? "1970-01-01",
      statuses: SIBLINGS_BILLED,
    });
    priceOf = (d) => {
      const i = inscriptionOf.get(d.inscriptionId);
      const u = unitOf.get(d.timeUnitId);
      if (!i || !u) return 0;
      const priced = pricer({
        payerId: d.familyId,
        foyerId: d.familyId,
        inscriptionFamilyId: i.familyId,
        activityId: i.activityId,
        structureId: i.structureId,
        periodId: i.periodId,
        childId: i.childId,
        birthDate: i.birthDate,
        day: d.day,
        unit: { startTime: u.startTime, endTime: u.endTime, tariffs: tariffsOf(d.timeUnitId) },
      });
      return priced?.cents ?? 0;
    };
  }
  for (const r of toBill) dues.set(r.inscriptionId, dues.get(r.inscriptionId)! + priceOf(r));
  // A payment or an avoir on an invoice is not split between its lines: at most what is left to pay on it.
  for (const b of billed) dues.set(b.inscriptionId, dues.get(b.inscriptionId)! + Math.min(b.lines, dueCents(b)));
  return { dues, priceOf };
}
