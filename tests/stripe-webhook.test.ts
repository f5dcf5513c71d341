import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { startOnlinePayment } from "@/lib/billing/pay-online";
import type Stripe from "stripe";
import { stripe, webhookSecret } from "@/lib/billing/stripe";
import { confirmCheckoutReturn } from "@/lib/billing/handle-stripe-webhook";
import { listPayments } from "@/lib/billing/list-payments";
import { recordDeskPayment } from "@/lib/billing/record-desk-payment";
import { completeStandInSession, decideStandInCheckout } from "@/lib/billing/stand-in-checkout";
import { NotFoundError } from "@/lib/workflow";
import { expectNothingChanged, prisma } from "./helpers";
import { billedFamily, type BilledFamily } from "./billing-world";

let counter = 0;
function deliver(
  type: string,
  session: { id: string; paymentId: string; amount: number; paid?: boolean; currency?: string },
  options: { eventId?: string; secret?: string } = {},
) {
  const payload = JSON.stringify({
    id: options.eventId ?? `evt_test_${Date.now()}_${counter++}`,
    object: "event",
    type,
    api_version: "2025-01-27",
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: session.id,
        object: "checkout.session",
        client_reference_id: session.paymentId,
        amount_total: session.amount,
        currency: session.currency ?? "eur",
        payment_status: session.paid === false ? "unpaid" : "paid",
        payment_intent: `pi_${session.id}`,
        metadata: {},
      },
    },
  });
  return post(payload, options.secret);
}

/** A body posted with a valid signature of its own (or of `secret`). */
function post(payload: string, secret = webhookSecret) {
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
  return POST(
    new Request("http://localhost/api/stripe/webhook", {
      method: "POST",
      body: payload,
      headers: { "stripe-signature": signature, "content-type": "application/json" },
    }),
  );
}

async function started(f: BilledFamily) {
  const { paymentId } = await startOnlinePayment({ familyId: f.family.id, invoiceIds: f.invoices.map((i) => i.id), actor: f.actor });
  const payment = await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
  return { id: payment.stripeCheckoutSessionId!, paymentId, amount: payment.amountCents };
}

const state = async (f: BilledFamily) => ({
  payments: await prisma.payment.findMany({ where: { familyId: f.family.id }, select: { status: true, amountCents: true, anomaly: true } }),
  invoices: await prisma.invoice.findMany({
    where: { familyId: f.family.id },
    orderBy: { number: "asc" },
    select: { status: true, paidCents: true },
  }),
  allocations: await prisma.paymentAllocation.count({ where: { payment: { familyId: f.family.id } } }),
  receipts: await prisma.emailOutbox.count({ where: { familyId: f.family.id, template: "payment-received" } }),
});

