import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { beforeEach, describe, expect, it, vi } from "vitest";

/** Adversarial tests of billing: who may do what, hostile inputs, races between the desk, avoirs and Stripe. */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as billing from "@/app/admin/facturation/actions";
import * as invoicesActions from "@/app/mes-factures/actions";
import { GET as invoiceDocument } from "@/app/factures/[invoiceId]/[document]/route";
import { GET as exportPayments } from "@/app/admin/paiements/export/route";
import { POST as webhook } from "@/app/api/stripe/webhook/route";
import { stripe, webhookSecret } from "@/lib/billing/stripe";
import { createCreditNote } from "@/lib/billing/create-credit-note";
import { recordDeskPayment } from "@/lib/billing/record-desk-payment";
import { startOnlinePayment } from "@/lib/billing/pay-online";
import { runBillingRun, startBillingRun } from "@/lib/billing/run-billing";
import { generateMonth, issueMonth } from "@/lib/billing/generate-month";
import { setBillingSettings } from "@/lib/billing/set-billing-settings";
import { getFamilyAccount } from "@/lib/billing/get-family-account";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { addDays, dateOf, parisDay } from "@/lib/calendar/paris";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { BILLED_AT, billedFamily, type BilledFamily } from "./billing-world";

const DENIED = { ok: false, error: "Accès refusé." };
const NOT_FOUND = { ok: false, error: "Élément introuvable." };
const TODAY = parisDay(new Date());
const fr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const FR_TODAY = fr(TODAY);

const asUser = (id: string) => {
  session.current = { user: { id } };
};
const asStaff = (f: BilledFamily) => asUser(f.staff.userId!);

const getDoc = (invoiceId: string, document = "facture") =>
  invoiceDocument(new Request(`http://localhost/factures/${encodeURIComponent(invoiceId)}/${encodeURIComponent(document)}`), {
    params: Promise.resolve({ invoiceId, document }),
  });

const invoiceRow = (id: string) =>
  prisma.invoice.findUniqueOrThrow({ where: { id }, select: { status: true, totalCents: true, paidCents: true, creditedCents: true } });

/** Invariants of a family's money: paid never above what is left after avoirs, paid = its allocations, any money not allocated is flagged. */
async function expectMoneyConsistent(familyId: string) {
  const invoices = await prisma.invoice.findMany({
    where: { familyId, kind: "INVOICE" },
    select: {
      id: true,
      number: true,
      totalCents: true,
      paidCents: true,
      creditedCents: true,
      allocations: { select: { amountCents: true, payment: { select: { status: true } } } },
    },
  });
  for (const i of invoices) {
    expect(i.paidCents, `facture ${i.number}`).toBeLessThanOrEqual(i.totalCents - i.creditedCents);
    expect(i.paidCents, `facture ${i.number}`).toBe(i.allocations.reduce((s, a) => s + a.amountCents, 0));
    expect(i.creditedCents).toBeLessThanOrEqual(i.totalCents);
  }
  const payments = await prisma.payment.findMany({
    where: { familyId, status: "SUCCEEDED" },
    select: { amountCents: true, anomaly: true, allocations: { select: { amountCents: true } } },
  });
  for (const p of payments) {
    const allocated = p.allocations.reduce((s, a) => s + a.amountCents, 0);
    expect(allocated).toBeLessThanOrEqual(p.amountCents);
    // Money received and not allocated is never lost: it is flagged to staff.
    if (allocated < p.amountCents) expect(p.anomaly).toBeTruthy();
  }
  return { invoices, payments };
}

let counter = 0;
function deliver(type: string, s: { id: string; paymentId: string; amount: number }) {
  const payload = JSON.stringify({
    id: `evt_adv_${Date.now()}_${counter++}`,
    object: "event",
    type,
    api_version: "2025-01-27",
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: s.id,
        object: "checkout.session",
        client_reference_id: s.paymentId,
        amount_total: s.amount,
        currency: "eur",
        payment_status: "paid",
        payment_intent: `pi_${s.id}`,
        metadata: {},
      },
    },
  });
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
  return webhook(
    new Request("http://localhost/api/stripe/webhook", {
      method: "POST",
      body: payload,
      headers: { "stripe-signature": signature, "content-type": "application/json" },
    }),
  );
}

async function startedOnline(f: BilledFamily, invoiceIds = f.invoices.map((i) => i.id)) {
  const { paymentId } = await startOnlinePayment({ familyId: f.family.id, invoiceIds, actor: f.actor });
  const payment = await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
  return { id: payment.stripeCheckoutSessionId!, paymentId, amount: payment.amountCents };
}

beforeEach(() => {
  session.current = null;
});

