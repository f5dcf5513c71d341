import "server-only";
import { db, type Tx } from "@/lib/db";
import { dateOf, dayOf, firstOf, isMonth, lastOf, parisDay } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import { formatMonth } from "@/lib/format";
import { unitPrice } from "@/lib/reservations/pricing";
import { applyReservationTransitions, applyTransition, createWithStatus, NotFoundError, RESERVATION_STATUSES, statusIn, type Actor } from "@/lib/workflow";
import { enqueueEmail } from "@/lib/email/enqueue";
import { civilityWord, invoiceIssuedEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/recipients";
import { quotientsOf } from "./quotient";

/*
 * « Générer le mois »: one invoice per family of the structure for what is
 * billable in the month and not billed yet — validated bookings, presences,
 * billed absences — a line per child, unit and day, priced with the unit's
 * tariff for the family's quotient in force that day, in integer cents. Each
 * family is one transaction: its invoice, its number, its lines and its
 * reservations marked F all commit together, or none does. Run again, the month
 * bills only what is new (a complementary invoice); a locked month is refused.
 */

export const invoiceNumber = (year: number, sequence: number) => `${year}-${String(sequence).padStart(6, "0")}`;

/** The next number of the structure's year, under the counter row's lock: no gap (a rollback gives it back), no duplicate. */
export async function nextInvoiceNumber(tx: Tx, structureId: string, year: number): Promise<{ year: number; sequence: number; number: string }> {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "InvoiceCounter" ("structureId", "year", "last") VALUES (${structureId}, ${year}, 1)
    ON CONFLICT ("structureId", "year") DO UPDATE SET "last" = "InvoiceCounter"."last" + 1
    RETURNING "last"`;
  return { year, sequence: row!.last, number: invoiceNumber(year, row!.last) };
}

const lockMonth = (tx: Tx, structureId: string, month: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`billing:${structureId}|${month}`}))`;

const billableIn = (structureId: string, month: string, familyId?: string) => ({
  date: { gte: dateOf(firstOf(month)), lte: dateOf(lastOf(month)) },
  status: statusIn(RESERVATION_STATUSES.BILLABLE),
  invoiceLines: { none: {} },
  inscription: { ...(familyId ? { familyId } : {}), activity: { structureId } },
});

async function assertOpen(client: Pick<Tx, "billingMonth">, structureId: string, month: string) {
  const billed = await client.billingMonth.findUnique({ where: { structureId_month: { structureId, month: dateOf(firstOf(month)) } }, select: { lockedAt: true } });
  if (billed?.lockedAt) throw new UserFacingError(`Le mois de ${formatMonth(month)} est clôturé : il ne peut plus être facturé à nouveau. Corrigez une facture par un avoir.`);
}

/** One family's invoice for the month, in its transaction; null when nothing is left to bill (another run did it). */
async function billFamily(tx: Tx, input: { structureId: string; month: string; familyId: string; year: number; actor: Actor }) {
  await lockMonth(tx, input.structureId, input.month);
  await assertOpen(tx, input.structureId, input.month);
  const rows = await tx.reservation.findMany({
    where: billableIn(input.structureId, input.month, input.familyId),
    orderBy: [{ inscription: { child: { firstName: "asc" } } }, { timeUnit: { sortOrder: "asc" } }, { date: "asc" }],
    select: {
      id: true, status: true, date: true,
      timeUnit: { select: { name: true, tariffs: { select: { qfMin: true, qfMax: true, priceCents: true } } } },
      inscription: { select: { child: { select: { firstName: true, lastName: true } }, activity: { select: { name: true } } } },
    },
  });
  if (rows.length === 0) return null;
  const family = await tx.family.findUniqueOrThrow({
    where: { id: input.familyId },
    select: { name: true, street: true, addressComplement: true, postalCode: true, city: true, adults: { where: { isLegalGuardian: true }, orderBy: { createdAt: "asc" }, take: 1, select: { civility: true, firstName: true, lastName: true } } },
  });
  const payer = family.adults[0];
  const quotientOn = await quotientsOf(tx, [input.familyId]);
  const lines = rows.map((r) => {
    const day = dayOf(r.date);
    const price = unitPrice(r.timeUnit.tariffs, quotientOn(input.familyId, day)) ?? 0;
    return {
      reservationId: r.id,
      label: `${r.inscription.child.firstName} ${r.inscription.child.lastName.toUpperCase()} — ${r.timeUnit.name} (${r.inscription.activity.name})`,
      date: r.date, quantity: 1, unitPriceCents: price, totalCents: price,
    };
  });
  const number = await nextInvoiceNumber(tx, input.structureId, input.year);
  const invoice = await createWithStatus(tx, { machine: "INVOICE", status: "DRAFT", actor: input.actor }, () => tx.invoice.create({
    data: {
      number: number.number, structureId: input.structureId, year: number.year, sequence: number.sequence, familyId: input.familyId,
      payerName: payer ? `${civilityWord(payer.civility)} ${payer.firstName} ${payer.lastName.toUpperCase()}` : family.name,
      payerAddress: [family.street, family.addressComplement, `${family.postalCode} ${family.city}`].filter(Boolean).join("\n"),
      month: dateOf(firstOf(input.month)), totalCents: lines.reduce((sum, l) => sum + l.totalCents, 0),
    },
    select: { id: true, number: true, totalCents: true },
  }));
  await tx.invoiceLine.createMany({ data: lines.map((l) => ({ ...l, invoiceId: invoice.id })) });
  await applyReservationTransitions(tx, { rows: rows.map((r) => ({ id: r.id, from: r.status })), to: "INVOICED", actor: input.actor });
  return invoice;
}

export interface MonthSummary {
  invoices: number;
  totalCents: number;
  numbers: string[];
  /** Families with a validated inscription running in the month, and nothing billed by this run. */
  familiesWithoutLines: number;
}

export async function generateMonth(input: { structureId: string; month: string; actor: Actor; now?: Date; onProgress?: (done: number, total: number) => void }): Promise<MonthSummary> {
  if (!isMonth(input.month)) throw new UserFacingError("Mois invalide.");
  if (!(await db.structure.findUnique({ where: { id: input.structureId }, select: { id: true } }))) throw new NotFoundError();
  await assertOpen(db, input.structureId, input.month);
  const year = Number(parisDay(input.now ?? new Date()).slice(0, 4));
  const pending = await db.reservation.findMany({ where: billableIn(input.structureId, input.month), distinct: ["inscriptionId"], select: { inscription: { select: { familyId: true, family: { select: { name: true } } } } } });
  const families = [...new Map(pending.map((p) => [p.inscription.familyId, p.inscription.family.name])).entries()]
    .sort((a, b) => a[1].localeCompare(b[1], "fr") || a[0].localeCompare(b[0]))
    .map(([id]) => id);
  const summary: MonthSummary = { invoices: 0, totalCents: 0, numbers: [], familiesWithoutLines: 0 };
  for (const [index, familyId] of families.entries()) {
    const invoice = await db.$transaction((tx) => billFamily(tx, { structureId: input.structureId, month: input.month, familyId, year, actor: input.actor }), { maxWait: 30_000, timeout: 60_000 });
    if (invoice) {
      summary.invoices += 1;
      summary.totalCents += invoice.totalCents;
      summary.numbers.push(invoice.number);
    }
    input.onProgress?.(index + 1, families.length);
  }
  const billedFamilies = new Set(families);
  const running = await db.inscription.findMany({
    where: { status: "VALIDATED", activity: { structureId: input.structureId }, startDate: { lte: dateOf(lastOf(input.month)) }, endDate: { gte: dateOf(firstOf(input.month)) } },
    distinct: ["familyId"], select: { familyId: true },
  });
  summary.familiesWithoutLines = running.filter((r) => !billedFamilies.has(r.familyId)).length;
  await db.billingMonth.upsert({
    where: { structureId_month: { structureId: input.structureId, month: dateOf(firstOf(input.month)) } },
    create: { structureId: input.structureId, month: dateOf(firstOf(input.month)), generatedAt: new Date() },
    update: { generatedAt: new Date() },
  });
  return summary;
}

/** « Clôturer le mois »: no generation any more; a correction is an avoir. */
export async function lockMonthBilling(input: { structureId: string; month: string; actor: Actor }) {
  if (!isMonth(input.month)) throw new UserFacingError("Mois invalide.");
  await db.$transaction(async (tx) => {
    // After any family's invoice being written for the month (same lock): nothing lands after the close.
    await lockMonth(tx, input.structureId, input.month);
    await tx.billingMonth.upsert({
      where: { structureId_month: { structureId: input.structureId, month: dateOf(firstOf(input.month)) } },
      create: { structureId: input.structureId, month: dateOf(firstOf(input.month)), lockedAt: new Date(), lockedById: input.actor.userId },
      update: { lockedAt: new Date(), lockedById: input.actor.userId },
    });
  });
}

/**
 * « Envoyer les factures du mois »: each draft of the month is issued (« à payer », with its due date) and its
 * family e-mailed, one transaction per invoice. Returns how many were issued.
 */
export async function issueMonth(input: { structureId: string; month: string; dueDate: string; actor: Actor }): Promise<{ issued: number }> {
  if (!isMonth(input.month)) throw new UserFacingError("Mois invalide.");
  const drafts = await db.invoice.findMany({ where: { structureId: input.structureId, month: dateOf(firstOf(input.month)), status: "DRAFT" }, orderBy: { sequence: "asc" }, select: { id: true } });
  let issued = 0;
  for (const { id } of drafts) {
    await db.$transaction(async (tx) => {
      const invoice = await tx.invoice.findUniqueOrThrow({ where: { id }, select: { number: true, totalCents: true, familyId: true, status: true } });
      if (invoice.status !== "DRAFT") return;
      await applyTransition(tx, { machine: "INVOICE", id, to: "ISSUED", actor: input.actor, expectedFrom: "DRAFT" });
      await tx.invoice.update({ where: { id }, data: { issuedAt: new Date(), dueDate: dateOf(input.dueDate) } });
      for (const { email: to, person } of await familyRecipients(tx, invoice.familyId)) {
        await enqueueEmail(tx, { to, familyId: invoice.familyId, template: "invoice-issued", email: invoiceIssuedEmail(person, invoice.number, invoice.totalCents, input.dueDate, formatMonth(input.month)) });
      }
      issued += 1;
    });
  }
  return { issued };
}
