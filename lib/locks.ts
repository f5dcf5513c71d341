import "server-only";
import type { Tx } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import type { InscriptionStatus } from "@/lib/generated/prisma/enums";
import { NotFoundError } from "@/lib/workflow/errors";

/*
 * Every lock the application takes, and the one order they are taken in (docs/locks.md, ADR 023).
 * All are transaction locks: held until the commit or the rollback, never released by hand.
 *
 * A transaction takes them in this order, skipping those it does not need — two transactions that
 * follow it never wait for each other in a circle:
 *
 *   0. a lieu's debit export       (advisory « sepa-batch:<structure> ») one prélèvement file at a time (ADR 053)
 *   1. the account e-mail          (advisory « account:<email> »)      one account request per e-mail
 *   2. the family                  (row Family FOR NO KEY UPDATE)      every write of a family's data
 *   3. the activity's unit rules   (advisory « unit-rules:<activity> »)
 *   4. the billing month           (advisory « billing:<structure>|<month> »)
 *   5. the inscription places      (advisory « inscription:<activity>:<période> »)
 *   6. inscription rows            (FOR UPDATE, in id order)
 *   7. slots                       (advisory « slot:<unit>|<day> », in key order)
 *   8. online payments             (FOR UPDATE, in creation order)
 *   9. invoices                    (FOR UPDATE, in number order; a billing run's drafts in sequence order)
 *  10. the invoice counter         (row InvoiceCounter, by its upsert: taken last, held a moment)
 *  11. a mandate reference series  (advisory « sepa-rum:<prefix> »)    the next RUM, never given twice (ADR 053)
 *
 * Rows of one kind are always locked in one order (ids, numbers), never one by one as they come.
 *
 * Why FOR NO KEY UPDATE for the family, not FOR UPDATE: a row written that points to a family (an
 * e-mail queued, an invoice, a log…) makes PostgreSQL check the family with FOR KEY SHARE. Against
 * FOR UPDATE that check would wait, a hidden family lock taken late — staff validating an inscription
 * (places, then the family's e-mail) and the family requesting one (family, then places) would wait
 * for each other in a circle. FOR NO KEY UPDATE lets that check pass: the family lock is only ever
 * taken here, by those who ask for it, first.
 *
 * Not a waiting lock, so outside the order: the e-mail outbox claims its rows with FOR UPDATE SKIP
 * LOCKED (lib/email/deliver.ts) and never waits for anyone.
 *
 * Not a database lock either, and no guarantee: a parent's send first waits for its slots' turn in its own process
 * (lib/reservations/slot-queue.ts, ADR 045), before any transaction, holding no connection — an opening-day rush on
 * one slot queues in memory instead of filling the pool. The slot's advisory lock (7.) is what keeps the places.
 */

/** The advisory locks, one kind per thing serialised; the text of each key is what PostgreSQL hashes. */
export type AdvisoryKey =
  | { kind: "account"; email: string }
  | { kind: "unit-rules"; activityId: string }
  | { kind: "billing-month"; structureId: string; month: string }
  | { kind: "inscription-places"; activityId: string; periodId: string }
  | { kind: "slot"; timeUnitId: string; day: string }
  | { kind: "sepa-batch"; structureId: string }
  | { kind: "sepa-rum"; prefix: string };

export function advisoryKeyText(key: AdvisoryKey): string {
  switch (key.kind) {
    case "account":
      return `account:${key.email}`;
    case "unit-rules":
      return `unit-rules:${key.activityId}`;
    case "billing-month":
      return `billing:${key.structureId}|${key.month}`;
    case "inscription-places":
      return `inscription:${key.activityId}:${key.periodId}`;
    case "slot":
      return `slot:${key.timeUnitId}|${key.day}`;
    case "sepa-batch":
      return `sepa-batch:${key.structureId}`;
    case "sepa-rum":
      return `sepa-rum:${key.prefix}`;
  }
}