describe("a parent on the staff billing actions", () => {
  it("with its own family's ids and another family's → « Accès refusé. » everywhere, even for malformed input; nothing changes", async () => {
    const [a, b] = [await billedFamily("Intrus"), await billedFamily("Cible")];
    const note = await createCreditNote({ invoiceId: b.invoices[0]!.id, amountCents: 100, reason: "Absence", actor: b.staff });
    const flagged = await prisma.payment.create({
      data: {
        familyId: b.family.id,
        method: "STRIPE",
        status: "SUCCEEDED",
        amountCents: 999,
        anomaly: "Montant reçu 9,99 €",
        receivedAt: new Date(),
      },
    });
    asUser(a.user.id);
    await expectNothingChanged(async () => {
      for (const t of [a, b]) {
        const structureId = t.w.structure.id;
        expect(await billing.generateMonthAction({ structureId, month: "2027-01" })).toEqual(DENIED);
        expect(await billing.issueMonthAction({ structureId, month: "2027-02", dueDate: "15/03/2027" })).toEqual(DENIED);
        expect(await billing.lockMonthAction({ structureId, month: "2027-01" })).toEqual(DENIED);
        expect(
          await billing.recordDeskPaymentAction({
            familyId: t.family.id,
            method: "ESPECES",
            amount: "18",
            reference: "",
            receivedOn: FR_TODAY,
            invoiceIds: t.invoices.map((i) => i.id),
          }),
        ).toEqual(DENIED);
        expect(await billing.createCreditNoteAction({ invoiceId: t.invoices[0]!.id, amount: "12", reason: "Je me rembourse" })).toEqual(
          DENIED,
        );
        expect(await billing.billingSettingsAction({ structureId, invoiceDueDays: "90", unpaidBlockDays: "" })).toEqual(DENIED);
      }
      expect(await billing.createCreditNoteAction({ invoiceId: note.id, amount: "1", reason: "x" })).toEqual(DENIED);
      expect(await billing.resolveAnomalyAction({ paymentId: flagged.id, note: "vu" })).toEqual(DENIED);
      // The caller is checked before the input: garbage says the same.
      for (const action of [
        billing.generateMonthAction,
        billing.issueMonthAction,
        billing.lockMonthAction,
        billing.recordDeskPaymentAction,
        billing.createCreditNoteAction,
        billing.resolveAnomalyAction,
        billing.billingSettingsAction,
      ]) {
        expect(await action({})).toEqual(DENIED);
        expect(await action(null)).toEqual(DENIED);
        expect(await action({ __proto__: { structureId: a.w.structure.id } })).toEqual(DENIED);
      }
      expect((await exportPayments(new Request("http://localhost/admin/paiements/export"))).status).toBe(403);
    });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: flagged.id } })).anomalyResolvedAt).toBeNull();
  });
});

describe("invoice / avoir / quittance PDFs through the route", () => {
  it("another family's invoice, avoir and quittance, own drafts, traversal and huge ids → 404; a visitor → 403; staff → 200", async () => {
    const [a, b] = [await billedFamily("Pdfa"), await billedFamily("Pdfb")];
    await recordDeskPayment({
      familyId: b.family.id,
      method: "ESPECES",
      amountCents: 1200,
      reference: null,
      receivedOn: TODAY,
      invoiceIds: [b.invoices[0]!.id],
      actor: b.staff,
    });
    const bNote = await createCreditNote({ invoiceId: b.invoices[1]!.id, amountCents: 100, reason: "Sortie", actor: b.staff });
    const aNote = await createCreditNote({ invoiceId: a.invoices[0]!.id, amountCents: 100, reason: "Sortie", actor: a.staff });
    const aDraft = await prisma.invoice.update({ where: { id: a.invoices[1]!.id }, data: { status: "DRAFT" } });
    const targets = [a.invoices[0]!.id, b.invoices[0]!.id, bNote.id, aNote.id];

    // A visitor: nothing, whatever the id.
    for (const id of targets) for (const doc of ["facture", "quittance"]) expect((await getDoc(id, doc)).status).toBe(403);

    asUser(a.user.id);
    const own = await getDoc(a.invoices[0]!.id);
    expect(own.status).toBe(200);
    const ownNote = await getDoc(aNote.id);
    expect(ownNote.status).toBe(200);
    expect(ownNote.headers.get("content-disposition")).toContain(`avoir-${aNote.number}.pdf`);
    // B's paid invoice has a quittance: A must not learn that (404, not 409 nor 200).
    for (const id of [b.invoices[0]!.id, b.invoices[1]!.id, bNote.id])
      for (const doc of ["facture", "quittance"]) expect((await getDoc(id, doc)).status, `${id}/${doc}`).toBe(404);
    for (const doc of ["facture", "quittance"]) expect((await getDoc(aDraft.id, doc)).status).toBe(404);
    expect((await getDoc(aNote.id, "quittance")).status).toBe(409);
    for (const id of [
      `../${b.invoices[0]!.id}`,
      `${a.invoices[0]!.id}/../../${b.invoices[0]!.id}`,
      "..%2F..%2Fetc%2Fpasswd",
      "' OR '1'='1",
      "%",
      "x".repeat(65),
      "y".repeat(100_000),
      b.invoices[0]!.id.toUpperCase(),
    ]) {
      expect((await getDoc(id)).status, id.slice(0, 80)).toBe(404);
    }
    for (const doc of ["FACTURE", "facture.pdf", "../facture", "avoir", "", "quittance/../facture"])
      expect((await getDoc(a.invoices[0]!.id, doc)).status, doc).toBe(404);

    asStaff(b);
    expect((await getDoc(b.invoices[0]!.id, "quittance")).status).toBe(200);
    expect((await getDoc(aDraft.id)).status).toBe(200);
  });

  it("an id holding a NUL byte is answered as a missing one (404 / « Élément introuvable. »), not as a server error", async () => {
    const a = await billedFamily("Nul");
    asUser(a.user.id);
    const nul = `${a.invoices[0]!.id}\u0000`;
    const response = await getDoc(nul).catch((e: unknown) => e);
    expect.soft(response instanceof Response ? response.status : `threw: ${String(response).slice(0, 120)}`).toBe(404);
    expect.soft(await invoicesActions.payInvoicesAction({ invoiceIds: [nul] })).toEqual(NOT_FOUND);
    asStaff(a);
    expect.soft(await billing.createCreditNoteAction({ invoiceId: nul, amount: "1", reason: "x" })).toEqual(NOT_FOUND);
    expect
      .soft(
        await billing.recordDeskPaymentAction({
          familyId: `${a.family.id}\u0000`,
          method: "ESPECES",
          amount: "1",
          reference: "",
          receivedOn: FR_TODAY,
          invoiceIds: [],
        }),
      )
      .toEqual(NOT_FOUND);
    expect.soft(await billing.resolveAnomalyAction({ paymentId: "\u0000", note: "vu" })).toEqual(NOT_FOUND);
  });
});

