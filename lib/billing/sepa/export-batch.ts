import "server-only";
import { randomBytes } from "node:crypto";
import { assertStructureInScope, type StaffScope } from "@/lib/auth/staff-scope";
import { db, transaction, type Tx } from "@/lib/db";
import { addDays, dateOf, dayOf, firstOf, parisDay } from "@/lib/calendar/paris";
import { fieldError, UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { debitPrenotificationEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { isoToFrench } from "@/lib/format";
import { lockDebitExport, lockFamilies, lockInvoices } from "@/lib/locks";
import { actorScope, INVOICE_STATUSES, NotFoundError, statusIn, type Actor } from "@/lib/workflow";
import { dueCents } from "../amounts";
import { pain008 } from "./pain008";
import { CREDITOR_SELECT } from "./settings";

/*
 * « Exporter le fichier de prélèvement » (ADR 053). What is debited for a lieu and a billed month: the issued,
 * unpaid invoices of that month of families with an active mandate of the lieu whose first month is not after it,
 * for what is left to pay on each. Left out, and said so: an invoice already in a pending or collected debit, one
 * whose debit was rejected (the family pays it otherwise: it is not presented again automatically), one with an
 * online payment in progress.
 *
 * The export is ONE transaction: the lieu's export lock first (one file at a time), the families' locks (online
 * payments decide under them), the invoices' row locks; the batch, its debits, the file and the pré-notification
 * e-mails commit together. Two exports at once: the second sees the first's debits and leaves those invoices out.
 */

export interface DebitLine {
  invoiceId: string;
  invoiceNumber: string;
  familyId: string;
  payerName: string;
  amountCents: number;
  mandateId: string;
  rum: string;
  sequence: "FRST" | "RCUR";
  /** Why the invoice is not debited, or null when it is. */
  excluded: string | null;
}

const monthDate = (month: string) => dateOf(firstOf(month));

/** The lieu's SEPA settings, or a clear message of what is missing. */
async function creditorOf(tx: Tx, structureId: string, scope: StaffScope) {
  assertStructureInScope(scope, structureId);
  const s = await tx.structure.findUnique({
    where: { id: structureId },
    select: CREDITOR_SELECT,
  });
  if (!s) throw new NotFoundError();
  return s;
}

/** The debits a month would give (computed again, under the locks, by the export). */
async function debitLines(tx: Tx, structureId: string, month: string): Promise<DebitLine[]> {
  const invoices = await tx.invoice.findMany({
    where: {
      structureId,
      month: monthDate(month),
      kind: "INVOICE",
      status: statusIn(INVOICE_STATUSES.PAYABLE),
      family: { sepaMandates: { some: { structureId, status: "ACTIVE", firstMonth: { lte: monthDate(month) } } } },
    },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      familyId: true,
      payerName: true,
      status: true,
      totalCents: true,
      paidCents: true,
      creditedCents: true,
    },
  });
  if (invoices.length === 0) return [];
  const ids = invoices.map((i) => i.id);
  const familyIds = [...new Set(invoices.map((i) => i.familyId))];
  const [mandates, debits, online] = await Promise.all([
    tx.sepaMandate.findMany({
      where: { structureId, status: "ACTIVE", familyId: { in: familyIds } },
      select: {
        id: true,
        familyId: true,
        rum: true,
        firstCollectedAt: true,
        debits: { where: { status: "PENDING" }, select: { id: true }, take: 1 },
      },
    }),
    tx.directDebit.findMany({ where: { invoiceId: { in: ids } }, select: { invoiceId: true, status: true } }),
    tx.payment.findMany({
      where: { familyId: { in: familyIds }, status: "PENDING", method: { in: ["STRIPE", "PAYFIP"] }, invoiceIds: { hasSome: ids } },
      select: { invoiceIds: true },
    }),
  ]);
  const mandateOf = new Map(mandates.map((m) => [m.familyId, m]));
  const paidOnline = new Set(online.flatMap((p) => p.invoiceIds));
  return invoices.map((i) => {
    const mandate = mandateOf.get(i.familyId)!;
    const status = debits.filter((d) => d.invoiceId === i.id).map((d) => d.status);
    const excluded = status.includes("PENDING")
      ? "déjà dans un lot de prélèvement en attente"
      : status.includes("COLLECTED")
        ? "déjà prélevée"
        : status.includes("REJECTED")
          ? "prélèvement rejeté : à payer autrement"
          : paidOnline.has(i.id)
            ? "paiement en ligne en cours"
            : null;
    // FRST while nothing was collected under the mandate and no debit of it is on its way; RCUR after.
    const sequence = mandate.firstCollectedAt || mandate.debits.length > 0 ? "RCUR" : "FRST";
    return {
      invoiceId: i.id,
      invoiceNumber: i.number,
      familyId: i.familyId,
      payerName: i.payerName,
      amountCents: dueCents(i),
      mandateId: mandate.id,
      rum: mandate.rum,
      sequence,
      excluded,
    };
  });
}

/** The earliest due date allowed: today + the pré-notification delay (calendar days; banks need 1 business day more). */
export const earliestDueDate = (prenotificationDays: number, now = new Date()) => addDays(parisDay(now), prenotificationDays);

/** What « Exporter » would debit now (the staff page's preview). */
export async function previewDebits(input: { structureId: string; month: string; scope: StaffScope; now?: Date }) {
  const lieu = await creditorOf(db, input.structureId, input.scope);
  const lines = await debitLines(db, lieu.id, input.month);
  const kept = lines.filter((l) => !l.excluded);
  return {
    lieu,
    ready: Boolean(lieu.sepaCreditorId && lieu.sepaCreditorName && lieu.sepaCreditorIban && lieu.sepaCreditorBic),
    earliestDueDate: earliestDueDate(lieu.sepaPrenotificationDays, input.now),
    lines,
    count: kept.length,
    totalCents: kept.reduce((sum, l) => sum + l.amountCents, 0),
  };
}

/** A file's MsgId: « PF » + the time + 4 random characters (20 characters: its PmtInfId and InstrId stay under 35). */
const messageIdOf = (now: Date) =>
  `PF${now.toISOString().replace(/\D/g, "").slice(0, 14)}${randomBytes(3).toString("hex").slice(0, 4).toUpperCase()}`;

export async function exportDebitBatch(input: {
  structureId: string;
  month: string;
  /** "YYYY-MM-DD". */
  dueDate: string;
  actor: Actor;
  now?: Date;
}): Promise<{ batchId: string; count: number; totalCents: number; excluded: number }> {
  const now = input.now ?? new Date();
  const scope = actorScope(input.actor);
  return transaction(
    async (tx) => {
      const lieu = await creditorOf(tx, input.structureId, scope);
      const { sepaCreditorId: ics, sepaCreditorName: creditor, sepaCreditorIban: iban, sepaCreditorBic: bic } = lieu;
      if (!ics || !creditor || !iban || !bic)
        throw new UserFacingError(
          "Le prélèvement de ce lieu n'est pas paramétré (ICS, créancier, IBAN, BIC) : complétez ses réglages d'abord.",
        );
      const earliest = earliestDueDate(lieu.sepaPrenotificationDays, now);
      if (input.dueDate < earliest)
        fieldError(
          "dueDate",
          `Date d'échéance : au plus tôt le ${isoToFrench(earliest)} (les familles sont prévenues ${lieu.sepaPrenotificationDays} jours avant).`,
        );
      await lockDebitExport(tx, lieu.id);
      const before = await debitLines(tx, lieu.id, input.month);
      // The families, then their invoices (lib/locks.ts): decided on them as they are now.
      await lockFamilies(
        tx,
        before.map((l) => l.familyId),
      );
      await lockInvoices(
        tx,
        before.map((l) => l.invoiceId),
      );
      const lines = await debitLines(tx, lieu.id, input.month);
      const kept = lines.filter((l) => !l.excluded && l.amountCents > 0);
      if (kept.length === 0)
        throw new UserFacingError(
          lines.length
            ? "Aucune facture à prélever : celles du mois sont déjà dans un lot, prélevées, rejetées ou en cours de paiement en ligne."
            : "Aucune facture à prélever pour ce mois : aucune facture à payer d'une famille ayant un mandat actif.",
        );
      const mandates = await tx.sepaMandate.findMany({
        where: { id: { in: [...new Set(kept.map((l) => l.mandateId))] } },
        select: { id: true, holderName: true, iban: true, bic: true, signedAt: true },
      });
      const mandateOf = new Map(mandates.map((m) => [m.id, m]));
      const messageId = messageIdOf(now);
      const debits = kept.map((l) => ({ ...l, endToEndId: `${l.rum}-${l.invoiceNumber}` }));
      const xml = pain008({
        messageId,
        createdAt: now,
        dueDate: input.dueDate,
        creditor: { id: ics, name: creditor, iban, bic },
        debits: debits.map((d) => {
          const m = mandateOf.get(d.mandateId)!;
          return {
            endToEndId: d.endToEndId,
            amountCents: d.amountCents,
            sequence: d.sequence,
            rum: d.rum,
            mandateSignedOn: parisDay(m.signedAt),
            debtorName: m.holderName,
            iban: m.iban,
            bic: m.bic,
            remittance: `Facture ${d.invoiceNumber} ${creditor}`,
          };
        }),
      });
      const totalCents = debits.reduce((sum, d) => sum + d.amountCents, 0);
      const batch = await tx.directDebitBatch.create({
        data: {
          structureId: lieu.id,
          month: monthDate(input.month),
          dueDate: dateOf(input.dueDate),
          messageId,
          totalCents,
          count: debits.length,
          xml,
          createdById: input.actor.userId,
        },
        select: { id: true },
      });
      await tx.directDebit.createMany({
        data: debits.map((d) => ({
          batchId: batch.id,
          mandateId: d.mandateId,
          familyId: d.familyId,
          invoiceId: d.invoiceId,
          amountCents: d.amountCents,
          sequence: d.sequence,
          endToEndId: d.endToEndId,
          prenotifiedAt: now,
        })),
      });
      // The pré-notification: one e-mail per family (and parent), every debit of the family in it.
      for (const familyId of [...new Set(debits.map((d) => d.familyId))]) {
        const mine = debits.filter((d) => d.familyId === familyId);
        const m = mandateOf.get(mine[0]!.mandateId)!;
        for (const { email: to, person } of await familyRecipients(tx, familyId)) {
          await enqueueEmail(tx, {
            to,
            familyId,
            template: "sepa-prenotification",
            email: debitPrenotificationEmail(
              person,
              mine.map((d) => ({ invoiceNumber: d.invoiceNumber, amountCents: d.amountCents })),
              { dueDate: isoToFrench(input.dueDate), accountEnd: m.iban.slice(-4), rum: mine[0]!.rum, creditorId: ics },
            ),
          });
        }
      }
      return { batchId: batch.id, count: debits.length, totalCents, excluded: lines.length - kept.length };
    },
    { timeout: 120_000 },
  );
}

/** The lieu's batches, newest first, with what became of their debits. */
export async function listBatches(input: { structureId: string; scope: StaffScope }) {
  assertStructureInScope(input.scope, input.structureId);
  const batches = await db.directDebitBatch.findMany({
    where: { structureId: input.structureId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, month: true, dueDate: true, messageId: true, totalCents: true, count: true, createdAt: true },
  });
  const counts = await db.directDebit.groupBy({
    by: ["batchId", "status"],
    where: { batchId: { in: batches.map((b) => b.id) } },
    _count: { _all: true },
    _sum: { amountCents: true },
  });
  return batches.map((b) => {
    const of = (status: string) => counts.find((c) => c.batchId === b.id && c.status === status);
    return {
      ...b,
      month: dayOf(b.month).slice(0, 7),
      dueDate: dayOf(b.dueDate),
      pending: of("PENDING")?._count._all ?? 0,
      collected: of("COLLECTED")?._count._all ?? 0,
      rejected: of("REJECTED")?._count._all ?? 0,
      rejectedCents: of("REJECTED")?._sum.amountCents ?? 0,
    };
  });
}

/** One batch's debits (to record a rejection), scoped to the staff's lieux. */
export async function listBatchDebits(input: { batchId: string; scope: StaffScope }) {
  const batch = await db.directDebitBatch.findUnique({ where: { id: input.batchId }, select: { id: true, structureId: true } });
  if (!batch) throw new NotFoundError();
  assertStructureInScope(input.scope, batch.structureId);
  const debits = await db.directDebit.findMany({
    where: { batchId: batch.id },
    orderBy: { endToEndId: "asc" },
    select: {
      id: true,
      endToEndId: true,
      amountCents: true,
      sequence: true,
      status: true,
      rejectionCode: true,
      rejectionLabel: true,
      invoiceId: true,
      familyId: true,
      mandate: { select: { rum: true, holderName: true } },
    },
  });
  const invoices = await db.invoice.findMany({
    where: { id: { in: debits.map((d) => d.invoiceId) } },
    select: { id: true, number: true, payerName: true },
  });
  const invoiceOf = new Map(invoices.map((i) => [i.id, i]));
  return debits.map((d) => ({
    ...d,
    invoiceNumber: invoiceOf.get(d.invoiceId)?.number ?? "",
    payerName: invoiceOf.get(d.invoiceId)?.payerName ?? "",
  }));
}

/** The batch's XML as it was given to the bank. */
export async function batchFile(input: { batchId: string; scope: StaffScope }) {
  const batch = await db.directDebitBatch.findUnique({
    where: { id: input.batchId },
    select: { structureId: true, messageId: true, xml: true },
  });
  if (!batch) throw new NotFoundError();
  assertStructureInScope(input.scope, batch.structureId);
  return { fileName: `prelevement-${batch.messageId}.xml`, xml: batch.xml };
}
