import "server-only";
import { assertStructureInScope } from "@/lib/auth/staff-scope";
import { db, transaction, type Tx } from "@/lib/db";
import { lockBillingMonth, lockDraftInvoices } from "@/lib/locks";
import { dateOf, firstOf, isMonth, lastOf, nextMonth, parisDay } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import { deMonth, isoToFrench } from "@/lib/format";
import {
  actorScope,
  applyReservationTransitions,
  applyTransition,
  createManyWithStatus,
  isIn,
  NotFoundError,
  RESERVATION_STATUSES,
  type Actor,
} from "@/lib/workflow";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { civilityWord, invoiceIssuedEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Civility, ReservationStatus } from "@/lib/generated/prisma/enums";
import { readPricer, SIBLINGS_BILLED } from "./pricing/read-pricer";
import { countUndecidedCancellations, undecidedCancellationsMessage } from "./list-undecided-cancellations";

/*
 * « Générer le mois »: one invoice per family of the structure for what is
 * billable in the month and not billed yet — validated bookings, presences,
 * billed absences — a line per child, unit and day, priced with the unit's
 * tariff for the family's quotient in force that day, in integer cents. Families
 * are billed in batches of BILLING_BATCH, each batch one transaction: its
 * invoices, their numbers, their lines and the reservations marked F all commit
 * together, or none does. Run again, the month bills only what is new (a
 * complementary invoice); a month not ended or locked is refused.
 */

export const invoiceNumber = (year: number, sequence: number) => `${year}-${String(sequence).padStart(6, "0")}`;

/** The next number of the structure's year, under the counter row's lock: no gap (a rollback gives it back), no duplicate. */
export async function nextInvoiceNumber(
  tx: Tx,
  structureId: string,
  year: number,
): Promise<{ year: number; sequence: number; number: string }> {
  const sequence = await takeInvoiceNumbers(tx, structureId, year, 1);
  return { year, sequence, number: invoiceNumber(year, sequence) };
}

const lockMonth = lockBillingMonth;

/**
 * What is billable in the month and not billed yet — validated bookings, presences, billed absences without an
 * invoice line — as a condition on `r` (Reservation), `i` (its Inscription) and `a` (its Activity).
 */
const billableIn = (structureId: string, month: string) => Prisma.sql`
  a."structureId" = ${structureId}
  AND r."date" BETWEEN ${firstOf(month)}::date AND ${lastOf(month)}::date
  AND r."status"::text = ANY(${[...RESERVATION_STATUSES.BILLABLE]})
  AND NOT EXISTS (SELECT 1 FROM "InvoiceLine" l WHERE l."reservationId" = r."id")`;

/**
 * Who pays each billable day (garde alternée, ADR 051), as rows `pay` ("payer", "share", "percent") joined to `r` and
 * `i`: the foyer that had the day (`r.foyerId`, else the inscription's family) — or, for a shared child whose plan sets a
 * fixed split (`firstFoyerSharePercent`), two rows: the child's first foyer (FIRST) and its second (SECOND).
 */
const payers = Prisma.sql`
  CROSS JOIN LATERAL (
    SELECT p."payer", p."share", p."percent" FROM (
      SELECT ch."familyId" AS "first", cp."firstFoyerSharePercent" AS "pct",
        (SELECT cf."familyId" FROM "ChildFoyer" cf WHERE cf."childId" = ch."id" ORDER BY cf."createdAt", cf."id" LIMIT 1) AS "second"
      FROM "Child" ch LEFT JOIN "CustodyPlan" cp ON cp."childId" = ch."id" WHERE ch."id" = i."childId"
    ) s
    CROSS JOIN LATERAL (VALUES
      (CASE WHEN s."pct" IS NULL OR s."second" IS NULL THEN COALESCE(r."foyerId", i."familyId") ELSE s."first" END,
       CASE WHEN s."pct" IS NULL OR s."second" IS NULL THEN NULL ELSE 'FIRST' END,
       CASE WHEN s."second" IS NULL THEN NULL ELSE s."pct" END),
      (CASE WHEN s."pct" IS NULL OR s."second" IS NULL THEN NULL ELSE s."second" END, 'SECOND', s."pct")
    ) AS p("payer", "share", "percent")
    WHERE p."payer" IS NOT NULL
  ) pay`;

