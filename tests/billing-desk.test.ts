import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { createCreditNote } from "@/lib/billing/create-credit-note";
import { recordDeskPayment } from "@/lib/billing/record-desk-payment";
import { resolvePaymentAnomaly } from "@/lib/billing/resolve-payment-anomaly";
import { getFamilyAccount } from "@/lib/billing/get-family-account";
import { getFamilyDashboard } from "@/lib/families/get-family-dashboard";
import { invoicePdf } from "@/lib/billing/render-invoice-pdf";
import { startOnlinePayment } from "@/lib/billing/pay-online";
import { creditNoteSchema, deskPaymentSchema, billingSettingsSchema } from "@/lib/billing/schemas";
import { setBillingSettings } from "@/lib/billing/set-billing-settings";
import { lastBillingRun, runBillingRun, startBillingRun } from "@/lib/billing/run-billing";
import { listPayments } from "@/lib/billing/list-payments";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { NotFoundError } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { transaction } from "@/lib/db";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { BILLED_AT, billedFamily, type BilledFamily } from "./billing-world";

/** Amounts as formatCents writes them (a no-break space before €). */
const nb = (text: string) => text.replace(/ €/g, "\u00a0€");
const TODAY = new Date().toISOString().slice(0, 10);
const pay = (f: BilledFamily, amountCents: number, extra: Partial<Parameters<typeof recordDeskPayment>[0]> = {}) =>
  recordDeskPayment({
    familyId: f.family.id,
    method: "CHEQUE",
    amountCents,
    reference: "1234567",
    receivedOn: TODAY,
    invoiceIds: [],
    actor: f.staff,
    ...extra,
  });
const invoicesOf = (f: BilledFamily) =>
  prisma.invoice.findMany({
    where: { familyId: f.family.id, kind: "INVOICE" },
    orderBy: { number: "asc" },
    select: { status: true, paidCents: true, creditedCents: true },
  });
const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text;