describe("Stripe webhook and fulfilment", () => {
  it("the amount comes from the database; the same event 5 times, then 5 deliveries at once → one payment, invoices paid once, one receipt", async () => {
    const f = await billedFamily();
    expect(f.invoices.map((i) => [i.status, i.totalCents])).toEqual([
      ["ISSUED", 1200],
      ["ISSUED", 600],
    ]);
    const session = await started(f);
    expect(session.amount).toBe(1800);
    const eventId = `evt_same_${Date.now()}`;
    for (let i = 0; i < 5; i++) expect((await deliver("checkout.session.completed", session, { eventId })).status).toBe(200);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => deliver("checkout.session.completed", session)));
    expect(concurrent.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await state(f)).toEqual({
      payments: [{ status: "SUCCEEDED", amountCents: 1800, anomaly: null }],
      invoices: [
        { status: "PAID", paidCents: 1200 },
        { status: "PAID", paidCents: 600 },
      ],
      allocations: 2,
      receipts: 1,
    });
    // Expired after completed: still paid.
    await deliver("checkout.session.expired", session);
    expect((await state(f)).payments[0]!.status).toBe("SUCCEEDED");
    expect(await prisma.stripeEvent.count({ where: { id: eventId } })).toBe(1);
  });

  it("out of order (expired, then completed) still records the money; an abandoned checkout leaves the invoices unpaid", async () => {
    const f = await billedFamily("Retard");
    const session = await started(f);
    await deliver("checkout.session.expired", session);
    expect((await state(f)).payments[0]!.status).toBe("FAILED");
    expect((await state(f)).invoices.map((i) => i.status)).toEqual(["ISSUED", "ISSUED"]);
    await deliver("checkout.session.completed", session);
    expect((await state(f)).invoices.map((i) => i.status)).toEqual(["PAID", "PAID"]);
    // A completed session whose payment is still processing (async methods) waits for its own event.
    const g = await billedFamily("Attente");
    const pending = await started(g);
    await deliver("checkout.session.completed", { ...pending, paid: false });
    expect((await state(g)).payments[0]!.status).toBe("PENDING");
    await deliver("checkout.session.async_payment_succeeded", pending);
    expect((await state(g)).payments[0]!.status).toBe("SUCCEEDED");
  });

  it("a forged signature → 400 and nothing written; an amount that does not match → recorded, flagged, invoices not paid", async () => {
    const f = await billedFamily("Fraude");
    const session = await started(f);
    await expectNothingChanged(async () => {
      expect((await deliver("checkout.session.completed", session, { secret: "whsec_forged" })).status).toBe(400);
      const unsigned = await POST(new Request("http://localhost/api/stripe/webhook", { method: "POST", body: "{}", headers: {} }));
      expect(unsigned.status).toBe(400);
    });
    await deliver("checkout.session.completed", { ...session, amount: 100 });
    const after = await state(f);
    expect(after.payments).toEqual([{ status: "SUCCEEDED", amountCents: 100, anomaly: expect.stringContaining("Montant reçu 1,00") }]);
    expect(after.invoices.map((i) => i.status)).toEqual(["ISSUED", "ISSUED"]);
    expect(after.allocations).toBe(0);
  });

  it("a family never pays another family's invoice (the same answer as a missing one); a paid invoice is not payable again", async () => {
    const a = await billedFamily("Alpha");
    const b = await billedFamily("Bravo");
    await expectNothingChanged(() =>
      expect(startOnlinePayment({ familyId: a.family.id, invoiceIds: [b.invoices[0]!.id], actor: a.actor })).rejects.toThrow(NotFoundError),
    );
    await expectNothingChanged(() =>
      expect(
        startOnlinePayment({ familyId: a.family.id, invoiceIds: [a.invoices[0]!.id, b.invoices[0]!.id], actor: a.actor }),
      ).rejects.toThrow(NotFoundError),
    );
    const session = await started(a);
    await deliver("checkout.session.completed", session);
    await expectNothingChanged(() =>
      expect(startOnlinePayment({ familyId: a.family.id, invoiceIds: [a.invoices[0]!.id], actor: a.actor })).rejects.toThrow(NotFoundError),
    );
  });

  it("the success page asks Stripe itself: « completed » confirmed by the page before the webhook, or after it — one payment, one receipt either way", async () => {
    const f = await billedFamily("Retour");
    const session = await started(f);
    const fromStripe =
      (paid: boolean, id = session.id) =>
      async () =>
        ({
          id,
          object: "checkout.session",
          client_reference_id: session.paymentId,
          amount_total: session.amount,
          currency: "eur",
          payment_status: paid ? "paid" : "unpaid",
          payment_intent: `pi_${id}`,
          metadata: {},
        }) as unknown as Stripe.Checkout.Session;
    expect(await confirmCheckoutReturn(session.id, fromStripe(false))).toBe("WAITING");
    expect((await state(f)).payments[0]!.status).toBe("PENDING");
    // Stripe answering for another session than the one asked: nothing recorded.
    expect(await confirmCheckoutReturn(session.id, fromStripe(true, "cs_other"))).toBe("UNKNOWN");
    expect(await confirmCheckoutReturn(session.id, fromStripe(true))).toBe("FULFILLED");
    expect((await deliver("checkout.session.completed", session)).status).toBe(200);
    expect(await state(f)).toMatchObject({
      payments: [{ status: "SUCCEEDED", amountCents: 1800, anomaly: null }],
      allocations: 2,
      receipts: 1,
    });

    const g = await billedFamily("Webhook");
    const other = await started(g);
    await deliver("checkout.session.completed", other);
    expect(
      await confirmCheckoutReturn(
        other.id,
        async () =>
          ({
            id: other.id,
            object: "checkout.session",
            client_reference_id: other.paymentId,
            amount_total: other.amount,
            currency: "eur",
            payment_status: "paid",
            payment_intent: "pi_x",
            metadata: {},
          }) as unknown as Stripe.Checkout.Session,
      ),
    ).toBe("ALREADY");
    expect(await state(g)).toMatchObject({ payments: [{ status: "SUCCEEDED" }], allocations: 2, receipts: 1 });
  });

  it("a signed body that is not an event → 400 with its true reason (never 500, never « signature »), nothing written", async () => {
    const f = await billedFamily("Malforme");
    const session = await started(f);
    const reason = async (response: Response) => ({ status: response.status, error: ((await response.json()) as { error: string }).error });
    await expectNothingChanged(async () => {
      expect(await reason(await post("null"))).toEqual({
        status: 400,
        error: "Événement Stripe mal formé (le corps n'est pas un objet événement).",
      });
      expect(
        await reason(await post(JSON.stringify({ id: "evt_no_object", object: "event", type: "checkout.session.completed", data: {} }))),
      ).toEqual({ status: 400, error: "Événement Stripe mal formé (data.object manquant ou invalide)." });
      expect(
        await reason(
          await post(
            JSON.stringify({ id: "evt_null_object", object: "event", type: "checkout.session.completed", data: { object: null } }),
          ),
        ),
      ).toEqual({ status: 400, error: "Événement Stripe mal formé (data.object manquant ou invalide)." });
      expect(
        await reason(
          await post(
            JSON.stringify({
              id: "evt_no_session_id",
              object: "event",
              type: "checkout.session.completed",
              data: { object: { object: "checkout.session" } },
            }),
          ),
        ),
      ).toEqual({ status: 400, error: "Session Checkout mal formée (data.object.id manquant ou invalide)." });
      expect(await reason(await post('{"id": "evt_broken", "type": '))).toEqual({
        status: 400,
        error: "Événement Stripe illisible : le corps n'est pas du JSON valide.",
      });
      // A wrong signature is still said as one.
      expect(await reason(await deliver("checkout.session.completed", session, { secret: "whsec_forged" }))).toEqual({
        status: 400,
        error: "Signature Stripe invalide.",
      });
    });
    // The same body, well formed: it pays.
    expect((await deliver("checkout.session.completed", session)).status).toBe(200);
    expect((await state(f)).payments[0]!.status).toBe("SUCCEEDED");
  });

  it("a session paid in another currency than the euro pays nothing: answered 200 (no endless retry), flagged to staff, no receipt", async () => {
    const f = await billedFamily("Devise");
    const session = await started(f);
    const response = await deliver("checkout.session.completed", { ...session, currency: "usd" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "CURRENCY" });
    expect(await state(f)).toEqual({
      payments: [
        {
          status: "FAILED",
          amountCents: 1800,
          anomaly:
            "Paiement en ligne reçu dans une autre devise que l'euro (18,00 USD) : non affecté aux factures, à rembourser par l'accueil.",
        },
      ],
      invoices: [
        { status: "ISSUED", paidCents: 0 },
        { status: "ISSUED", paidCents: 0 },
      ],
      allocations: 0,
      receipts: 0,
    });
    // Where staff look for payments to check.
    const { payments } = await listPayments({ toCheck: true, familyId: f.family.id }, ALL_LIEUX);
    expect(payments.map((p) => p.anomaly)).toEqual([expect.stringContaining("USD")]);
    // Another delivery of it changes nothing more.
    expect((await deliver("checkout.session.async_payment_succeeded", { ...session, currency: "usd" })).status).toBe(200);
    expect((await state(f)).invoices.map((i) => i.paidCents)).toEqual([0, 0]);
  });
});