/**
 * A foyer's share of a day in a fixed split, in integer cents, from its own price (its quotient): the first foyer pays
 * `floor(price × p / 100)`, the second `price − floor(price × p / 100)` — so when both foyers pay the same price the two
 * lines add up to it exactly, the odd cent going to the second foyer (ADR 051).
 */
export function splitShare(priceCents: number, firstPercent: number, share: "FIRST" | "SECOND"): number {
  const first = Math.floor((priceCents * firstPercent) / 100);
  return share === "FIRST" ? first : priceCents - first;
}

/** A month is billed once it has ended (bookings of days to come can still be cancelled: they are not invoiced yet). */
export function assertMonthEnded(month: string, now: Date) {
  const next = firstOf(nextMonth(month));
  if (next > parisDay(now))
    throw new UserFacingError(`Le mois ${deMonth(month)} n'est pas terminé : il se facture à partir du ${isoToFrench(next)}.`);
}

export async function assertOpen(client: Pick<Tx, "billingMonth">, structureId: string, month: string) {
  const billed = await client.billingMonth.findUnique({
    where: { structureId_month: { structureId, month: dateOf(firstOf(month)) } },
    select: { lockedAt: true },
  });
  if (billed?.lockedAt)
    throw new UserFacingError(
      `Le mois ${deMonth(month)} est clôturé : il ne peut plus être facturé à nouveau. Corrigez une facture par un avoir.`,
    );
}

/** Families billed per transaction: a few queries for the whole batch, and all of it commits or none does. */
export const BILLING_BATCH = 500;

/**
 * The invoices of a batch of families for the month, in one transaction under the month's lock: what is still
 * billable is read again under the lock (a run alongside finds nothing left), then numbers are taken as one
 * contiguous block, the invoices, their lines and the cells' move to F written set by set.
 */
