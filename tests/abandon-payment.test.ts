import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { abandonPayment } from "@/lib/billing/abandon-payment";
import { startOnlinePayment } from "@/lib/billing/pay-online";
import { stripe, webhookSecret } from "@/lib/billing/stripe";
import { completeStandInSession } from "@/lib/billing/stand-in-checkout";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { billedFamily, type BilledFamily } from "./billing-world";

const HOUR = 3_600_000;

async function started(f: BilledFamily) {
  const { paymentId } = await startOnlinePayment({ familyId: f.family.id, invoiceIds: f.invoices.map((i) => i.id), actor: f.actor });
  return prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
}

/** What Stripe posts when the session is paid: a signed « checkout.session.completed » to the real webhook route. */
function paidEvent(payment: { id: string; stripeCheckoutSessionId: string | null; amountCents: number }) {
  const payload = JSON.stringify({
    id: `evt_abandon_${payment.id}`,
    object: "event",
    type: "checkout.session.completed",
    data: {
      object: {
        id: payment.stripeCheckoutSessionId,
        object: "checkout.session",
        client_reference_id: payment.id,
        amount_total: payment.amountCents,
        currency: "eur",
        payment_status: "paid",
        payment_intent: `pi_late_${payment.id}`,
        metadata: {},
      },
    },
  });
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
  return POST(
    new Request("http://localhost/api/stripe/webhook", {
      method: "POST",
      body: payload,
      headers: { "stripe-signature": signature, "content-type": "application/json" },
    }),
  );
}

describe("« Marquer abandonné » a payment stuck « en cours de confirmation »", () => {
  it("not before an hour; then FAILED with who and since when, its Checkout session closed; a later success from Stripe is still recorded, and flagged", async () => {
    const f = await billedFamily("Abandon");
    const staff = await staffActor();
    const payment = await started(f);
    // Half an hour: Stripe may still confirm it.
    await expectNothingChanged(() =>
      expect(
        abandonPayment({ paymentId: payment.id, actor: staff, now: new Date(payment.createdAt.getTime() + HOUR / 2) }),
      ).rejects.toThrow("il y a moins de 60 minutes"),
    );
    await abandonPayment({ paymentId: payment.id, actor: staff, now: new Date(payment.createdAt.getTime() + 3 * HOUR) });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("FAILED");
    expect(
      await prisma.transitionLog.findMany({
        where: { machine: "PAYMENT", entityId: payment.id, toStatus: "FAILED" },
        select: { fromStatus: true, actorId: true, reason: true },
      }),
    ).toEqual([
      {
        fromStatus: "PENDING",
        actorId: staff.userId,
        reason: "Abandonné (marqué par l'accueil), en cours de confirmation depuis 3 h",
      },
    ]);
    // The parent can no longer pay on that page.
    expect((await prisma.standInCheckoutSession.findUniqueOrThrow({ where: { id: payment.stripeCheckoutSessionId! } })).status).toBe(
      "EXPIRED",
    );
    // Twice: said, nothing more written.
    await expectNothingChanged(() =>
      expect(
        abandonPayment({ paymentId: payment.id, actor: staff, now: new Date(payment.createdAt.getTime() + 4 * HOUR) }),
      ).rejects.toThrow("n'est plus en cours de confirmation"),
    );
    // Stripe says later that it was paid after all: the money is recorded and allocated, and staff are told.
    expect((await paidEvent(payment)).status).toBe(200);
    const after = await prisma.payment.findUniqueOrThrow({ where: { id: payment.id }, include: { allocations: true } });
    expect(after.status).toBe("SUCCEEDED");
    expect(after.allocations.map((a) => a.amountCents).sort((a, b) => a - b)).toEqual([600, 1200]);
    expect(after.anomaly).toContain("marqué abandonné par l'accueil, puis confirmé par Stripe");
    expect((await prisma.invoice.findMany({ where: { familyId: f.family.id } })).map((i) => i.status)).toEqual(["PAID", "PAID"]);
  });

  it("paid on Stripe's page but not confirmed yet: refused, the payment stays to confirm; a desk payment or a missing id is « introuvable »", async () => {
    const f = await billedFamily("Presque");
    const staff = await staffActor();
    const payment = await started(f);
    expect(await completeStandInSession(payment.stripeCheckoutSessionId!)).toBe(true);
    await expectNothingChanged(() =>
      expect(
        abandonPayment({ paymentId: payment.id, actor: staff, now: new Date(payment.createdAt.getTime() + 3 * HOUR) }),
      ).rejects.toThrow("Stripe indique que ce paiement a abouti"),
    );
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("PENDING");
    const desk = await prisma.payment.create({ data: { familyId: f.family.id, method: "CHEQUE", status: "SUCCEEDED", amountCents: 100 } });
    for (const id of [desk.id, "paiement-inexistant"])
      await expect(abandonPayment({ paymentId: id, actor: staff })).rejects.toThrow("introuvable");
  });
});
