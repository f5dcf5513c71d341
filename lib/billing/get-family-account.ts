import "server-only";
import { familyInscriptionWhere } from "@/lib/families/foyers";
import { foyerReservationWhere } from "@/lib/reservations/foyer-scope";
import { ALL_LIEUX, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { INVOICE_STATUSES, isIn, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";
import { bracketOf } from "@/lib/reservations/pricing";
import { parisDay } from "@/lib/calendar/paris";
import { readPricer, SIBLINGS_BILLED } from "./pricing/read-pricer";
import { formatCalendarDate, formatCents } from "@/lib/format";
import { balanceCents, dueCents } from "./amounts";

/** « 501 à 800 € », « 1 201 € et plus ». */
export const bracketLabel = (t: { qfMin: number; qfMax: number | null }) =>
  t.qfMax === null
    ? `${t.qfMin.toLocaleString("fr-FR")} € et plus`
    : `${t.qfMin.toLocaleString("fr-FR")} à ${t.qfMax.toLocaleString("fr-FR")} €`;

/**
 * « Mon compte »: what the family owes (or is owed), its quotient familial and bracket, enfants à charge,
 * derniers revenus déclarés; per inscription what was invoiced and what is booked and not invoiced yet;
 * its invoices and avoirs.
 */
export async function getFamilyAccount(familyId: string, scope: StaffScope = ALL_LIEUX) {
  // Limited staff (ADR 029): a family with no inscription in their lieux is not found; its invoices and inscriptions
  // of other lieux are left out (what was billed or is to bill is read per inscription shown).
  const scoped = scopeWhere(scope);
  const [family, invoices, inscriptions, billed, toBill] = await Promise.all([
    db.family.findFirst({
      where: { id: familyId, ...scoped.family },
      select: { name: true, quotientFamilial: true, dependentChildren: true, lastIncomeCents: true, cafNumber: true },
    }),
    db.invoice.findMany({
      where: { familyId, status: { not: "DRAFT" }, ...scoped.invoice },
      orderBy: [{ month: "desc" }, { sequence: "desc" }],
      select: {
        id: true,
        number: true,
        kind: true,
        status: true,
        month: true,
        totalCents: true,
        paidCents: true,
        creditedCents: true,
        dueDate: true,
        issuedAt: true,
        creditedInvoice: { select: { number: true } },
        lines: {
          orderBy: [{ label: "asc" }, { date: "asc" }],
          select: { id: true, label: true, date: true, unitPriceCents: true, totalCents: true, billedAbsence: true, priceNote: true },
        },
      },
    }),
    db.inscription.findMany({
      // A shared child's inscription too (garde alternée, ADR 051): each foyer its own days and invoices of it.
      where: { AND: [familyInscriptionWhere(familyId), { status: "VALIDATED", ...scoped.inscription }] },
      orderBy: [{ startDate: "desc" }],
      select: {
        id: true,
        startDate: true,
        endDate: true,
        child: { select: { firstName: true, birthDate: true } },
        familyId: true,
        periodId: true,
        activityId: true,
        childId: true,
        activity: {
          select: {
            name: true,
            structureId: true,
            timeUnits: {
              orderBy: { sortOrder: "asc" },
              select: {
                name: true,
                startTime: true,
                endTime: true,
                tariffs: { orderBy: { qfMin: "asc" }, select: { qfMin: true, qfMax: true, priceCents: true, nonResidentPriceCents: true } },
              },
            },
          },
        },
        period: { select: { name: true } },
      },
    }),
    db.$queryRaw<{ inscriptionId: string; cents: bigint; count: bigint }[]>`
      SELECT r."inscriptionId", SUM(l."totalCents") AS cents, COUNT(*) AS count
      FROM "InvoiceLine" l JOIN "Reservation" r ON r."id" = l."reservationId" JOIN "Invoice" i ON i."id" = l."invoiceId"
      WHERE i."familyId" = ${familyId} AND i."status" <> 'DRAFT' GROUP BY r."inscriptionId"`,
    db.reservation.findMany({
      where: { ...foyerReservationWhere(familyId), status: statusIn(RESERVATION_STATUSES.BILLABLE), invoiceLines: { none: {} } },
      select: {
        inscriptionId: true,
        date: true,
        foyerId: true,
        timeUnit: {
          select: {
            startTime: true,
            endTime: true,
            tariffs: { select: { qfMin: true, qfMax: true, priceCents: true, nonResidentPriceCents: true } },
          },
        },
      },
    }),
  ]);
  if (!family) return null;
  const qf = family.quotientFamilial;
  // Priced as « Générer le mois » will price them (ADR 055): each day at its quotient, commune, rule and fratrie.
  const days = toBill.map((r) => r.date.toISOString().slice(0, 10));
  const today = parisDay(new Date());
  const priceOf = await readPricer(db, {
    payerIds: [familyId],
    siblingFamilyIds: [familyId, ...inscriptions.map((i) => i.familyId)],
    activityIds: inscriptions.map((i) => i.activityId),
    from: [...days, ...inscriptions.map((i) => i.startDate.toISOString().slice(0, 10))].reduce((a, b) => (a < b ? a : b), today),
    to: days.reduce((a, b) => (a > b ? a : b), today),
    statuses: SIBLINGS_BILLED,
  });
  const query = (i: (typeof inscriptions)[number], day: string, foyerId: string) => ({
    payerId: familyId,
    foyerId,
    inscriptionFamilyId: i.familyId,
    activityId: i.activityId,
    structureId: i.activity.structureId,
    periodId: i.periodId,
    childId: i.childId,
    birthDate: i.child.birthDate.toISOString().slice(0, 10),
    day,
  });
  const billedBy = new Map(billed.map((b) => [b.inscriptionId, { cents: Number(b.cents), count: Number(b.count) }]));
  const detail = inscriptions.map((i) => {
    const pending = toBill.filter((r) => r.inscriptionId === i.id);
    return {
      id: i.id,
      child: i.child.firstName,
      activity: i.activity.name,
      period: i.period.name,
      startDate: i.startDate,
      endDate: i.endDate,
      units: i.activity.timeUnits.map((u) => {
        const bracket = bracketOf(u.tariffs, qf);
        // The price in force now, or on the inscription's first day when it has not started yet.
        const start = i.startDate.toISOString().slice(0, 10);
        const priced = priceOf({ ...query(i, start > today ? start : today, familyId), unit: u, alone: true });
        return { name: u.name, priceCents: priced?.cents ?? null, bracket: bracket ? bracketLabel(bracket) : null };
      }),
      invoiced: billedBy.get(i.id) ?? { cents: 0, count: 0 },
      toInvoice: {
        count: pending.length,
        cents: pending.reduce(
          (sum, r) =>
            sum + (priceOf({ ...query(i, r.date.toISOString().slice(0, 10), r.foyerId ?? i.familyId), unit: r.timeUnit })?.cents ?? 0),
          0,
        ),
      },
    };
  });
  const payable = invoices.filter((i) => i.kind === "INVOICE" && isIn(INVOICE_STATUSES.PAYABLE, i.status));
  // The bracket the family is in: the first unit's (brackets are set per unit, the same in most structures).
  const bracket = detail.flatMap((d) => d.units).find((u) => u.bracket)?.bracket ?? null;
  return {
    family: { ...family, bracket },
    balanceCents: balanceCents(invoices),
    toPay: payable.map((i) => ({ ...i, dueCents: dueCents(i) })),
    invoices,
    detail,
  };
}

/** The dashboard's « À faire »: « Payez vos factures : 18,00 € à payer (la première avant le 15/03/2027) », or null. */
export async function invoicesToPay(familyId: string): Promise<string | null> {
  const invoices = await db.invoice.findMany({
    where: { familyId, kind: "INVOICE", status: statusIn(INVOICE_STATUSES.PAYABLE) },
    orderBy: { dueDate: "asc" },
    select: { totalCents: true, paidCents: true, creditedCents: true, dueDate: true },
  });
  return toPayText(invoices);
}

/** « Payez vos factures … » from the family's payable invoices in due-date order (null when nothing is due). */
export function toPayText(
  invoices: { totalCents: number; paidCents: number; creditedCents: number; dueDate: Date | null }[],
): string | null {
  const due = invoices.reduce((sum, i) => sum + dueCents(i), 0);
  if (due === 0) return null;
  const first = invoices.find((i) => i.dueDate)?.dueDate;
  return `Payez vos factures : ${formatCents(due)} à payer${first ? ` (${invoices.length > 1 ? "la première " : ""}avant le ${formatCalendarDate(first)})` : ""}`;
}