async function billFamilies(tx: Tx, input: { structureId: string; month: string; familyIds: string[]; year: number; actor: Actor }) {
  await lockMonth(tx, input.structureId, input.month);
  await assertOpen(tx, input.structureId, input.month);
  // One statement for what is billable in the batch (cells, children, units, activities), one for the families and
  // their paying responsable, one for the units' tariffs and one for the quotients' history: four reads whatever the
  // batch's size (Prisma's nested reads made ten, and cost more to decode than to run).
  const rows = await tx.$queryRaw<
    {
      id: string;
      status: ReservationStatus;
      day: string;
      unitId: string;
      unit: string;
      familyId: string;
      share: "FIRST" | "SECOND" | null;
      percent: number | null;
      first: string;
      last: string;
      activity: string;
      activityId: string;
      periodId: string;
      childId: string;
      birthDate: string;
      foyerId: string;
      inscriptionFamilyId: string;
    }[]
  >`
    SELECT r."id", r."status"::text AS "status", to_char(r."date", 'YYYY-MM-DD') AS "day", r."timeUnitId" AS "unitId", u."name" AS "unit",
      pay."payer" AS "familyId", pay."share", pay."percent", c."firstName" AS "first", c."lastName" AS "last", a."name" AS "activity",
      a."id" AS "activityId", i."periodId", c."id" AS "childId", to_char(c."birthDate", 'YYYY-MM-DD') AS "birthDate",
      COALESCE(r."foyerId", i."familyId") AS "foyerId", i."familyId" AS "inscriptionFamilyId"
    FROM "Reservation" r
    JOIN "Inscription" i ON i."id" = r."inscriptionId"
    JOIN "Activity" a ON a."id" = i."activityId"
    JOIN "Child" c ON c."id" = i."childId"
    JOIN "TimeUnit" u ON u."id" = r."timeUnitId"
    ${payers}
    WHERE pay."payer" = ANY(${input.familyIds}) AND ${billableIn(input.structureId, input.month)}
      -- Every payer is one of these (the inscription's family, the day's foyer, the child's two foyers): read through
      -- the indexes before the payers are worked out, so a batch does not walk the whole month of the lieu.
      AND (i."familyId" = ANY(${input.familyIds}) OR r."foyerId" = ANY(${input.familyIds}) OR c."familyId" = ANY(${input.familyIds})
        OR EXISTS (SELECT 1 FROM "ChildFoyer" cf WHERE cf."childId" = i."childId" AND cf."familyId" = ANY(${input.familyIds})))
    ORDER BY c."firstName", u."sortOrder", r."date", r."id", pay."share"`;
  if (rows.length === 0) return [];
  const byFamily = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byFamily.get(r.familyId);
    if (list) list.push(r);
    else byFamily.set(r.familyId, [r]);
  }
  const familyIds = input.familyIds.filter((id) => byFamily.has(id));
  const families = await tx.$queryRaw<
    {
      id: string;
      name: string;
      street: string;
      addressComplement: string | null;
      postalCode: string;
      city: string;
      civility: Civility | null;
      firstName: string | null;
      lastName: string | null;
    }[]
  >`
    SELECT f."id", f."name", f."street", f."addressComplement", f."postalCode", f."city", p."civility"::text AS "civility", p."firstName", p."lastName"
    FROM "Family" f
    LEFT JOIN LATERAL (
      SELECT ad."civility", ad."firstName", ad."lastName" FROM "Adult" ad
      WHERE ad."familyId" = f."id" AND ad."isLegalGuardian" ORDER BY ad."createdAt", ad."id" LIMIT 1
    ) p ON true
    WHERE f."id" = ANY(${familyIds})`;
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const units = await tx.timeUnit.findMany({
    where: { id: { in: unitIds } },
    select: {
      id: true,
      startTime: true,
      endTime: true,
      tariffs: { select: { qfMin: true, qfMax: true, priceCents: true, nonResidentPriceCents: true } },
    },
  });
  const unitOf = new Map(units.map((u) => [u.id, u]));
  // Each day at the rules in force that day (ADR 055): the payer's quotient and commune, hourly units, fratrie — the
  // siblings counted are those booked that day and billable or already billed (a complementary invoice keeps the rank).
  const priceOf = await readPricer(tx, {
    payerIds: familyIds,
    siblingFamilyIds: [...new Set(rows.flatMap((r) => [r.foyerId, r.inscriptionFamilyId]))],
    activityIds: [...new Set(rows.map((r) => r.activityId))],
    from: firstOf(input.month),
    to: lastOf(input.month),
    statuses: SIBLINGS_BILLED,
  });
  const familyById = new Map(families.map((f) => [f.id, f]));
  const last = await takeInvoiceNumbers(tx, input.structureId, input.year, familyIds.length);
  const drafts = familyIds.map((familyId, index) => {
    const family = familyById.get(familyId)!;
    const lines = byFamily.get(familyId)!.map((r) => {
      // Each foyer at its own quotient (the day's custody foyer, or its share of a fixed split).
      const priced = priceOf({
        payerId: familyId,
        foyerId: r.foyerId,
        inscriptionFamilyId: r.inscriptionFamilyId,
        activityId: r.activityId,
        structureId: input.structureId,
        periodId: r.periodId,
        childId: r.childId,
        birthDate: r.birthDate,
        day: r.day,
        unit: unitOf.get(r.unitId)!,
      });
      const full = priced?.cents ?? 0;
      const split =
        r.share !== null && r.percent !== null ? { share: r.share, percent: r.share === "FIRST" ? r.percent : 100 - r.percent } : null;
      const price = split ? splitShare(full, r.percent!, split.share) : full;
      return {
        reservationId: r.id,
        label: `${r.first} ${r.last.toUpperCase()} — ${r.unit} (${r.activity})${split ? ` — part ${split.percent} %` : ""}`,
        day: r.day,
        quantity: 1,
        unitPriceCents: price,
        totalCents: price,
        billedAbsence: isIn(RESERVATION_STATUSES.BILLED_ABSENCE, r.status),
        priceNote: priced?.note ?? null,
      };
    });
    const sequence = last - familyIds.length + 1 + index;
    return {
      lines,
      invoice: {
        number: invoiceNumber(input.year, sequence),
        sequence,
        familyId,
        payerName:
          family.civility !== null && family.firstName !== null && family.lastName !== null
            ? `${civilityWord(family.civility)} ${family.firstName} ${family.lastName.toUpperCase()}`
            : family.name,
        payerAddress: [family.street, family.addressComplement, `${family.postalCode} ${family.city}`].filter(Boolean).join("\n"),
        totalCents: lines.reduce((sum, l) => sum + l.totalCents, 0),
      },
    };
  });
  // The batch's invoices in one statement (each with its own id), born « Brouillon » through the workflow's rule.
  const at = new Date();
  const invoices = await createManyWithStatus(tx, { machine: "INVOICE", status: "DRAFT", actor: input.actor }, () => {
    const d = drafts.map((draft) => draft.invoice);
    return tx.$queryRaw<{ id: string; number: string; familyId: string; totalCents: number }[]>`
      INSERT INTO "Invoice" ("id", "number", "structureId", "year", "sequence", "familyId", "payerName", "payerAddress", "month", "status", "totalCents", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, t.number, ${input.structureId}, ${input.year}, t.sequence, t.family, t.payer, t.address, ${firstOf(input.month)}::date, 'DRAFT', t.total, ${at}::timestamp(3), ${at}::timestamp(3)
      FROM unnest(${d.map((i) => i.number)}::text[], ${d.map((i) => i.sequence)}::int[], ${d.map((i) => i.familyId)}::text[], ${d.map((i) => i.payerName)}::text[],
        ${d.map((i) => i.payerAddress)}::text[], ${d.map((i) => i.totalCents)}::int[]) AS t(number, sequence, family, payer, address, total)
      RETURNING "id", "number", "familyId", "totalCents"`;
  });
  const invoiceOf = new Map(invoices.map((i) => [i.familyId, i.id]));
  const lines = drafts.flatMap((d) => d.lines.map((l) => ({ ...l, invoiceId: invoiceOf.get(d.invoice.familyId)! })));
  // One statement for the month's lines (tens of thousands), each with its own id.
  await tx.$executeRaw`
    INSERT INTO "InvoiceLine" ("id", "invoiceId", "reservationId", "label", "date", "quantity", "unitPriceCents", "totalCents", "billedAbsence", "priceNote")
    SELECT gen_random_uuid()::text, t.invoice, t.reservation, t.label, t.day, t.quantity, t.unit, t.total, t.absence, t.note
    FROM unnest(${lines.map((l) => l.invoiceId)}::text[], ${lines.map((l) => l.reservationId)}::text[], ${lines.map((l) => l.label)}::text[],
      ${lines.map((l) => l.day)}::date[], ${lines.map((l) => l.quantity)}::int[], ${lines.map((l) => l.unitPriceCents)}::int[], ${lines.map((l) => l.totalCents)}::int[],
      ${lines.map((l) => l.billedAbsence)}::boolean[], ${lines.map((l) => l.priceNote)}::text[])
      AS t(invoice, reservation, label, day, quantity, unit, total, absence, note)`;
  // A day split between two foyers has two lines and one move to F.
  const billed = new Map(rows.map((r) => [r.id, { id: r.id, from: r.status }]));
  await applyReservationTransitions(tx, { rows: [...billed.values()], to: "INVOICED", actor: input.actor });
  return invoices.sort((a, b) => a.number.localeCompare(b.number));
}

