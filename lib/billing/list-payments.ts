import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { dateOf, addDays } from "@/lib/calendar/paris";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import { filterDay } from "@/lib/forms/date-ranges";

export interface PaymentFilter {
  method?: string;
  /** Only the payments staff must look at (an anomaly not treated yet). */
  toCheck?: boolean;
  status?: string;
  from?: string;
  to?: string;
  familyId?: string;
}

const METHODS = Object.values(PaymentMethod);
const STATUSES = Object.values(PaymentStatus);

function whereOf(filter: PaymentFilter): Prisma.PaymentWhereInput {
  const method = METHODS.find((m) => m === filter.method);
  const status = STATUSES.find((s) => s === filter.status);
  // A payment's day: when it was received, else when it was started (a pending online one).
  const day =
    filter.from || filter.to
      ? { gte: filter.from ? dateOf(filter.from) : undefined, lt: filter.to ? dateOf(addDays(filter.to, 1)) : undefined }
      : undefined;
  return {
    ...(method ? { method } : {}),
    ...(status ? { status } : {}),
    ...(filter.familyId ? { familyId: filter.familyId } : {}),
    ...(filter.toCheck ? { anomaly: { not: null }, anomalyResolvedAt: null } : {}),
    ...(day ? { OR: [{ receivedAt: day }, { receivedAt: null, createdAt: day }] } : {}),
  };
}

/** The payments list (online and at the desk), newest first: the treasury's view, and the CSV it exports. */
export async function listPayments(filter: PaymentFilter, scope: StaffScope, take = 500) {
  // Limited staff see the payments allocated (at least in part) to invoices of their lieux (ADR 029).
  const where: Prisma.PaymentWhereInput = { AND: [whereOf(filter), scopeWhere(scope).payment] };
  const [payments, total, sum] = await Promise.all([
    db.payment.findMany({
      where,
      take,
      orderBy: [{ receivedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      select: {
        id: true,
        number: true,
        method: true,
        status: true,
        amountCents: true,
        reference: true,
        receivedAt: true,
        createdAt: true,
        anomaly: true,
        anomalyResolvedAt: true,
        anomalyNote: true,
        stripePaymentIntentId: true,
        family: { select: { id: true, name: true } },
        allocations: {
          where: { invoice: scopeWhere(scope).invoice },
          orderBy: { invoice: { number: "asc" } },
          select: { amountCents: true, invoice: { select: { number: true } } },
        },
      },
    }),
    db.payment.count({ where }),
    db.payment.aggregate({ where: { AND: [where, { status: "SUCCEEDED" }] }, _sum: { amountCents: true } }),
  ]);
  return { payments, total, receivedCents: sum._sum.amountCents ?? 0 };
}

/** The payments list's GET filters (`mode`, `etat`, `du`, `au` in jj/mm/aaaa): a value not offered narrows nothing. */
export function paymentFilterOf(
  get: (name: string) => string | undefined,
  today: string,
): PaymentFilter & { typed: { from?: string; to?: string } } {
  const etat = get("etat");
  const from = get("du");
  const to = get("au");
  return {
    method: get("mode"),
    status: etat === "averifier" ? undefined : etat,
    toCheck: etat === "averifier",
    from: filterDay(from, today),
    to: filterDay(to, today),
    typed: { from, to },
  };
}