describe("desk payments: hostile input", () => {
  it("amounts that are not an amount in euros → the amount field's French message, nothing written", async () => {
    const f = await billedFamily("Montants");
    asStaff(f);
    const base = { familyId: f.family.id, method: "ESPECES", reference: "", receivedOn: FR_TODAY, invoiceIds: [] as string[] };
    const bad: unknown[] = [
      "-5",
      "- 5",
      "-0,01",
      "−5",
      "1e3",
      "1E2",
      "0,001",
      "12,345",
      "  ",
      "",
      "\u00a0",
      "9999999",
      "12 345 678",
      "NaN",
      "Infinity",
      "-Infinity",
      "0x10",
      "+5",
      "5.",
      ".5",
      ",5",
      "１２",
      "٣",
      "0",
      "0,00",
      "000",
      "1,2,3",
      "1.000,00",
      "5€€",
      "€5",
      "5 EUR",
      "1/0",
      "5;DROP TABLE",
      5,
      -5,
      0,
      NaN,
      Infinity,
      null,
      undefined,
      {},
      ["5"],
      true,
    ];
    await expectNothingChanged(async () => {
      for (const amount of bad) {
        const result = await billing.recordDeskPaymentAction({ ...base, amount });
        expect
          .soft(result, JSON.stringify(amount) ?? String(amount))
          .toMatchObject({ ok: false, fieldErrors: { amount: expect.stringMatching(/^Montant : /) } });
      }
      expect(await billing.recordDeskPaymentAction({ ...base, amount: "999999,99" })).toMatchObject({
        ok: false,
        fieldErrors: { amount: expect.stringContaining("dépasse le reste à payer") },
      });
      expect(await billing.recordDeskPaymentAction({ ...base, amount: "18,01" })).toMatchObject({
        ok: false,
        fieldErrors: { amount: expect.stringContaining("dépasse le reste à payer") },
      });
      expect(await billing.recordDeskPaymentAction({ ...base, method: "STRIPE", amount: "5" })).toMatchObject({
        ok: false,
        fieldErrors: { method: "Mode de paiement : choisissez dans la liste." },
      });
      expect(await billing.recordDeskPaymentAction({ ...base, method: "CHEQUE", reference: "   ", amount: "5" })).toMatchObject({
        ok: false,
        fieldErrors: { reference: expect.stringContaining("chèque") },
      });
      expect(await billing.recordDeskPaymentAction({ ...base, reference: "<img src=x>", amount: "5" })).toMatchObject({
        ok: false,
        fieldErrors: { reference: expect.stringContaining("< et >") },
      });
      expect(await billing.recordDeskPaymentAction({ ...base, familyId: "inexistant", amount: "5" })).toEqual(NOT_FOUND);
    });
    // The smallest amount is one cent, taken exactly.
    expect(await billing.recordDeskPaymentAction({ ...base, amount: "0,01" })).toMatchObject({ ok: true });
    expect((await invoiceRow(f.invoices[0]!.id)).paidCents).toBe(1);
    await expectMoneyConsistent(f.family.id);
  });

  it("invoice ids: another family's (alone or mixed), an avoir, a draft, a cancelled one, too many → refused, nothing written; duplicates count once", async () => {
    const [f, other, g] = [await billedFamily("Coche"), await billedFamily("Autre"), await billedFamily("Etats")];
    const note = await createCreditNote({ invoiceId: f.invoices[1]!.id, amountCents: 100, reason: "Sortie", actor: f.staff });
    await prisma.invoice.update({ where: { id: g.invoices[0]!.id }, data: { status: "CANCELLED" } });
    await prisma.invoice.update({ where: { id: g.invoices[1]!.id }, data: { status: "DRAFT" } });
    asStaff(f);
    const pay = (familyId: string, invoiceIds: string[], amount = "1") =>
      billing.recordDeskPaymentAction({ familyId, method: "ESPECES", amount, reference: "", receivedOn: FR_TODAY, invoiceIds });
    const refusedTicked = { ok: false, error: expect.stringContaining("n'est plus à payer") };
    await expectNothingChanged(async () => {
      expect(await pay(f.family.id, [f.invoices[0]!.id, other.invoices[0]!.id])).toMatchObject(refusedTicked);
      expect(await pay(f.family.id, [other.invoices[0]!.id])).toMatchObject(refusedTicked);
      expect(await pay(other.family.id, [f.invoices[0]!.id])).toMatchObject(refusedTicked);
      expect(await pay(f.family.id, [note.id])).toMatchObject(refusedTicked);
      expect(await pay(f.family.id, [f.invoices[0]!.id, note.id])).toMatchObject(refusedTicked);
      expect(await pay(g.family.id, [g.invoices[0]!.id])).toMatchObject(refusedTicked);
      expect(await pay(g.family.id, [g.invoices[1]!.id])).toMatchObject(refusedTicked);
      expect(await pay(g.family.id, [])).toMatchObject({ ok: false, error: "Cette famille n'a aucune facture à payer." });
      expect(await pay(f.family.id, [f.invoices[0]!.id, "inexistant"])).toMatchObject(refusedTicked);
      expect(await pay(f.family.id, [f.invoices[0]!.id, f.invoices[0]!.id], "24")).toMatchObject({
        ok: false,
        fieldErrors: { amount: expect.stringContaining("dépasse le reste à payer") },
      });
      expect(await pay(f.family.id, Array(51).fill(f.invoices[0]!.id))).toMatchObject({
        ok: false,
        fieldErrors: { invoiceIds: "50 factures au plus à la fois." },
      });
      expect(await pay(f.family.id, ["x".repeat(65)])).toMatchObject({ ok: false });
      expect(await pay(f.family.id, "abc" as unknown as string[])).toMatchObject({ ok: false });
    });
    expect(await pay(f.family.id, [f.invoices[0]!.id, f.invoices[0]!.id, f.invoices[0]!.id], "12")).toMatchObject({ ok: true });
    const payment = await prisma.payment.findFirstOrThrow({
      where: { familyId: f.family.id, method: "ESPECES" },
      include: { allocations: true },
    });
    expect(payment.invoiceIds).toEqual([f.invoices[0]!.id]);
    expect(payment.allocations.map((x) => x.amountCents)).toEqual([1200]);
    expect(await invoiceRow(f.invoices[0]!.id)).toMatchObject({ status: "PAID", paidCents: 1200 });
    expect(await invoiceRow(f.invoices[1]!.id)).toMatchObject({ status: "ISSUED", paidCents: 0 });
    expect(await prisma.invoice.findMany({ where: { familyId: other.family.id }, select: { paidCents: true, status: true } })).toEqual([
      { paidCents: 0, status: "ISSUED" },
      { paidCents: 0, status: "ISSUED" },
    ]);
  });

  it("received on: the future, year 0001, impossible days, not a date → the date field's message, nothing written", async () => {
    const f = await billedFamily("Dates");
    asStaff(f);
    const base = { familyId: f.family.id, method: "ESPECES", reference: "", amount: "5", invoiceIds: [] as string[] };
    await expectNothingChanged(async () => {
      for (const receivedOn of [
        "31/12/2999",
        fr(addDays(TODAY, 1)),
        addDays(TODAY, 1),
        "01/01/0001",
        "0001-01-01",
        "01/01/1899",
        "00/01/2027",
        "32/01/2026",
        "29/02/2026",
        "31/04/2026",
        "2026-13-01",
        "aujourd'hui",
        "",
        "   ",
        "01/01/10000",
        "1/1/26",
        null,
        20260101,
      ]) {
        const result = await billing.recordDeskPaymentAction({ ...base, receivedOn });
        expect
          .soft(result, String(receivedOn))
          .toMatchObject({ ok: false, fieldErrors: { receivedOn: expect.stringMatching(/^Date de réception : /) } });
      }
    });
    expect(await billing.recordDeskPaymentAction({ ...base, receivedOn: FR_TODAY })).toMatchObject({ ok: true });
  });
});

