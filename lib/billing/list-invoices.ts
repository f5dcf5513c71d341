import "server-only";
import { db } from "@/lib/db";
import { dateOf, firstOf } from "@/lib/calendar/paris";

/** The staff list of a structure's month: each invoice with its family, total, what is paid, its status. */
export async function listMonthInvoices(structureId: string, month: string) {
  const [invoices, billed, settings] = await Promise.all([
    db.invoice.findMany({
      where: { structureId, month: dateOf(firstOf(month)) },
      orderBy: { sequence: "asc" },
      select: {
        id: true,
        number: true,
        kind: true,
        status: true,
        totalCents: true,
        paidCents: true,
        dueDate: true,
        family: { select: { id: true, name: true } },
        _count: { select: { lines: true } },
      },
    }),
    db.billingMonth.findUnique({
      where: { structureId_month: { structureId, month: dateOf(firstOf(month)) } },
      select: { generatedAt: true, lockedAt: true },
    }),
    db.structure.findUniqueOrThrow({ where: { id: structureId }, select: { invoiceDueDays: true, unpaidBlockDays: true } }),
  ]);
  return { invoices, settings, generatedAt: billed?.generatedAt ?? null, lockedAt: billed?.lockedAt ?? null };
}