describe("« Payer » again for the same invoices", () => {
  const sessionOf = async (paymentId: string) => {
    const { stripeCheckoutSessionId } = await prisma.payment.findUniqueOrThrow({
      where: { id: paymentId },
      select: { stripeCheckoutSessionId: true },
    });
    return prisma.standInCheckoutSession.findUniqueOrThrow({ where: { id: stripeCheckoutSessionId! } });
  };

  it("three « Payer » at once → one pending payment and one open session, all three sent to it; paid once", async () => {
    const f = await billedFamily("TroisClics");
    const pay = () => startOnlinePayment({ familyId: f.family.id, invoiceIds: f.invoices.map((i) => i.id), actor: f.actor });
    const clicks = await Promise.all([pay(), pay(), pay()]);
    expect(new Set(clicks.map((c) => c.paymentId)).size).toBe(1);
    expect(new Set(clicks.map((c) => c.url)).size).toBe(1);
    expect(clicks.filter((c) => c.resumed)).toHaveLength(2);
    expect(await prisma.payment.count({ where: { familyId: f.family.id } })).toBe(1);
    expect(await prisma.standInCheckoutSession.count({ where: { paymentId: clicks[0]!.paymentId } })).toBe(1);
    // Later, once more: back to the same page.
    expect(await pay()).toMatchObject({ paymentId: clicks[0]!.paymentId, url: clicks[0]!.url, resumed: true });
    const session = await sessionOf(clicks[0]!.paymentId);
    await deliver("checkout.session.completed", { id: session.id, paymentId: clicks[0]!.paymentId, amount: 1800 });
    expect(await state(f)).toEqual({
      payments: [{ status: "SUCCEEDED", amountCents: 1800, anomaly: null }],
      invoices: [
        { status: "PAID", paidCents: 1200 },
        { status: "PAID", paidCents: 600 },
      ],
      allocations: 2,
      receipts: 1,
    });
  });

  it("« Payer » for other invoices among them replaces the open payment: its session is expired first and the stand-in then refuses to pay it", async () => {
    const f = await billedFamily("Remplace");
    const both = await startOnlinePayment({ familyId: f.family.id, invoiceIds: f.invoices.map((i) => i.id), actor: f.actor });
    const one = await startOnlinePayment({ familyId: f.family.id, invoiceIds: [f.invoices[1]!.id], actor: f.actor });
    expect(one).toMatchObject({ resumed: false });
    expect(one.paymentId).not.toBe(both.paymentId);
    expect(
      await prisma.payment.findMany({
        where: { familyId: f.family.id },
        orderBy: { createdAt: "asc" },
        select: { id: true, status: true, amountCents: true },
      }),
    ).toEqual([
      { id: both.paymentId, status: "FAILED", amountCents: 1800 },
      { id: one.paymentId, status: "PENDING", amountCents: 600 },
    ]);
    expect((await sessionOf(both.paymentId)).status).toBe("EXPIRED");
    expect((await sessionOf(one.paymentId)).status).toBe("OPEN");
    // The old page can no longer be paid: refused before any event is sent, nothing written.
    await expectNothingChanged(() =>
      expect(decideStandInCheckout({ familyId: f.family.id, paymentId: both.paymentId, outcome: "PAID" })).rejects.toThrow(
        "Cette page de paiement n'est plus valable (elle a expiré, a été remplacée ou a déjà été payée) : rien n'a été débité.",
      ),
    );
    // The new one pays its invoice, once.
    await deliver("checkout.session.completed", { id: (await sessionOf(one.paymentId)).id, paymentId: one.paymentId, amount: 600 });
    expect((await state(f)).invoices).toEqual([
      { status: "ISSUED", paidCents: 0 },
      { status: "PAID", paidCents: 600 },
    ]);
    // An amount changed meanwhile (a desk payment) is a new payment too, never the old amount.
    const rest = await startOnlinePayment({ familyId: f.family.id, invoiceIds: [f.invoices[0]!.id], actor: f.actor });
    await recordDeskPayment({
      familyId: f.family.id,
      method: "ESPECES",
      amountCents: 200,
      reference: null,
      receivedOn: new Date().toISOString().slice(0, 10),
      invoiceIds: [f.invoices[0]!.id],
      actor: f.staff,
    });
    const after = await startOnlinePayment({ familyId: f.family.id, invoiceIds: [f.invoices[0]!.id], actor: f.actor });
    expect(after.paymentId).not.toBe(rest.paymentId);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: after.paymentId }, select: { amountCents: true } })).toEqual({
      amountCents: 1000,
    });
    expect((await sessionOf(rest.paymentId)).status).toBe("EXPIRED");
  });

  it("an open payment already paid on its page (its event not arrived yet): a new « Payer » is refused, nothing written — never a second payment", async () => {
    const f = await billedFamily("DejaPaye");
    const first = await startOnlinePayment({ familyId: f.family.id, invoiceIds: f.invoices.map((i) => i.id), actor: f.actor });
    expect(await completeStandInSession((await sessionOf(first.paymentId)).id)).toBe(true);
    await expectNothingChanged(() =>
      expect(startOnlinePayment({ familyId: f.family.id, invoiceIds: [f.invoices[0]!.id], actor: f.actor })).rejects.toThrow(
        "Un paiement en ligne de ces factures vient d'aboutir : il est en cours de confirmation.",
      ),
    );
    // Paid twice on the stand-in's page: the second is refused.
    expect(await completeStandInSession((await sessionOf(first.paymentId)).id)).toBe(false);
  });
});