describe("avoirs: hostile input and races", () => {
  it("above what is left, on an avoir, on a draft, on a cancelled invoice, bad amounts → refused, nothing written; then exactly what is left", async () => {
    const [f, g] = [await billedFamily("AvoirMal"), await billedFamily("AvoirEtats")];
    const note = await createCreditNote({ invoiceId: f.invoices[0]!.id, amountCents: 100, reason: "Absence", actor: f.staff });
    await prisma.invoice.update({ where: { id: g.invoices[0]!.id }, data: { status: "CANCELLED" } });
    await prisma.invoice.update({ where: { id: g.invoices[1]!.id }, data: { status: "DRAFT" } });
    asStaff(f);
    const credit = (invoiceId: string, amount: unknown, reason: unknown = "Geste") =>
      billing.createCreditNoteAction({ invoiceId, amount, reason });
    const jan = f.invoices[0]!.id;
    await expectNothingChanged(async () => {
      expect(await credit(jan, "12")).toMatchObject({
        ok: false,
        fieldErrors: { amount: expect.stringContaining("dépasse ce qui reste de la facture") },
      });
      expect(await credit(jan, "11,01")).toMatchObject({ ok: false, fieldErrors: { amount: expect.stringContaining("(11,00") } });
      expect(await credit(jan, "999999,99")).toMatchObject({ ok: false, fieldErrors: { amount: expect.stringContaining("dépasse") } });
      expect(await credit(note.id, "0,50")).toEqual(NOT_FOUND);
      expect(await credit(g.invoices[0]!.id, "1")).toMatchObject({ ok: false, error: expect.stringContaining("annulée") });
      expect(await credit(g.invoices[1]!.id, "1")).toMatchObject({ ok: false, error: expect.stringContaining("pas encore envoyée") });
      expect(await credit("inexistant", "1")).toEqual(NOT_FOUND);
      for (const amount of ["0", "-1", "1e3", "0,001", "9999999", "", "NaN", -100, null]) {
        expect
          .soft(await credit(jan, amount), String(amount))
          .toMatchObject({ ok: false, fieldErrors: { amount: expect.stringMatching(/^Montant de l'avoir : /) } });
      }
      expect(await credit(jan, "1", "   ")).toMatchObject({ ok: false, fieldErrors: { reason: "Motif de l'avoir : champ obligatoire." } });
      expect(await credit(jan, "1", "x".repeat(301))).toMatchObject({
        ok: false,
        fieldErrors: { reason: expect.stringContaining("300 caractères") },
      });
    });
    expect(await credit(jan, "11")).toMatchObject({ ok: true });
    expect(await invoiceRow(jan)).toEqual({ status: "PAID", totalCents: 1200, paidCents: 0, creditedCents: 1200 });
    expect(await credit(jan, "0,01")).toMatchObject({ ok: false, fieldErrors: { amount: expect.stringContaining("dépasse") } });
    // A draft is not the family's to see: it does not appear in the account either.
    expect((await getFamilyAccount(g.family.id))!.toPay).toEqual([]);
  });

  it("several agents crediting the same invoice at once for more than its total in sum: the credits never exceed the total, numbers stay gapless", async () => {
    const f = await billedFamily("AvoirCourse");
    const jan = f.invoices[0]!;
    const agents = await Promise.all(Array.from({ length: 6 }, () => staffActor()));
    const first = await Promise.allSettled(
      agents.map((actor) => createCreditNote({ invoiceId: jan.id, amountCents: 800, reason: "Course", actor })),
    );
    expect(first.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const second = await Promise.allSettled(
      agents.map((actor, i) =>
        createCreditNote({ invoiceId: jan.id, amountCents: [300, 300, 150, 150, 50, 400][i]!, reason: "Course", actor }),
      ),
    );
    const notes = await prisma.invoice.findMany({
      where: { creditedInvoiceId: jan.id },
      select: { totalCents: true, sequence: true, year: true },
    });
    const sum = -notes.reduce((s, n) => s + n.totalCents, 0);
    expect(sum).toBeLessThanOrEqual(1200);
    expect((await invoiceRow(jan.id)).creditedCents).toBe(sum);
    expect(notes.length).toBe(1 + second.filter((r) => r.status === "fulfilled").length);
    // Every number of the credit notes' year is taken once, none skipped by the refused ones.
    const year = notes[0]!.year;
    const all = (
      await prisma.invoice.findMany({
        where: { structureId: f.w.structure.id, year },
        select: { sequence: true },
        orderBy: { sequence: "asc" },
      })
    ).map((i) => i.sequence);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    await expectMoneyConsistent(f.family.id);
  });
});

describe("the desk and the online payment for the same invoices", () => {
  it("a desk payment racing the webhook's fulfilment: never more paid than due; the excess is flagged, never lost", async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (const [round, delay] of [0, 0, 5, 10, 20, 40].entries()) {
      const f = await billedFamily(`Course${round}`);
      const online = await startedOnline(f);
      const desk = () =>
        recordDeskPayment({
          familyId: f.family.id,
          method: "CHEQUE",
          amountCents: 1800,
          reference: "CHQ 1",
          receivedOn: TODAY,
          invoiceIds: f.invoices.map((i) => i.id),
          actor: f.staff,
        });
      const tasks: Promise<unknown>[] =
        round % 2
          ? [desk(), deliver("checkout.session.completed", online)]
          : [deliver("checkout.session.completed", online), sleep(delay).then(desk)];
      const results = await Promise.allSettled(tasks);
      for (const r of results)
        if (r.status === "rejected")
          expect(String((r.reason as Error).message)).toMatch(
            /^(Cette famille n'a aucune facture à payer\.|Une des factures cochées n'est plus à payer)/,
          );
      const hook = results.find((r) => r.status === "fulfilled" && r.value instanceof Response) as
        PromiseFulfilledResult<Response> | undefined;
      expect(hook?.value.status).toBe(200);
      const { invoices, payments } = await expectMoneyConsistent(f.family.id);
      expect(invoices.map((i) => i.paidCents)).toEqual([1200, 600]);
      const received = payments.reduce((s, p) => s + p.amountCents, 0);
      const allocated = payments.reduce((s, p) => s + p.allocations.reduce((t, a) => t + a.amountCents, 0), 0);
      expect(allocated).toBe(1800);
      // Both recorded: the second is a flagged overpayment of the whole amount.
      if (received > 1800)
        expect(payments.filter((p) => p.anomaly).map((p) => p.anomaly)).toEqual([expect.stringContaining("Trop-perçu de 18,00")]);
    }
  });

  it("part paid at the desk, then the whole online payment arrives: the rest allocated, the excess flagged; an avoir meanwhile: flagged too", async () => {
    const f = await billedFamily("Partiel");
    const online = await startedOnline(f);
    await recordDeskPayment({
      familyId: f.family.id,
      method: "ESPECES",
      amountCents: 500,
      reference: null,
      receivedOn: TODAY,
      invoiceIds: [],
      actor: f.staff,
    });
    expect((await deliver("checkout.session.completed", online)).status).toBe(200);
    const { invoices } = await expectMoneyConsistent(f.family.id);
    expect(invoices.map((i) => i.paidCents).sort()).toEqual([1200, 600].sort());
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: online.paymentId } })).anomaly).toContain("Trop-perçu de 5,00");
    // The family's receipt says so, and how much: never an ordinary receipt for money that will be given back.
    const receipts = await prisma.emailOutbox.findMany({
      where: { familyId: f.family.id, template: "payment-received" },
      orderBy: { createdAt: "asc" },
      select: { subject: true, text: true },
    });
    expect(receipts).toHaveLength(2);
    expect(receipts[1]!.subject).toBe("Paiement reçu : trop-perçu à rembourser");
    expect(receipts[1]!.text).toContain("Nous avons bien reçu votre paiement en ligne de 18,00 € : 13,00 € sont affectés aux factures n°");
    expect(receipts[1]!.text).toContain("ce trop-perçu de 5,00 € vous sera remboursé ou déduit de votre prochaine facture");
    expect(receipts[0]!.subject).toBe("Paiement reçu");

    const g = await billedFamily("AvoirEntre");
    const other = await startedOnline(g);
    await createCreditNote({ invoiceId: g.invoices[0]!.id, amountCents: 1200, reason: "Annulation", actor: g.staff });
    expect((await deliver("checkout.session.completed", other)).status).toBe(200);
    await expectMoneyConsistent(g.family.id);
    expect(await invoiceRow(g.invoices[0]!.id)).toMatchObject({ paidCents: 0, creditedCents: 1200, status: "PAID" });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: other.paymentId } })).anomaly).toContain("Trop-perçu de 12,00");
    expect(
      (
        await prisma.emailOutbox.findFirstOrThrow({
          where: { familyId: g.family.id, template: "payment-received" },
          select: { text: true },
        })
      ).text,
    ).toContain("ce trop-perçu de 12,00 € vous sera remboursé ou déduit");
  });
});