/**
 * `count` numbers of the structure's year as one block under the counter row's lock (held to the commit): no gap — a
 * rollback gives them back — and no duplicate. Returns the last one.
 */
async function takeInvoiceNumbers(tx: Tx, structureId: string, year: number, count: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "InvoiceCounter" ("structureId", "year", "last") VALUES (${structureId}, ${year}, ${count})
    ON CONFLICT ("structureId", "year") DO UPDATE SET "last" = "InvoiceCounter"."last" + ${count}
    RETURNING "last"`;
  return row!.last;
}

export interface MonthSummary {
  invoices: number;
  totalCents: number;
  numbers: string[];
  /** Families with a validated inscription running in the month, and nothing billed by this run. */
  familiesWithoutLines: number;
}

/**
 * What a background run hands the batches: `inBatch` runs inside each batch's transaction (the run's counters commit
 * with the batch, or not at all); `signal` stops between two batches, leaving what is done committed and the rest to
 * a resumed run; `onStart` learns how much is left to do.
 */
export interface BatchHooks<B> {
  batchSize?: number;
  signal?: AbortSignal;
  onStart?: (left: number) => Promise<void> | void;
  inBatch?: (tx: Tx, batch: B) => Promise<unknown>;
}

export async function generateMonth(
  input: {
    structureId: string;
    month: string;
    actor: Actor;
    now?: Date;
    onProgress?: (done: number, total: number) => Promise<void> | void;
  } & BatchHooks<{ families: number; invoices: { number: string; totalCents: number }[] }>,
): Promise<MonthSummary & { stopped?: true }> {
  if (!isMonth(input.month)) throw new UserFacingError("Mois invalide.");
  if (!(await db.structure.findUnique({ where: { id: input.structureId }, select: { id: true } }))) throw new NotFoundError();
  assertMonthEnded(input.month, input.now ?? new Date());
  await assertOpen(db, input.structureId, input.month);
  const year = Number(parisDay(input.now ?? new Date()).slice(0, 4));
  // The families with something to bill, in one statement (not a row per cell): each day's payer (ADR 051), and the
  // pairs of foyers sharing a split day, which must be billed in the same batch (the day moves to F once, both lines with it).
  const pending = await db.$queryRaw<{ id: string; name: string; partners: string[] }[]>`
    WITH billable AS (
      SELECT r."id" AS "reservationId", pay."payer", pay."share"
      FROM "Reservation" r JOIN "Inscription" i ON i."id" = r."inscriptionId" JOIN "Activity" a ON a."id" = i."activityId" ${payers}
      WHERE ${billableIn(input.structureId, input.month)}
    )
    SELECT f."id", f."name", ARRAY(
      SELECT DISTINCT other."payer" FROM billable mine JOIN billable other
        ON other."reservationId" = mine."reservationId" AND other."payer" <> mine."payer"
      WHERE mine."payer" = f."id" AND mine."share" IS NOT NULL) AS "partners"
    FROM (SELECT DISTINCT "payer" FROM billable) b JOIN "Family" f ON f."id" = b."payer"`;
  const families = pending
    .map((p) => [p.id, p.name] as const)
    .sort((a, b) => a[1].localeCompare(b[1], "fr") || a[0].localeCompare(b[0]))
    .map(([id]) => id);
  const batches = splitIntoBatches(families, new Map(pending.map((p) => [p.id, p.partners])), input.batchSize ?? BILLING_BATCH);
  const summary: MonthSummary = { invoices: 0, totalCents: 0, numbers: [], familiesWithoutLines: 0 };
  await input.onStart?.(families.length);
  await input.onProgress?.(0, families.length);
  let done = 0;
  for (const familyIds of batches) {
    if (input.signal?.aborted) return { ...summary, stopped: true };
    const invoices = await transaction(
      async (tx) => {
        const billed = await billFamilies(tx, { structureId: input.structureId, month: input.month, familyIds, year, actor: input.actor });
        await input.inBatch?.(tx, { families: familyIds.length, invoices: billed });
        return billed;
      },
      { timeout: 120_000 },
    );
    for (const invoice of invoices) {
      summary.invoices += 1;
      summary.totalCents += invoice.totalCents;
      summary.numbers.push(invoice.number);
    }
    done += familyIds.length;
    await input.onProgress?.(done, families.length);
  }
  const billedFamilies = new Set(families);
  const running = await db.inscription.findMany({
    where: {
      status: "VALIDATED",
      activity: { structureId: input.structureId },
      startDate: { lte: dateOf(lastOf(input.month)) },
      endDate: { gte: dateOf(firstOf(input.month)) },
    },
    distinct: ["familyId"],
    select: { familyId: true },
  });
  summary.familiesWithoutLines = running.filter((r) => !billedFamilies.has(r.familyId)).length;
  await db.billingMonth.upsert({
    where: { structureId_month: { structureId: input.structureId, month: dateOf(firstOf(input.month)) } },
    create: { structureId: input.structureId, month: dateOf(firstOf(input.month)), generatedAt: new Date() },
    update: { generatedAt: new Date() },
  });
  return summary;
}

/**
 * The families in batches of about `size`, in their order, a family's split partners (foyers sharing a split child's
 * days, and theirs in turn) pulled into its batch: a split day is billed to both foyers by one transaction.
 */
export function splitIntoBatches(families: string[], partners: Map<string, string[]>, size: number): string[][] {
  const batches: string[][] = [];
  const placed = new Set<string>();
  let batch: string[] = [];
  for (const family of families) {
    if (placed.has(family)) continue;
    const group: string[] = [];
    const queue = [family];
    while (queue.length) {
      const next = queue.shift()!;
      if (placed.has(next)) continue;
      placed.add(next);
      group.push(next);
      for (const p of partners.get(next) ?? []) if (!placed.has(p) && partners.has(p)) queue.push(p);
    }
    if (batch.length > 0 && batch.length + group.length > size) {
      batches.push(batch);
      batch = [];
    }
    batch.push(...group);
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** « Clôturer le mois »: no generation any more; a correction is an avoir. Refused while a DA of the month is undecided. */
export async function lockMonthBilling(input: { structureId: string; month: string; actor: Actor }) {
  if (!isMonth(input.month)) throw new UserFacingError("Mois invalide.");
  assertStructureInScope(actorScope(input.actor), input.structureId);
  await transaction(async (tx) => {
    // After any family's invoice being written for the month (same lock): nothing lands after the close.
    await lockMonth(tx, input.structureId, input.month);
    // A DA left undecided would never be billed once the month is closed: decided first (issue 24).
    const undecided = await countUndecidedCancellations(tx, input.structureId, input.month);
    if (undecided > 0) throw new UserFacingError(undecidedCancellationsMessage(undecided, input.month));
    await tx.billingMonth.upsert({
      where: { structureId_month: { structureId: input.structureId, month: dateOf(firstOf(input.month)) } },
      create: { structureId: input.structureId, month: dateOf(firstOf(input.month)), lockedAt: new Date(), lockedById: input.actor.userId },
      update: { lockedAt: new Date(), lockedById: input.actor.userId },
    });
  });
}

/** Invoices issued per transaction: each with its e-mails (outbox) in the same transaction, so none is sent twice or lost. */
export const ISSUE_BATCH = 50;

/**
 * « Envoyer les factures du mois »: each draft of the month is issued (« à payer », with its due date) and its
 * family e-mailed, in batches of ISSUE_BATCH. A batch works under the month's lock (as generation and closing do:
 * never alongside a batch billing the month) and reads the drafts left under their row locks, so a draft is issued
 * once, with its e-mails, or not at all — a second worker on the month finds it issued. Returns how many were issued.
 */
export async function issueMonth(
  input: { structureId: string; month: string; dueDate: string; actor: Actor } & BatchHooks<{
    issued: { number: string; totalCents: number }[];
  }>,
): Promise<{ issued: number; stopped?: true }> {
  if (!isMonth(input.month)) throw new UserFacingError("Mois invalide.");
  const month = dateOf(firstOf(input.month));
  const batchSize = input.batchSize ?? ISSUE_BATCH;
  await input.onStart?.(await db.invoice.count({ where: { structureId: input.structureId, month, status: "DRAFT" } }));
  let issued = 0;
  for (;;) {
    if (input.signal?.aborted) return { issued, stopped: true };
    const batch = await transaction(
      async (tx) => {
        await lockMonth(tx, input.structureId, input.month);
        const drafts = await lockDraftInvoices(tx, { structureId: input.structureId, month, batchSize });
        for (const invoice of drafts) {
          await applyTransition(tx, { machine: "INVOICE", id: invoice.id, to: "ISSUED", actor: input.actor, expectedFrom: "DRAFT" });
          await tx.invoice.update({ where: { id: invoice.id }, data: { issuedAt: new Date(), dueDate: dateOf(input.dueDate) } });
          // Nothing to pay (free units): sent for the record, settled at once — never « à payer », never blocking.
          if (invoice.totalCents === 0)
            await applyTransition(tx, {
              machine: "INVOICE",
              id: invoice.id,
              to: "PAID",
              actor: input.actor,
              expectedFrom: "ISSUED",
              reason: "Rien à payer",
            });
          for (const { email: to, person } of await familyRecipients(tx, invoice.familyId)) {
            await enqueueEmail(tx, {
              to,
              familyId: invoice.familyId,
              template: "invoice-issued",
              email: invoiceIssuedEmail(
                person,
                { id: invoice.id, number: invoice.number, totalCents: invoice.totalCents },
                input.dueDate,
                input.month,
              ),
            });
          }
        }
        if (drafts.length) await input.inBatch?.(tx, { issued: drafts });
        return drafts.length;
      },
      { timeout: 120_000 },
    );
    if (batch === 0) return { issued };
    issued += batch;
  }
}
