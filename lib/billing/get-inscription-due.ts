import "server-only";
import type { Tx } from "@/lib/db";
import { dayOf } from "@/lib/calendar/paris";
import { unitPrice } from "@/lib/reservations/pricing";
import { INVOICE_STATUSES, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";
import { dueCents } from "./amounts";
import { quotientsOf } from "./set-quotient";

/**
 * « Le solde dû de l'inscription » (seed 000's booking e-mail), in integer cents, for each inscription asked:
 * - its days still to bill (validated, present, absence facturée, with no invoice line yet), each priced as
 *   « Générer le mois » will price it — the unit's tariff for the family's quotient in force that day (ADR 036);
 * - plus its lines on invoices still to pay (draft, issued, partly paid), at most what is left to pay on each
 *   invoice (a payment or an avoir on an invoice is not split between its lines: it is counted against this
 *   inscription's lines only as far as the invoice's other lines cannot take it).
 * Read in the caller's transaction, so that the days it has just validated count.
 */
export async function inscriptionDues(tx: Tx, inscriptionIds: string[]): Promise<Map<string, number>> {
  return (await inscriptionDuesBefore(tx, inscriptionIds, [])).dues;
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
 */
export async function inscriptionDuesBefore(
  tx: Tx,
  inscriptionIds: string[],
  days: DayToValidate[],
): Promise<{ dues: Map<string, number>; priceOf: (day: DayToValidate) => number }> {
  const dues = new Map(inscriptionIds.map((id) => [id, 0]));
  if (inscriptionIds.length === 0) return { dues, priceOf: () => 0 };
  const toBill = await tx.reservation.findMany({
    where: { inscriptionId: { in: inscriptionIds }, status: statusIn(RESERVATION_STATUSES.BILLABLE), invoiceLines: { none: {} } },
    select: {
      date: true,
      inscriptionId: true,
      inscription: { select: { familyId: true } },
      timeUnit: { select: { tariffs: { select: { qfMin: true, qfMax: true, priceCents: true } } } },
    },
  });
  const quotientOn = await quotientsOf(tx, [...new Set([...toBill.map((r) => r.inscription.familyId), ...days.map((d) => d.familyId)])]);
  for (const r of toBill) {
    const price = unitPrice(r.timeUnit.tariffs, quotientOn(r.inscription.familyId, dayOf(r.date))) ?? 0;
    dues.set(r.inscriptionId, dues.get(r.inscriptionId)! + price);
  }
  const billed = await tx.invoiceLine.findMany({
    where: {
      reservation: { inscriptionId: { in: inscriptionIds } },
      invoice: { kind: "INVOICE", status: statusIn(INVOICE_STATUSES.OPEN) },
    },
    select: {
      totalCents: true,
      reservation: { select: { inscriptionId: true } },
      invoice: { select: { id: true, totalCents: true, paidCents: true, creditedCents: true } },
    },
  });
  const perInvoice = new Map<string, { inscriptionId: string; lines: number; left: number }>();
  for (const line of billed) {
    const inscriptionId = line.reservation!.inscriptionId;
    const key = `${inscriptionId}:${line.invoice.id}`;
    const entry = perInvoice.get(key) ?? { inscriptionId, lines: 0, left: dueCents(line.invoice) };
    entry.lines += line.totalCents;
    perInvoice.set(key, entry);
  }
  for (const { inscriptionId, lines, left } of perInvoice.values())
    dues.set(inscriptionId, dues.get(inscriptionId)! + Math.min(lines, left));
  if (days.length === 0) return { dues, priceOf: () => 0 };
  const tariffs = await tx.tariff.findMany({
    where: { timeUnitId: { in: [...new Set(days.map((d) => d.timeUnitId))] } },
    select: { timeUnitId: true, qfMin: true, qfMax: true, priceCents: true },
  });
  const tariffsOf = (unitId: string) => tariffs.filter((t) => t.timeUnitId === unitId);
  return { dues, priceOf: (d) => unitPrice(tariffsOf(d.timeUnitId), quotientOn(d.familyId, d.day)) ?? 0 };
}
