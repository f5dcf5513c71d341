import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { generateMonth, issueMonth } from "@/lib/billing/generate-month";
import { startOnlinePayment } from "@/lib/billing/online-payment";
import { stripe, webhookSecret } from "@/lib/billing/stripe";
import { actorFromUser, NotFoundError } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

const NOW = new Date("2027-03-01T09:00:00Z");

/** A family with two issued invoices (January 1 200, February 600, in cents). */
async function billedFamily(name = "Payeur") {
  const w = await createBookableWorld(prisma, { start: "2027-01-04", end: "2027-02-28", weekdays: [3], units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }] });
  const f = await createFamily(prisma, { lastName: name, quotientFamilial: 600, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
  for (const day of ["2027-01-06", "2027-01-13", "2027-02-03"]) {
    await prisma.reservation.create({ data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status: "PRESENT" } });
  }
  const staff = await staffActor();
  for (const month of ["2027-01", "2027-02"]) {
    await generateMonth({ structureId: w.structure.id, month, actor: staff, now: NOW });
    await issueMonth({ structureId: w.structure.id, month, dueDate: "2027-03-15", actor: staff });
  }
  const invoices = await prisma.invoice.findMany({ where: { familyId: f.family.id }, orderBy: { number: "asc" } });
  return { ...f, w, invoices, actor: actorFromUser(f.user) };
}

let counter = 0;
function deliver(type: string, session: { id: string; paymentId: string; amount: number; paid?: boolean }, options: { eventId?: string; secret?: string } = {}) {
  const payload = JSON.stringify({
    id: options.eventId ?? `evt_test_${Date.now()}_${counter++}`, object: "event", type, api_version: "2025-01-27", created: Math.floor(Date.now() / 1000),
    data: { object: { id: session.id, object: "checkout.session", client_reference_id: session.paymentId, amount_total: session.amount, payment_status: session.paid === false ? "unpaid" : "paid", payment_intent: `pi_${session.id}`, metadata: {} } },
  });
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? webhookSecret });
  return POST(new Request("http://localhost/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": signature, "content-type": "application/json" } }));
}

async function started(f: Awaited<ReturnType<typeof billedFamily>>) {
  const { paymentId } = await startOnlinePayment({ familyId: f.family.id, invoiceIds: f.invoices.map((i) => i.id), actor: f.actor });
  const payment = await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
  return { id: payment.stripeCheckoutSessionId!, paymentId, amount: payment.amountCents };
}

const state = async (f: Awaited<ReturnType<typeof billedFamily>>) => ({
  payments: await prisma.payment.findMany({ where: { familyId: f.family.id }, select: { status: true, amountCents: true, anomaly: true } }),
  invoices: (await prisma.invoice.findMany({ where: { familyId: f.family.id }, orderBy: { number: "asc" }, select: { status: true, paidCents: true } })),
  allocations: await prisma.paymentAllocation.count({ where: { payment: { familyId: f.family.id } } }),
  receipts: await prisma.emailOutbox.count({ where: { familyId: f.family.id, template: "payment-received" } }),
});

describe("Stripe webhook and fulfilment", () => {
  it("the amount comes from the database; the same event 5 times, then 5 deliveries at once → one payment, invoices paid once, one receipt", async () => {
    const f = await billedFamily();
    expect(f.invoices.map((i) => [i.status, i.totalCents])).toEqual([["ISSUED", 1200], ["ISSUED", 600]]);
    const session = await started(f);
    expect(session.amount).toBe(1800);
    const eventId = `evt_same_${Date.now()}`;
    for (let i = 0; i < 5; i++) expect((await deliver("checkout.session.completed", session, { eventId })).status).toBe(200);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => deliver("checkout.session.completed", session)));
    expect(concurrent.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await state(f)).toEqual({
      payments: [{ status: "SUCCEEDED", amountCents: 1800, anomaly: null }],
      invoices: [{ status: "PAID", paidCents: 1200 }, { status: "PAID", paidCents: 600 }],
      allocations: 2, receipts: 1,
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
    await expectNothingChanged(() => expect(startOnlinePayment({ familyId: a.family.id, invoiceIds: [b.invoices[0]!.id], actor: a.actor })).rejects.toThrow(NotFoundError));
    await expectNothingChanged(() => expect(startOnlinePayment({ familyId: a.family.id, invoiceIds: [a.invoices[0]!.id, b.invoices[0]!.id], actor: a.actor })).rejects.toThrow(NotFoundError));
    const session = await started(a);
    await deliver("checkout.session.completed", session);
    await expectNothingChanged(() => expect(startOnlinePayment({ familyId: a.family.id, invoiceIds: [a.invoices[0]!.id], actor: a.actor })).rejects.toThrow(NotFoundError));
  });
});