describe("« Payer mes factures » with ids that are not payable", () => {
  it("an avoir, a paid, a cancelled, a draft invoice, another family's → the same answer as a missing one; duplicates count once", async () => {
    const [a, b] = [await billedFamily("Payeuse"), await billedFamily("Voisine")];
    await recordDeskPayment({
      familyId: a.family.id,
      method: "ESPECES",
      amountCents: 1200,
      reference: null,
      receivedOn: TODAY,
      invoiceIds: [a.invoices[0]!.id],
      actor: a.staff,
    });
    const note = await createCreditNote({ invoiceId: a.invoices[1]!.id, amountCents: 100, reason: "Sortie", actor: a.staff });
    const extra = (sequence: number, status: "DRAFT" | "CANCELLED") =>
      prisma.invoice.create({
        data: {
          number: `2027-9${sequence}`,
          structureId: a.w.structure.id,
          year: 2027,
          sequence: 900000 + sequence,
          familyId: a.family.id,
          payerName: "M. X",
          payerAddress: "",
          month: new Date("2027-03-01"),
          status,
          totalCents: 4000,
          dueDate: new Date("2027-04-15"),
        },
      });
    const [draft, cancelled] = [await extra(1, "DRAFT"), await extra(2, "CANCELLED")];
    const feb = a.invoices[1]!.id;
    asUser(a.user.id);
    await expectNothingChanged(async () => {
      for (const ids of [
        [note.id],
        [a.invoices[0]!.id],
        [draft.id],
        [cancelled.id],
        [b.invoices[0]!.id],
        ["inexistant"],
        [feb, b.invoices[0]!.id],
        [feb, note.id],
        [feb, a.invoices[0]!.id],
        [feb, draft.id],
      ]) {
        expect.soft(await invoicesActions.payInvoicesAction({ invoiceIds: ids }), ids.join(",")).toEqual(NOT_FOUND);
      }
      expect(await invoicesActions.payInvoicesAction({ invoiceIds: Array(51).fill(feb) })).toMatchObject({
        ok: false,
        fieldErrors: { invoiceIds: "50 factures au plus à la fois." },
      });
      expect(await invoicesActions.payInvoicesAction({ invoiceIds: feb })).toMatchObject({ ok: false });
    });
  });

  it("the family never chooses the amount nor the family: extra fields are ignored, duplicates are paid once", async () => {
    const [a, b] = [await billedFamily("Champs"), await billedFamily("Autrui")];
    asUser(a.user.id);
    const feb = a.invoices[1]!.id;
    expect(await invoicesActions.payInvoicesAction({ invoiceIds: [feb, feb, feb], familyId: b.family.id, amountCents: 1 })).toMatchObject({
      ok: true,
    });
    const payment = await prisma.payment.findFirstOrThrow({
      where: { method: "STRIPE", OR: [{ familyId: a.family.id }, { familyId: b.family.id }] },
    });
    expect(payment).toMatchObject({ familyId: a.family.id, amountCents: 600, invoiceIds: [feb] });
  });
});