async function advisoryLock(tx: Tx, key: AdvisoryKey): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${advisoryKeyText(key)}))`;
}

/** 1. Requests for one e-mail, one at a time: no two pending requests, no request for a taken e-mail. */
export const lockAccountEmail = (tx: Tx, email: string) => advisoryLock(tx, { kind: "account", email });

/**
 * 2. The family's row, before anything of the family is read to be decided on (children, adults, inscriptions…):
 * parallel writes of one family run one after the other, each seeing what the previous one wrote, and none
 * slips past an anonymisation — once it has run, a write waiting for the lock is refused.
 */
export async function lockFamily(tx: Tx, familyId: string, options: { anonymised?: "refuse" | "allow" } = {}): Promise<void> {
  const rows = await tx.$queryRaw<
    { id: string; anonymisedAt: Date | null }[]
  >`SELECT "id", "anonymisedAt" FROM "Family" WHERE "id" = ${familyId} FOR NO KEY UPDATE`;
  if (rows.length !== 1) throw new NotFoundError();
  // A family anonymised (RGPD) while a request of it waited for the lock: nothing is written for it any more.
  if (rows[0]!.anonymisedAt && options.anonymised !== "allow")
    throw new UserFacingError("Cette famille a été anonymisée : plus aucune modification n'est possible.");
}

/**
 * 2. Several families' rows at once, in id order (an import's batch): one statement. Returns the ids locked; an
 * anonymised family is locked too, and its caller refuses to write to it.
 */
export async function lockFamilies(tx: Tx, familyIds: string[]): Promise<string[]> {
  const sorted = [...new Set(familyIds)].sort();
  if (sorted.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Family" WHERE "id" = ANY(${sorted}) ORDER BY "id" FOR NO KEY UPDATE`;
  return rows.map((r) => r.id);
}

/** 0. A lieu's prélèvement file is built by one export at a time: an invoice is never in two pending debits. */
export const lockDebitExport = (tx: Tx, structureId: string) => advisoryLock(tx, { kind: "sepa-batch", structureId });

/** 11. The mandate references of one prefix are numbered one at a time (count + 1 under this lock). */
export const lockMandateReferences = (tx: Tx, prefix: string) => advisoryLock(tx, { kind: "sepa-rum", prefix });

/** 3. The activity's rules between units change one at a time (A↔B and B↔A written at once cannot both pass). */
export const lockUnitRules = (tx: Tx, activityId: string) => advisoryLock(tx, { kind: "unit-rules", activityId });

/** 4. A structure's month is billed (or its drafts issued) by one run at a time. */
export const lockBillingMonth = (tx: Tx, structureId: string, month: string) =>
  advisoryLock(tx, { kind: "billing-month", structureId, month });

/** 5. The places of an activity in a période: counted and given under this lock, never beyond the limit. */
export const lockInscriptionPlaces = (tx: Tx, activityId: string, periodId: string) =>
  advisoryLock(tx, { kind: "inscription-places", activityId, periodId });

/** 6. One inscription's row, read as it is now (a decision, a change of the child's day). */
export async function lockInscription(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<
    { status: InscriptionStatus; familyId: string; activityId: string; periodId: string; ageGroupId: string | null }[]
  >`
    SELECT "status", "familyId", "activityId", "periodId", "ageGroupId" FROM "Inscription" WHERE "id" = ${id} FOR UPDATE`;
  if (!rows[0]) throw new NotFoundError();
  return rows[0];
}

/** 6. Several inscriptions' rows, in the order of their ids (a send of reservations), with their activity's units. */
export function lockInscriptions(tx: Tx, ids: string[]) {
  const sorted = [...new Set(ids)].sort();
  return tx.$queryRaw<{ id: string; status: string; startDate: Date; endDate: Date; activityId: string; unitIds: string[] }[]>`
    SELECT i."id", i."status", i."startDate", i."endDate", i."activityId",
      ARRAY(SELECT u."id" FROM "TimeUnit" u WHERE u."activityId" = i."activityId") AS "unitIds"
    FROM "Inscription" i WHERE i."id" = ANY(${sorted}) ORDER BY i."id" FOR UPDATE OF i`;
}