describe("desk payments", () => {
  it("a partial cheque then the rest: allocated oldest invoice first, « Partiellement payée » then « Payée », a receipt each time", async () => {
    const f = await billedFamily("Guichet");
    expect((await getFamilyDashboard(f.family.id, new Date("2027-03-02T09:00:00Z")))!.todo).toContainEqual({
      text: nb("Payez vos factures : 18,00 € à payer (la première avant le 15/03/2027)"),
      href: "/mes-factures",
    });
    expect((await pay(f, 1500)).numbers).toEqual([f.invoices[0]!.number, f.invoices[1]!.number]);
    expect(await invoicesOf(f)).toEqual([
      { status: "PAID", paidCents: 1200, creditedCents: 0 },
      { status: "PARTIALLY_PAID", paidCents: 300, creditedCents: 0 },
    ]);
    await pay(f, 300, { method: "ESPECES", reference: null });
    expect((await invoicesOf(f)).map((i) => i.status)).toEqual(["PAID", "PAID"]);
    const receipts = await prisma.emailOutbox.findMany({
      where: { familyId: f.family.id, template: "payment-received" },
      orderBy: { createdAt: "asc" },
      select: { text: true },
    });
    expect(receipts.map((r) => r.text.match(/paiement .* de [\d,]+ €/)?.[0])).toEqual([
      "paiement par chèque de 15,00 €",
      "paiement en espèces de 3,00 €",
    ]);
    expect((await getFamilyAccount(f.family.id))!.balanceCents).toBe(0);
    expect((await getFamilyDashboard(f.family.id, new Date("2027-03-02T09:00:00Z")))!.todo.map((t) => t.href)).not.toContain(
      "/mes-factures",
    );
  });

  it("only the ticked invoices; more than what is left, a paid invoice, another family's invoice → a clear message, nothing written", async () => {
    const [f, other] = [await billedFamily("Coche"), await billedFamily("Autre")];
    await expectNothingChanged(async () => {
      await expect(pay(f, 700, { invoiceIds: [f.invoices[1]!.id] })).rejects.toThrow(
        nb("Montant : 7,00 € dépasse le reste à payer (6,00 € sur les factures cochées). Rien n'a été enregistré."),
      );
      await expect(pay(f, 1801)).rejects.toThrow(nb("dépasse le reste à payer (18,00 €)"));
      await expect(pay(f, 100, { invoiceIds: [other.invoices[0]!.id] })).rejects.toThrow("n'est plus à payer");
      await expect(pay(f, 0)).rejects.toThrow("supérieur à zéro");
      await expect(pay(f, 100, { receivedOn: "2999-01-01" })).rejects.toThrow("Date de réception : elle ne peut pas être dans le futur.");
    });
    await pay(f, 600, { invoiceIds: [f.invoices[1]!.id] });
    expect((await invoicesOf(f)).map((i) => i.status)).toEqual(["ISSUED", "PAID"]);
    await expect(pay(f, 100, { invoiceIds: [f.invoices[1]!.id] })).rejects.toThrow("n'est plus à payer");
  });

  it("the form's amounts: negative, three decimals, letters, zero, a cheque without its number → the field's French message", () => {
    // Received today (a desk payment is never dated in the future): only the amount or the reference is wrong.
    const today = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris" }).format(new Date());
    const base = { familyId: "f", method: "ESPECES", reference: "", receivedOn: today, invoiceIds: [] };
    const message = (input: object) => deskPaymentSchema.safeParse({ ...base, ...input }).error?.issues.map((i) => i.message);
    expect(message({ amount: "-5" })).toEqual(["Montant : pas de montant négatif."]);
    expect(message({ amount: "12,345" })).toEqual(["Montant : deux chiffres après la virgule au plus (exemple : 12,50)."]);
    expect(message({ amount: "douze" })).toEqual(["Montant : un montant en euros (exemple : 2,50)."]);
    expect(message({ amount: "0" })).toEqual(["Montant : indiquez un montant supérieur à zéro."]);
    expect(message({ amount: "10", method: "CHEQUE" })).toEqual(["Référence : le numéro du chèque est obligatoire."]);
    expect(deskPaymentSchema.parse({ ...base, amount: "1 234,5 €" }).amount).toBe(123450);
    expect(creditNoteSchema.safeParse({ invoiceId: "i", amount: "-1", reason: "x" }).error?.issues[0]?.message).toBe(
      "Montant de l'avoir : pas de montant négatif.",
    );
    expect(billingSettingsSchema.safeParse({ structureId: "s", invoiceDueDays: "0", unpaidBlockDays: "" }).error?.issues[0]?.message).toBe(
      "Délai de paiement : entre 1 et 90 jours.",
    );
    expect(billingSettingsSchema.parse({ structureId: "s", invoiceDueDays: "15", unpaidBlockDays: "" }).unpaidBlockDays).toBeNull();
  });

  it("two agents recording the whole balance at once: one payment is recorded, the other refused — never more than what is due", async () => {
    const f = await billedFamily("Double");
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => pay(f, 1800)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason.message))).toEqual(
      Array(3).fill("Cette famille n'a aucune facture à payer."),
    );
    expect(await prisma.payment.aggregate({ where: { familyId: f.family.id }, _sum: { amountCents: true } })).toEqual({
      _sum: { amountCents: 1800 },
    });
  });

  it("two agents paying the same ticked invoice at once: the second decides on the invoice as the first left it (locked first), and is told it is paid", async () => {
    const f = await billedFamily("Coche");
    const january = f.invoices[0]!;
    const waiting = async () =>
      (
        await prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
      )[0]!.n;
    let both: Promise<PromiseSettledResult<unknown>[]> | undefined;
    // The invoice is held meanwhile, so that both payments are sent before either decides.
    await transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "Invoice" WHERE "id" = ${january.id} FOR UPDATE`;
      both = Promise.allSettled([pay(f, 1200, { invoiceIds: [january.id] }), pay(f, 1200, { invoiceIds: [january.id] })]);
      await expect.poll(waiting).toBe(2);
    });
    const results = await both!;
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason.message))).toEqual([
      "Une des factures cochées n'est plus à payer (réglée ou annulée entre-temps) : rechargez la page.",
    ]);
    expect(await invoicesOf(f)).toEqual([
      { status: "PAID", paidCents: 1200, creditedCents: 0 },
      { status: "ISSUED", paidCents: 0, creditedCents: 0 },
    ]);
    expect(await prisma.paymentAllocation.count({ where: { invoiceId: january.id } })).toBe(1);
  });
});

describe("avoirs", () => {
  it("an avoir takes its number in the sequence, is deducted from what is due, never above what is left of the invoice, and is never payable", async () => {
    const f = await billedFamily("Avoir");
    const [january, february] = f.invoices;
    const note = await createCreditNote({
      invoiceId: january!.id,
      amountCents: 600,
      reason: "Absence justifiée",
      actor: f.staff,
      now: new Date("2027-03-02T09:00:00Z"),
    });
    expect(note.number).toBe("2027-000003");
    expect(
      await prisma.invoice.findUniqueOrThrow({
        where: { id: note.id },
        select: { kind: true, status: true, totalCents: true, creditedInvoiceId: true },
      }),
    ).toEqual({ kind: "CREDIT_NOTE", status: "ISSUED", totalCents: -600, creditedInvoiceId: january!.id });
    expect((await getFamilyAccount(f.family.id))!.toPay.map((i) => i.dueCents)).toEqual([600, 600]);
    await expectNothingChanged(async () => {
      await expect(createCreditNote({ invoiceId: january!.id, amountCents: 601, reason: "Trop", actor: f.staff })).rejects.toThrow(
        nb("Montant de l'avoir : 6,01 € dépasse ce qui reste de la facture n° 2027-000001 (6,00 €). Rien n'a été enregistré."),
      );
      await expect(createCreditNote({ invoiceId: "inexistant", amountCents: 1, reason: "x", actor: f.staff })).rejects.toThrow(
        NotFoundError,
      );
      await expect(startOnlinePayment({ familyId: f.family.id, invoiceIds: [note.id], actor: f.actor })).rejects.toThrow(NotFoundError);
    });
    // The online payment takes what is left: 6 + 6.
    const online = await startOnlinePayment({ familyId: f.family.id, invoiceIds: [january!.id, february!.id], actor: f.actor });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: online.paymentId } })).amountCents).toBe(1200);
    // The rest of January credited: the invoice is settled by the avoir.
    await createCreditNote({ invoiceId: january!.id, amountCents: 600, reason: "Geste commercial", actor: f.staff });
    expect((await invoicesOf(f))[0]).toEqual({ status: "PAID", paidCents: 0, creditedCents: 1200 });
    const email = await prisma.emailOutbox.findFirstOrThrow({
      where: { familyId: f.family.id, template: "credit-note" },
      orderBy: { createdAt: "asc" },
    });
    expect(email.text).toContain(
      "Un avoir n° 2027-000003 de 6,00 € a été établi sur votre facture n° 2027-000001. Motif : Absence justifiée",
    );
  });

  it("an avoir on a paid invoice: the family's balance shows what the structure owes it", async () => {
    const f = await billedFamily("Rembourse");
    await pay(f, 1800);
    await createCreditNote({ invoiceId: f.invoices[1]!.id, amountCents: 250, reason: "Sortie annulée", actor: f.staff });
    expect((await getFamilyAccount(f.family.id))!.balanceCents).toBe(-250);
  });
});

describe("invoice, avoir and quittance PDFs", () => {
  it("the invoice's text has its number, lines, total and due date; the quittance only once paid; another family's → as missing", async () => {
    const [f, other] = [await billedFamily("Pdf"), await billedFamily("Voisin")];
    const january = f.invoices[0]!;
    const invoice = await invoicePdf({ invoiceId: january.id, document: "facture", familyId: f.family.id });
    expect(invoice.fileName).toBe(`facture-${january.number}.pdf`);
    const text = await pdfText(invoice.bytes);
    for (const part of [
      `FACTURE N° ${january.number}`,
      "Période facturée : janvier 2027",
      "06/01/2027",
      "13/01/2027",
      "Pdf PDF — Matin",
      "À payer avant le : 15/03/2027",
      "Reste à payer",
    ])
      expect(text).toContain(part);
    expect(text).toMatch(/Total\s+12,00/);
    await expect(invoicePdf({ invoiceId: january.id, document: "quittance", familyId: f.family.id })).rejects.toThrow(
      "La quittance est délivrée une fois la facture entièrement payée.",
    );
    await expect(invoicePdf({ invoiceId: january.id, document: "facture", familyId: other.family.id })).rejects.toThrow(NotFoundError);
    await pay(f, 1200, { reference: "CHQ 0042" });
    const receipt = await pdfText((await invoicePdf({ invoiceId: january.id, document: "quittance", familyId: f.family.id })).bytes);
    for (const part of [`QUITTANCE — FACTURE N° ${january.number}`, "la somme de 12,00", "Chèque", "CHQ 0042", "Facture acquittée."])
      expect(receipt).toContain(part);
    await expect(invoicePdf({ invoiceId: january.id, document: "quittance", familyId: other.family.id })).rejects.toThrow(NotFoundError);
    // A draft is not the family's to see yet; staff see it.
    const draft = await prisma.invoice.update({ where: { id: f.invoices[1]!.id }, data: { status: "DRAFT" } });
    await expect(invoicePdf({ invoiceId: draft.id, document: "facture", familyId: f.family.id })).rejects.toThrow(NotFoundError);
    expect((await invoicePdf({ invoiceId: draft.id, document: "facture", familyId: null })).bytes.length).toBeGreaterThan(500);
  });
});

describe("payments list and anomalies", () => {
  it("filters by mode and « à vérifier »; an anomaly is treated once, with what was done", async () => {
    const f = await billedFamily("Liste");
    await pay(f, 500);
    await pay(f, 300, { method: "CESU", reference: "titres 12" });
    const flagged = await prisma.payment.create({
      data: {
        familyId: f.family.id,
        method: "STRIPE",
        status: "SUCCEEDED",
        amountCents: 999,
        anomaly: "Montant reçu 9,99 € au lieu de 10,00 €",
        receivedAt: new Date(),
      },
    });
    expect((await listPayments({ familyId: f.family.id, method: "CESU" }, ALL_LIEUX)).payments.map((p) => p.reference)).toEqual([
      "titres 12",
    ]);
    expect((await listPayments({ familyId: f.family.id, toCheck: true }, ALL_LIEUX)).payments.map((p) => p.id)).toEqual([flagged.id]);
    expect((await listPayments({ familyId: f.family.id }, ALL_LIEUX)).receivedCents).toBe(1799);
    await resolvePaymentAnomaly({ paymentId: flagged.id, note: "Remboursé par virement", actor: f.staff });
    expect((await listPayments({ familyId: f.family.id, toCheck: true }, ALL_LIEUX)).payments).toEqual([]);
    await expect(resolvePaymentAnomaly({ paymentId: flagged.id, note: "encore", actor: f.staff })).rejects.toThrow(
      "Cette anomalie a déjà été traitée.",
    );
  });
});

describe("unpaid invoices and new bookings", () => {
  it("with the option on, a family whose invoice is unpaid N days after its due date cannot book (told which invoice and how to pay); paid, it can again", async () => {
    const w = await createBookableWorld(prisma, {
      start: TODAY,
      end: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10),
      weekdays: [1, 2, 3, 4, 5],
      units: [{ name: "Matin", capacity: 20 }],
    });
    const f = await createFamily(prisma, { lastName: "Retard", children: [{ firstName: "Rita", birthDate: "2018-03-02", sex: "F" }] });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    const staff = await staffActor();
    const invoice = await prisma.invoice.create({
      data: {
        number: "2026-900001",
        structureId: w.structure.id,
        year: 2026,
        sequence: 900001,
        familyId: f.family.id,
        payerName: "M. X",
        payerAddress: "",
        month: new Date("2026-10-01"),
        status: "ISSUED",
        totalCents: 4000,
        dueDate: new Date(Date.now() - 20 * 86_400_000),
      },
    });
    const day = (
      await prisma.openingDay.findFirstOrThrow({
        where: { periodId: inscription.periodId, date: { gt: new Date(Date.now() + 3 * 86_400_000) } },
        orderBy: { date: "asc" },
      })
    ).date
      .toISOString()
      .slice(0, 10);
    const book = () =>
      requestReservations({
        familyId: f.family.id,
        cells: [{ inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, day }],
        actor: { userId: f.user.id, kind: "PARENT", label: "PARENT" },
      });
    await setBillingSettings({ structureId: w.structure.id, invoiceDueDays: 15, unpaidBlockDays: 30 }, ALL_LIEUX);
    expect((await book())[0]!.outcome).not.toBe("REFUSED");
    await prisma.reservation.deleteMany({ where: { inscriptionId: inscription.id } });
    await setBillingSettings({ structureId: w.structure.id, invoiceDueDays: 15, unpaidBlockDays: 10 }, ALL_LIEUX);
    await expectNothingChanged(() =>
      expect(book()).rejects.toThrow(
        /Nouvelles réservations impossibles à .* : la facture n° 2026-900001 \(reste 40,00\s€\) est impayée depuis le .*\. Réglez-la dans Mes factures/,
      ),
    );
    await recordDeskPayment({
      familyId: f.family.id,
      method: "ESPECES",
      amountCents: 4000,
      reference: null,
      receivedOn: TODAY,
      invoiceIds: [invoice.id],
      actor: staff,
    });
    expect((await book())[0]!.outcome).not.toBe("REFUSED");
  });
});

describe("« Générer le mois » in the background", () => {
  it("records its progress and its summary; a second run of the same month while one runs is refused", async () => {
    const f = await billedFamily("Progression");
    await prisma.reservation.create({
      data: { inscriptionId: f.inscription.id, timeUnitId: f.w.units[0]!.id, date: new Date("2027-01-20T00:00:00Z"), status: "PRESENT" },
    });
    const run = await startBillingRun({ structureId: f.w.structure.id, month: "2027-01", actor: f.staff, now: BILLED_AT });
    await expect(startBillingRun({ structureId: f.w.structure.id, month: "2027-01", actor: f.staff, now: BILLED_AT })).rejects.toThrow(
      /Une génération de janvier 2027 est déjà en cours/,
    );
    await runBillingRun(run.id, f.staff, { now: new Date("2027-03-01T09:00:00Z") });
    expect(await lastBillingRun(f.w.structure.id, "2027-01")).toMatchObject({
      status: "DONE",
      done: 1,
      total: 1,
      invoices: 1,
      totalCents: 600,
      firstNumber: "2027-000003",
      lastNumber: "2027-000003",
    });
    // Done, the month can be run again (nothing new).
    const again = await startBillingRun({ structureId: f.w.structure.id, month: "2027-01", actor: f.staff, now: BILLED_AT });
    await runBillingRun(again.id, f.staff, { now: BILLED_AT });
    // A month not ended yet is not billed: its days to come can still be cancelled.
    await expect(startBillingRun({ structureId: f.w.structure.id, month: "2027-03", actor: f.staff, now: BILLED_AT })).rejects.toThrow(
      "Le mois de mars 2027 n'est pas terminé : il se facture à partir du 01/04/2027.",
    );
    expect(await lastBillingRun(f.w.structure.id, "2027-01")).toMatchObject({ status: "DONE", invoices: 0 });
  });
});