describe("billing settings", () => {
  it("bad values → each field's French message, nothing written; good ones stored", async () => {
    const f = await billedFamily("Reglages");
    asStaff(f);
    const structureId = f.w.structure.id;
    const set = (invoiceDueDays: unknown, unpaidBlockDays: unknown = "") =>
      billing.billingSettingsAction({ structureId, invoiceDueDays, unpaidBlockDays });
    const BLOCK = "Blocage des réservations : un nombre entier de jours entre 0 et 365, ou vide pour ne jamais bloquer.";
    await expectNothingChanged(async () => {
      for (const v of ["-1", "abc", "1000", "", "   ", "0", "91", "1,5", "1e1", "15 jours", "0x0F", undefined, null, 15]) {
        expect
          .soft(await set(v), String(v))
          .toMatchObject({ ok: false, fieldErrors: { invoiceDueDays: expect.stringMatching(/^Délai de paiement : /) } });
      }
      for (const v of ["-1", "abc", "1000", "366", "1,5", "1e2", "dix"]) {
        expect
          .soft(await set("15", v), String(v))
          .toMatchObject({ ok: false, fieldErrors: { unpaidBlockDays: expect.stringMatching(/^Blocage des réservations : /) } });
      }
      // Not a string (a crafted call, never the form): refused (zod's own French message).
      for (const v of [10, true, {}])
        expect.soft(await set("15", v), String(v)).toMatchObject({ ok: false, fieldErrors: { unpaidBlockDays: expect.any(String) } });
      expect(await set("15", "-1")).toMatchObject({ fieldErrors: { unpaidBlockDays: BLOCK } });
      expect(await billing.billingSettingsAction({ structureId: "inexistante", invoiceDueDays: "15", unpaidBlockDays: "" })).toEqual(
        NOT_FOUND,
      );
    });
    expect(await set(" 90 ", " 0 ")).toMatchObject({ ok: true });
    expect(
      await prisma.structure.findUniqueOrThrow({ where: { id: structureId }, select: { invoiceDueDays: true, unpaidBlockDays: true } }),
    ).toEqual({ invoiceDueDays: 90, unpaidBlockDays: 0 });
    expect(await set("1", "")).toMatchObject({ ok: true });
    expect(
      await prisma.structure.findUniqueOrThrow({ where: { id: structureId }, select: { invoiceDueDays: true, unpaidBlockDays: true } }),
    ).toEqual({ invoiceDueDays: 1, unpaidBlockDays: null });
  });

  it("the message says what is wrong: empty → « champ obligatoire », an integer out of range → « entre 1 et 90 jours »", async () => {
    const f = await billedFamily("Messages");
    asStaff(f);
    const message = async (invoiceDueDays: string) => {
      const result = await billing.billingSettingsAction({ structureId: f.w.structure.id, invoiceDueDays, unpaidBlockDays: "" });
      return result.ok ? "accepté" : result.fieldErrors?.invoiceDueDays;
    };
    expect.soft(await message("")).toBe("Délai de paiement : champ obligatoire.");
    expect.soft(await message("1000")).toBe("Délai de paiement : entre 1 et 90 jours.");
    expect.soft(await message("0")).toBe("Délai de paiement : entre 1 et 90 jours.");
    expect.soft(await message("-1")).toBe("Délai de paiement : un nombre entier de jours.");
  });
});

