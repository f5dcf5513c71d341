import "server-only";
import { ALL_LIEUX, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { formatCalendarDate, formatCents, formatDate, formatMonth } from "@/lib/format";
import { NotFoundError, INVOICE_STATUSES, isIn, PAYMENT_STATUSES } from "@/lib/workflow";
import { pdfWriter } from "@/lib/pdf/document";
import { letterheadFor } from "@/lib/pdf/letterhead";
import { dueCents } from "./amounts";
import { PAYMENT_METHOD_LABELS } from "./schemas";

export type InvoiceDocument = "facture" | "quittance";

/**
 * The PDF of an invoice (or an avoir), or the quittance of a paid invoice. `familyId` is the parent's family (the
 * invoice must be theirs and sent, else the same answer as a missing one); null for staff.
 */
export async function invoicePdf(input: {
  invoiceId: string;
  document: InvoiceDocument;
  familyId: string | null;
  /** Staff's lieux (ADR 029): an invoice of another lieu is answered as a missing one. */
  scope?: StaffScope;
  now?: Date;
}): Promise<{ fileName: string; bytes: Uint8Array }> {
  const invoice = await db.invoice.findFirst({
    where: {
      id: input.invoiceId,
      ...(input.familyId ? { familyId: input.familyId, status: { not: "DRAFT" } } : scopeWhere(input.scope ?? ALL_LIEUX).invoice),
    },
    select: {
      number: true,
      kind: true,
      status: true,
      month: true,
      totalCents: true,
      paidCents: true,
      creditedCents: true,
      issuedAt: true,
      dueDate: true,
      payerName: true,
      payerAddress: true,
      creditedInvoice: { select: { number: true } },
      structure: { select: { name: true, street: true, postalCode: true, city: true, phone: true, email: true } },
      lines: {
        orderBy: [{ label: "asc" }, { date: "asc" }],
        select: { label: true, date: true, quantity: true, unitPriceCents: true, totalCents: true, billedAbsence: true, priceNote: true },
      },
      allocations: {
        orderBy: { payment: { receivedAt: "asc" } },
        select: { amountCents: true, payment: { select: { method: true, reference: true, receivedAt: true, status: true } } },
      },
    },
  });
  if (!invoice) throw new NotFoundError();
  const { structure } = invoice;
  const isCreditNote = invoice.kind === "CREDIT_NOTE";
  if (input.document === "quittance" && (isCreditNote || !isIn(INVOICE_STATUSES.SETTLED, invoice.status) || invoice.paidCents === 0)) {
    throw new UserFacingError("La quittance est délivrée une fois la facture entièrement payée.");
  }
  const title =
    input.document === "quittance"
      ? `Quittance — facture n° ${invoice.number}`
      : `${isCreditNote ? "Avoir" : "Facture"} n° ${invoice.number}`;
  const letterhead = await letterheadFor(structure);
  const issuer = letterhead.name;
  const pdf = await pdfWriter({ title, letterhead });
  pdf.aside([invoice.payerName, ...invoice.payerAddress.split("\n")], 290);
  pdf.space(70);
  pdf.line(title.toUpperCase(), { bold: true, size: 17, gap: 26 });
  const month = formatMonth(invoice.month.toISOString().slice(0, 7));
  const cents = formatCents;

  if (input.document === "quittance") {
    const paid = invoice.allocations.filter((a) => isIn(PAYMENT_STATUSES.RECEIVED, a.payment.status));
    // One sentence, wrapped: the structure's name may be long.
    pdf.paragraph(
      `${issuer} reconnaît avoir reçu de ${invoice.payerName} la somme de ${cents(invoice.paidCents)} en règlement de la facture n° ${invoice.number} (${month}), d'un montant de ${cents(invoice.totalCents)}${invoice.creditedCents ? `, dont ${cents(invoice.creditedCents)} déduit par avoir` : ""}.`,
      { size: 11 },
    );
    pdf.space(14);
    pdf.row(
      [
        { text: "Date", x: 0, bold: true },
        { text: "Mode de paiement", x: 90, bold: true },
        { text: "Référence", x: 250, bold: true },
        { text: "Montant", x: 380, width: 103, align: "right", bold: true },
      ],
      { rule: true },
    );
    for (const a of paid) {
      pdf.row([
        { text: a.payment.receivedAt ? formatCalendarDate(a.payment.receivedAt) : "", x: 0 },
        { text: PAYMENT_METHOD_LABELS[a.payment.method], x: 90, width: 150 },
        { text: a.payment.reference ?? "", x: 250, width: 120 },
        { text: cents(a.amountCents), x: 380, width: 103, align: "right" },
      ]);
    }
    pdf.space(20);
    pdf.line("Facture acquittée.", { bold: true, gap: 26 });
    pdf.paragraph(`Fait le ${formatDate(input.now ?? new Date())}, pour ${issuer}.`, { size: 11 });
  } else {
    if (isCreditNote && invoice.creditedInvoice) pdf.line(`Avoir sur la facture n° ${invoice.creditedInvoice.number} (${month}).`);
    else pdf.line(`Période facturée : ${month}`);
    if (invoice.issuedAt) pdf.line(`Date d'émission : ${formatCalendarDate(invoice.issuedAt)}`);
    const due = dueCents(invoice);
    if (!isCreditNote && isIn(INVOICE_STATUSES.SETTLED, invoice.status))
      pdf.line(due === 0 && invoice.paidCents === 0 ? "Facture soldée par avoir." : "Facture acquittée.", { bold: true });
    else if (invoice.dueDate && !isCreditNote) pdf.line(`À payer avant le : ${formatCalendarDate(invoice.dueDate)}`, { bold: true });
    pdf.space(12);
    pdf.row(
      [
        { text: "Date", x: 0, bold: true },
        { text: "Qté", x: 110, bold: true },
        { text: "Détail", x: 150, bold: true },
        { text: "Prix unitaire", x: 300, width: 90, align: "right", bold: true },
        { text: "Montant", x: 400, width: 83, align: "right", bold: true },
      ],
      { rule: true },
    );
    // Grouped readably: a heading per child and unit (wrapped, never cut), then its days.
    let group = "";
    for (const l of invoice.lines) {
      if (l.label !== group) {
        group = l.label;
        pdf.space(4);
        pdf.paragraph(l.label, { bold: true });
      }
      pdf.row([
        { text: l.date ? formatCalendarDate(l.date) : "", x: 0 },
        { text: String(l.quantity), x: 110, width: 35 },
        // A billed absence is said as such: the day was charged though the child did not come.
        { text: l.billedAbsence ? "absence facturée" : "", x: 150, width: 140, bold: l.billedAbsence },
        { text: cents(l.unitPriceCents), x: 300, width: 90, align: "right" },
        { text: cents(l.totalCents), x: 400, width: 83, align: "right" },
      ]);
      // What made the price beyond the QF (ADR 055): « tarif hors commune · réduction fratrie -10 % », wrapped under the day.
      if (l.priceNote) pdf.paragraph(l.priceNote, { x: 150, size: 8 });
    }
    pdf.space(10);
    const totals: [string, number][] = isCreditNote
      ? [["Total de l'avoir", invoice.totalCents]]
      : [
          ["Total", invoice.totalCents],
          ...(invoice.creditedCents ? [["Avoirs déduits", -invoice.creditedCents] as [string, number]] : []),
          ...(invoice.paidCents ? [["Déjà payé", -invoice.paidCents] as [string, number]] : []),
          ["Reste à payer", due],
        ];
    for (const [label, amount] of totals)
      pdf.row([
        { text: label, x: 250, width: 140, bold: true },
        { text: cents(amount), x: 400, width: 83, align: "right", bold: true },
      ]);
    pdf.space(20);
    if (!isCreditNote && due > 0)
      pdf.line("Paiement en ligne dans Mes factures, ou à l'accueil (espèces, chèque, CESU, virement).", { size: 10 });
  }
  const bytes = await pdf.save();
  const fileName = `${input.document === "quittance" ? "quittance" : isCreditNote ? "avoir" : "facture"}-${invoice.number}.pdf`;
  return { fileName, bytes };
}