/** One time unit on one day: the thing whose places are counted. */
export interface Slot {
  timeUnitId: string;
  /** "YYYY-MM-DD". */
  day: string;
}

export const slotKey = (slot: Slot) => `${slot.timeUnitId}|${slot.day}`;

/**
 * 7. The lock of each slot, always in the order of their keys (two sends sharing slots never wait for each other
 * in a circle). Every place of a slot is counted and given under its lock: two parents never both take its last place.
 */
export async function lockSlots(tx: Tx, slots: Slot[]): Promise<void> {
  const unique = new Map(slots.map((slot) => [slotKey(slot), slot]));
  for (const key of [...unique.keys()].sort()) {
    const slot = unique.get(key)!;
    await advisoryLock(tx, { kind: "slot", timeUnitId: slot.timeUnitId, day: slot.day });
  }
}

/** 8. The family's pending online payments (Stripe, PayFiP) sharing an invoice with `invoiceIds`, oldest first (against the webhook meanwhile). */
export function lockOpenOnlinePayments(tx: Tx, familyId: string, invoiceIds: string[]) {
  return tx.$queryRaw<
    {
      id: string;
      invoiceIds: string[];
      amountCents: number;
      method: "STRIPE" | "PAYFIP";
      stripeCheckoutSessionId: string | null;
      payfipOperationId: string | null;
      createdAt: Date;
    }[]
  >`
    SELECT "id", "invoiceIds", "amountCents", "method", "stripeCheckoutSessionId", "payfipOperationId", "createdAt" FROM "Payment"
    WHERE "familyId" = ${familyId} AND "method" IN ('STRIPE', 'PAYFIP') AND "status" = 'PENDING' AND "invoiceIds" && ${invoiceIds}::text[]
    ORDER BY "createdAt" FOR UPDATE`;
}

/** 8. The online payment a PayFiP operation (idOp) reports on. */
export async function lockPayfipPayment(tx: Tx, operationId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Payment" WHERE "payfipOperationId" = ${operationId} AND "method" = 'PAYFIP' FOR UPDATE`;
  return rows[0]?.id ?? null;
}

/** 8. The online payment a Stripe session reports on (found by its session, or by our id when the session was not stored yet). */
export async function lockOnlinePayment(tx: Tx, report: { sessionId: string; paymentId: string | null }): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Payment" WHERE "stripeCheckoutSessionId" = ${report.sessionId} OR ("id" = ${report.paymentId ?? ""} AND "stripeCheckoutSessionId" IS NULL) ORDER BY "id" LIMIT 1 FOR UPDATE`;
  return rows[0]?.id ?? null;
}

export interface LockedInvoice {
  id: string;
  number: string;
  status: string;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
}

/** 9. The invoices (not the avoirs), in their number order — the order money is allocated in. */
export function lockInvoices(tx: Tx, ids: string[]) {
  return tx.$queryRaw<LockedInvoice[]>`
    SELECT "id", "number", "status", "totalCents", "paidCents", "creditedCents" FROM "Invoice"
    WHERE "id" = ANY(${ids}) AND "kind" = 'INVOICE' ORDER BY "number" FOR UPDATE`;
}

/** 9. The next drafts of a billed month to issue, in their sequence order (under the month's lock). */
export function lockDraftInvoices(tx: Tx, input: { structureId: string; month: Date; batchSize: number }) {
  return tx.$queryRaw<{ id: string; number: string; totalCents: number; familyId: string }[]>`
    SELECT "id", "number", "totalCents", "familyId" FROM "Invoice"
    WHERE "structureId" = ${input.structureId} AND "month" = ${input.month} AND "status" = 'DRAFT'
    ORDER BY "sequence" LIMIT ${input.batchSize} FOR UPDATE`;
}