describe("« Générer le mois » started twice at once", () => {
  it("six starts at once → exactly one run; two workers on that run → the month billed once", async () => {
    const f = await billedFamily("DeuxRuns");
    await prisma.reservation.create({
      data: { inscriptionId: f.inscription.id, timeUnitId: f.w.units[0]!.id, date: new Date("2027-01-20T00:00:00Z"), status: "PRESENT" },
    });
    const before = await prisma.invoice.count({ where: { familyId: f.family.id } });
    const starts = await Promise.allSettled(
      Array.from({ length: 6 }, () => startBillingRun({ structureId: f.w.structure.id, month: "2027-01", actor: f.staff, now: BILLED_AT })),
    );
    const ok = starts.filter((r): r is PromiseFulfilledResult<{ id: string }> => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of starts) if (r.status === "rejected") expect(String((r.reason as Error).message)).toMatch(/déjà en cours/);
    expect(await prisma.billingRun.count({ where: { structureId: f.w.structure.id } })).toBe(1);
    await Promise.all([
      runBillingRun(ok[0]!.value.id, f.staff, { now: BILLED_AT }),
      runBillingRun(ok[0]!.value.id, f.staff, { now: BILLED_AT }),
    ]);
    expect(await prisma.invoice.count({ where: { familyId: f.family.id } })).toBe(before + 1);
    expect(
      await prisma.invoiceLine.count({
        where: { reservation: { inscriptionId: f.inscription.id, date: new Date("2027-01-20T00:00:00Z") } },
      }),
    ).toBe(1);
    expect(await prisma.billingRun.findUniqueOrThrow({ where: { id: ok[0]!.value.id }, select: { status: true } })).toEqual({
      status: "DONE",
    });
    // A closed month cannot be started again.
    await prisma.billingMonth.update({
      where: { structureId_month: { structureId: f.w.structure.id, month: new Date("2027-01-01T00:00:00Z") } },
      data: { lockedAt: new Date() },
    });
    await expect(startBillingRun({ structureId: f.w.structure.id, month: "2027-01", actor: f.staff, now: BILLED_AT })).rejects.toThrow(
      /clôturé/,
    );
  });
});

