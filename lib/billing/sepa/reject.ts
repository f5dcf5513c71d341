import "server-only";
import { assertStructureInScope } from "@/lib/auth/staff-scope";
import { transaction, type Tx } from "@/lib/db";
import { addDays, dateOf, parisDay } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { debitRejectedEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { lockFamilies, lockFamily, lockInvoices } from "@/lib/locks";
import {
  actorScope,
  applyTransition,
  createWithStatus,
  DIRECT_DEBIT_STATUSES,
  INVOICE_STATUSES,
  isIn,
  NotFoundError,
  type Actor,
} from "@/lib/workflow";
import { dueCents } from "../amounts";
import { nextInvoiceNumber } from "../generate-month";
import { isRejectionCode, REJECTION_CODES, type RejectionCode } from "./rejection-codes";

/*
 * A rejected debit (ADR 053), recorded by staff or read from the bank's returns: in one transaction the debit is
 * REJECTED; if it was already collected, its payment is reversed (« Paiement non abouti », its allocation removed,
 * the invoice's paidCents and status put back through the workflow); the invoice is due again; the lieu's
 * rejection fee, if any, becomes a small invoice of its own (one `isFee` line, the next gapless number); the family
 * is told. The same rejection recorded twice changes nothing the second time.
 */

export async function rejectDebit(input: { debitId: string; code: RejectionCode; rejectedOn: string; actor: Actor; now?: Date }) {
  return transaction(async (tx) => rejectIn(tx, input));
}

async function rejectIn(
  tx: Tx,
  input: { debitId: string; code: RejectionCode; rejectedOn: string; actor: Actor; now?: Date },
): Promise<"REJECTED" | "ALREADY"> {
  const found = await tx.directDebit.findUnique({
    where: { id: input.debitId },
    select: { familyId: true, batch: { select: { structureId: true } } },
  });
  if (!found) throw new NotFoundError();
  assertStructureInScope(actorScope(input.actor), found.batch.structureId);
  await lockFamily(tx, found.familyId, { anonymised: "allow" });
  const debit = await tx.directDebit.findUniqueOrThrow({
    where: { id: input.debitId },
    select: { id: true, status: true, invoiceId: true, amountCents: true, paymentId: true, rejectionCode: true },
  });
  if (isIn(DIRECT_DEBIT_STATUSES.REJECTED, debit.status)) return "ALREADY";
  const reason = REJECTION_CODES[input.code];
  const [invoice] = await lockInvoices(tx, [debit.invoiceId]);
  if (!invoice) throw new NotFoundError();
  if (isIn(DIRECT_DEBIT_STATUSES.COLLECTED, debit.status) && debit.paymentId) {
    const why = `Prélèvement rejeté (${input.code} : ${reason})`;
    await applyTransition(tx, {
      machine: "PAYMENT",
      id: debit.paymentId,
      to: "FAILED",
      actor: input.actor,
      expectedFrom: "SUCCEEDED",
      reason: why,
    });
    const allocations = await tx.paymentAllocation.findMany({
      where: { paymentId: debit.paymentId, invoiceId: invoice.id },
      select: { id: true, amountCents: true },
    });
    const reversed = allocations.reduce((sum, a) => sum + a.amountCents, 0);
    await tx.paymentAllocation.deleteMany({ where: { id: { in: allocations.map((a) => a.id) } } });
    const paidCents = invoice.paidCents - reversed;
    await tx.invoice.update({ where: { id: invoice.id }, data: { paidCents } });
    const to = paidCents > 0 ? "PARTIALLY_PAID" : "ISSUED";
    // Paid (or partly) by this debit: « Partiellement payée » if other money stays on it, else « À payer ».
    if (reversed > 0 && to !== invoice.status && isIn(INVOICE_STATUSES.SENT, invoice.status) && dueCents({ ...invoice, paidCents }) > 0)
      await applyTransition(tx, { machine: "INVOICE", id: invoice.id, to, actor: input.actor, expectedFrom: invoice.status, reason: why });
  }
  await tx.directDebit.update({
    where: { id: debit.id },
    data: {
      status: "REJECTED",
      rejectedAt: dateOf(input.rejectedOn),
      rejectionCode: input.code,
      rejectionLabel: reason,
      rejectedById: input.actor.userId,
    },
  });
  const fee = await feeInvoice(tx, { invoiceId: invoice.id, number: invoice.number, actor: input.actor, now: input.now ?? new Date() });
  for (const { email: to, person } of await familyRecipients(tx, found.familyId)) {
    await enqueueEmail(tx, {
      to,
      familyId: found.familyId,
      template: "sepa-rejected",
      email: debitRejectedEmail(person, {
        invoiceNumber: invoice.number,
        amountCents: debit.amountCents,
        reason: `${input.code} — ${reason}`,
        fee,
      }),
    });
  }
  return "REJECTED";
}

/** The lieu's rejection fee as an invoice of its own, issued at once (numbered in the lieu's gapless sequence). */
async function feeInvoice(tx: Tx, input: { invoiceId: string; number: string; actor: Actor; now: Date }) {
  const rejected = await tx.invoice.findUniqueOrThrow({
    where: { id: input.invoiceId },
    select: {
      structureId: true,
      familyId: true,
      payerName: true,
      payerAddress: true,
      structure: { select: { sepaRejectionFeeCents: true, invoiceDueDays: true } },
    },
  });
  const cents = rejected.structure.sepaRejectionFeeCents;
  if (!cents) return null;
  const today = parisDay(input.now);
  const number = await nextInvoiceNumber(tx, rejected.structureId, Number(today.slice(0, 4)));
  const fee = await createWithStatus(tx, { machine: "INVOICE", status: "DRAFT", actor: input.actor }, () =>
    tx.invoice.create({
      data: {
        number: number.number,
        structureId: rejected.structureId,
        year: number.year,
        sequence: number.sequence,
        kind: "INVOICE",
        familyId: rejected.familyId,
        payerName: rejected.payerName,
        payerAddress: rejected.payerAddress,
        month: dateOf(`${today.slice(0, 7)}-01`),
        totalCents: cents,
        lines: {
          create: [
            {
              label: `Frais de rejet du prélèvement de la facture n° ${input.number}`,
              quantity: 1,
              unitPriceCents: cents,
              totalCents: cents,
              isFee: true,
            },
          ],
        },
      },
      select: { id: true, number: true },
    }),
  );
  await applyTransition(tx, { machine: "INVOICE", id: fee.id, to: "ISSUED", actor: input.actor, expectedFrom: "DRAFT" });
  await tx.invoice.update({
    where: { id: fee.id },
    data: { issuedAt: input.now, dueDate: dateOf(addDays(today, rejected.structure.invoiceDueDays)) },
  });
  return { number: fee.number, amountCents: cents };
}

/**
 * The bank's returns pasted or uploaded as CSV lines « EndToEndId;code » (a header line, blank lines and « , » as
 * separator are accepted). All or nothing: an unknown EndToEndId (or one of another lieu) or code names its line and
 * nothing is recorded. Lines already recorded change nothing.
 */
export async function importReturns(input: { structureId: string; lines: string; actor: Actor; now?: Date }) {
  assertStructureInScope(actorScope(input.actor), input.structureId);
  const rows = input.lines
    .split(/\r?\n/)
    .map((line, i) => ({ n: i + 1, cells: line.split(/[;,\t]/).map((c) => c.trim()) }))
    .filter((r) => r.cells.some(Boolean))
    .filter((r, i) => !(i === 0 && /end.?to.?end/i.test(r.cells[0] ?? "")));
  if (rows.length === 0) throw new UserFacingError("Rejets : aucune ligne « EndToEndId;code » à lire.");
  if (rows.length > 1000) throw new UserFacingError("Rejets : 1 000 lignes au plus à la fois.");
  const today = parisDay(input.now ?? new Date());
  return transaction(
    async (tx) => {
      const found: { debitId: string; code: RejectionCode; familyId: string; invoiceId: string }[] = [];
      for (const r of rows) {
        const [endToEndId = "", rawCode = ""] = r.cells;
        const code = rawCode.toUpperCase();
        if (!isRejectionCode(code))
          throw new UserFacingError(
            `Rejets, ligne ${r.n} : motif « ${code.slice(0, 8)} » inconnu (AM04, AC04, MD06…). Rien n'a été enregistré.`,
          );
        const debit = await tx.directDebit.findFirst({
          where: { endToEndId, batch: { structureId: input.structureId } },
          select: { id: true, familyId: true, invoiceId: true },
        });
        if (!debit)
          throw new UserFacingError(
            `Rejets, ligne ${r.n} : aucun prélèvement « ${endToEndId.slice(0, 40)} » dans les lots de ce lieu. Rien n'a été enregistré.`,
          );
        found.push({ debitId: debit.id, code, familyId: debit.familyId, invoiceId: debit.invoiceId });
      }
      // Every family, then every invoice, in the one order (lib/locks.ts), before any is decided on.
      await lockFamilies(
        tx,
        found.map((f) => f.familyId),
      );
      await lockInvoices(
        tx,
        found.map((f) => f.invoiceId),
      );
      let recorded = 0;
      let already = 0;
      for (const f of found) {
        const outcome = await rejectIn(tx, { debitId: f.debitId, code: f.code, rejectedOn: today, actor: input.actor, now: input.now });
        if (outcome === "REJECTED") recorded += 1;
        else already += 1;
      }
      return { recorded, already };
    },
    { timeout: 120_000 },
  );
}