describe("the unpaid-invoice booking block", () => {
  async function world(prices?: number[]) {
    const start = addDays(TODAY, -45);
    return createBookableWorld(prisma, {
      start,
      end: addDays(TODAY, 40),
      weekdays: [0, 1, 2, 3, 4, 5, 6],
      units: [{ name: "Matin", capacity: 20, ...(prices ? { prices } : {}) }],
    });
  }
  const futureDay = addDays(TODAY, 7);

  it("a late invoice at structure A blocks A only: the family still books at B (option off, or on with nothing late)", async () => {
    const [a, b] = [await world(), await world()];
    const f = await createFamily(prisma, { lastName: "Deux", children: [{ firstName: "Dina", birthDate: "2018-03-02", sex: "F" }] });
    const [ia, ib] = [await inscribe(prisma, a, f.family, f.children[0]!.id), await inscribe(prisma, b, f.family, f.children[0]!.id)];
    await prisma.invoice.create({
      data: {
        number: "2026-900001",
        structureId: a.structure.id,
        year: 2026,
        sequence: 900001,
        familyId: f.family.id,
        payerName: "M. X",
        payerAddress: "",
        month: new Date("2026-10-01"),
        status: "ISSUED",
        totalCents: 4000,
        dueDate: dateOf(addDays(TODAY, -20)),
      },
    });
    await setBillingSettings({ structureId: a.structure.id, invoiceDueDays: 15, unpaidBlockDays: 0 }, ALL_LIEUX);
    const actor = { userId: f.user.id, kind: "PARENT" as const, label: "PARENT" as const };
    const book = (w: typeof a, i: typeof ia, day = futureDay) =>
      requestReservations({ familyId: f.family.id, cells: [{ inscriptionId: i.id, timeUnitId: w.units[0]!.id, day }], actor });
    await expect(book(a, ia)).rejects.toThrow(/Nouvelles réservations impossibles à .*2026-900001/);
    expect((await book(b, ib))[0]!.outcome).not.toBe("REFUSED");
    await setBillingSettings({ structureId: b.structure.id, invoiceDueDays: 15, unpaidBlockDays: 0 }, ALL_LIEUX);
    expect((await book(b, ib, addDays(futureDay, 1)))[0]!.outcome).not.toBe("REFUSED");
    expect(await prisma.reservation.count({ where: { inscriptionId: ib.id } })).toBe(2);
    expect(await prisma.reservation.count({ where: { inscriptionId: ia.id } })).toBe(0);
  });

  it("one send with cells at A (late invoice, option on) and at B (option off): B's cells are not refused because of A", async () => {
    const [a, b] = [await world(), await world()];
    const f = await createFamily(prisma, { lastName: "Mixte", children: [{ firstName: "Mia", birthDate: "2018-03-02", sex: "F" }] });
    const [ia, ib] = [await inscribe(prisma, a, f.family, f.children[0]!.id), await inscribe(prisma, b, f.family, f.children[0]!.id)];
    await prisma.invoice.create({
      data: {
        number: "2026-900002",
        structureId: a.structure.id,
        year: 2026,
        sequence: 900002,
        familyId: f.family.id,
        payerName: "M. X",
        payerAddress: "",
        month: new Date("2026-10-01"),
        status: "ISSUED",
        totalCents: 4000,
        dueDate: dateOf(addDays(TODAY, -20)),
      },
    });
    await setBillingSettings({ structureId: a.structure.id, invoiceDueDays: 15, unpaidBlockDays: 0 }, ALL_LIEUX);
    const result = await requestReservations({
      familyId: f.family.id,
      actor: { userId: f.user.id, kind: "PARENT", label: "PARENT" },
      cells: [
        { inscriptionId: ia.id, timeUnitId: a.units[0]!.id, day: futureDay },
        { inscriptionId: ib.id, timeUnitId: b.units[0]!.id, day: futureDay },
      ],
    }).then(
      (r) => r.map((c) => `${c.inscriptionId === ia.id ? "A" : "B"}:${c.outcome}`).sort(),
      (e: Error) => `threw: ${e.message}`,
    );
    expect(result).toEqual(["A:REFUSED", "B:REQUESTED"]);
  });

  it("an issued invoice with nothing to pay (a free activity, 0,00 €) never blocks the family", async () => {
    const w = await world([0, 0, 0, 0]);
    const f = await createFamily(prisma, { lastName: "Gratuit", children: [{ firstName: "Gaby", birthDate: "2018-03-02", sex: "F" }] });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    // A day of last month (an ended month is billed), whatever today is.
    const pastDay = addDays(`${TODAY.slice(0, 7)}-01`, -10);
    await prisma.reservation.create({
      data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: dateOf(pastDay), status: "PRESENT" },
    });
    const staff = await staffActor();
    await generateMonth({ structureId: w.structure.id, month: pastDay.slice(0, 7), actor: staff });
    await issueMonth({ structureId: w.structure.id, month: pastDay.slice(0, 7), dueDate: addDays(TODAY, -20), actor: staff });
    const invoice = await prisma.invoice.findFirstOrThrow({ where: { familyId: f.family.id } });
    expect(invoice.totalCents).toBe(0);
    await setBillingSettings({ structureId: w.structure.id, invoiceDueDays: 15, unpaidBlockDays: 0 }, ALL_LIEUX);
    const book = () =>
      requestReservations({
        familyId: f.family.id,
        cells: [{ inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, day: futureDay }],
        actor: { userId: f.user.id, kind: "PARENT", label: "PARENT" },
      });
    const outcome = await book().then(
      (r) => r[0]!.outcome,
      (e: Error) => `threw: ${e.message}`,
    );
    expect.soft(outcome).not.toMatch(/threw/);
    // Nothing the family or the desk can do about it.
    await expect(
      startOnlinePayment({
        familyId: f.family.id,
        invoiceIds: [invoice.id],
        actor: { userId: f.user.id, kind: "PARENT", label: "PARENT" as const },
      }),
    ).rejects.toThrow();
    await expect(
      recordDeskPayment({
        familyId: f.family.id,
        method: "ESPECES",
        amountCents: 1,
        reference: null,
        receivedOn: TODAY,
        invoiceIds: [],
        actor: staff,
      }),
    ).rejects.toThrow("Cette famille n'a aucune facture à payer.");
    expect.soft((await prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("PAID");
    // And it is not « à payer » for ever (the family could not pay it: « déjà réglées », the desk « aucune facture à payer »).
    expect.soft((await getFamilyAccount(f.family.id))!.toPay.map((i) => i.number)).toEqual([]);
  });
});

describe("the treasury's CSV with odd filters", () => {
  it("impossible dates, unknown mode and state, very long values → 200, a CSV, no crash", async () => {
    const f = await billedFamily("Export");
    asStaff(f);
    for (const query of [
      "du=99/99/9999&au=abc",
      "du=01/01/0001",
      "mode=%3Cscript%3E&etat=PAS",
      `mode=${"X".repeat(5000)}`,
      "etat=averifier&du=31/02/2027",
      "du=01/12/2026&au=01/01/2026",
    ]) {
      const response = await exportPayments(new Request(`http://localhost/admin/paiements/export?${query}`));
      expect(response.status, query.slice(0, 50)).toBe(200);
      expect(await response.text()).toContain("Date;N° de paiement;Famille;Mode");
    }
  });
});
