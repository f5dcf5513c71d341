import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * PayFiP (ADR 054): the SOAP bodies and answers, the provider chosen per lieu, the notification trusted only after
 * asking the service, the one idempotent fulfilment shared with Stripe, the stand-in and its production refusal.
 * Only the HTTP boundary is replaced: `fetch` reaches the app's own route handlers (the stand-in's service, the
 * notification), as the server would over loopback.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { POST as notificationRoute } from "@/app/api/payfip/notification/route";
import { GET as returnRoute } from "@/app/api/payfip/retour/route";
import { POST as standInService } from "@/app/api/payfip-stand-in/services/securite/route";
import PaymentReturnPage from "@/app/mes-factures/paiement/page";
import PayfipStandInPage from "@/app/paiement/payfip-simulateur/page";
import { payfipStandInAction } from "@/app/paiement/payfip-simulateur/actions";
import { startOnlinePayment } from "@/lib/billing/pay-online";
import { confirmPayfipOperation } from "@/lib/billing/payfip/confirm-operation";
import { decideStandInPayfip } from "@/lib/billing/payfip/stand-in";
import { readPayfipOperation } from "@/lib/billing/payfip/client";
import { abandonPayment } from "@/lib/billing/abandon-payment";
import { payfipStandInAllowed } from "@/lib/billing/payfip/stand-in-policy";
import {
  checkCreateRequest,
  createOperationEnvelope,
  parseCreateAnswer,
  parseDetailAnswer,
  payfipObjet,
  PayfipFault,
  PayfipTechnicalError,
  readOperationEnvelope,
  soapText,
  type PayfipCreateRequest,
} from "@/lib/billing/payfip/soap";
import { PAYFIP_TECHNICAL_MESSAGE } from "@/lib/billing/providers/payfip-provider";
import { checkPayfipProvider } from "@/scripts/lib/production-checks";
import { setPaymentProviderAction } from "@/app/admin/structures/[id]/paiement-en-ligne/actions";
import { NotFoundError } from "@/lib/workflow";
import { CLIENT_IP_HEADER_ENV } from "@/lib/net/client-ip";
import { config } from "@/lib/config";
import { formatCents } from "@/lib/format";
import { expectNothingChanged, prisma } from "./helpers";
import { billedFamily, type BilledFamily } from "./billing-world";

const IP_HEADER = "x-test-client-ip";
const soapCalls: string[] = [];
let serviceDown = false;

/** `fetch` as the server would do it: the stand-in's SOAP service and the notification are this app's own routes. */
function routeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const request = new Request(url, { ...init, headers: { ...(init?.headers as Record<string, string>), [IP_HEADER]: "127.0.0.1" } });
  if (url.pathname === "/api/payfip-stand-in/services/securite") {
    if (serviceDown) return Promise.reject(new TypeError("fetch failed: connect ECONNREFUSED"));
    soapCalls.push(String(init?.body ?? ""));
    return standInService(request);
  }
  if (url.pathname === "/api/payfip/notification") return notificationRoute(request);
  return Promise.reject(new Error(`fetch inattendu : ${url}`));
}

beforeAll(() => {
  process.env[CLIENT_IP_HEADER_ENV] = IP_HEADER;
});
beforeEach(() => {
  session.current = null;
  serviceDown = false;
  soapCalls.length = 0;
  vi.spyOn(globalThis, "fetch").mockImplementation(routeFetch);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** A family of a lieu set to PayFiP (its régie's numcli). */
async function payfipFamily(name: string): Promise<BilledFamily> {
  const f = await billedFamily(name);
  await prisma.structure.update({ where: { id: f.w.structure.id }, data: { paymentProvider: "PAYFIP", payfipClientNumber: "012345" } });
  return f;
}

const pay = (f: BilledFamily, invoiceIds = f.invoices.map((i) => i.id)) =>
  startOnlinePayment({ familyId: f.family.id, invoiceIds, actor: f.actor });

const idOpOf = async (paymentId: string) =>
  (await prisma.payment.findUniqueOrThrow({ where: { id: paymentId }, select: { payfipOperationId: true } })).payfipOperationId!;

const notify = (idOp: string) =>
  notificationRoute(
    new Request("http://localhost/api/payfip/notification", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ idOp }).toString(),
    }),
  );

const state = async (f: BilledFamily) => ({
  payments: await prisma.payment.findMany({
    where: { familyId: f.family.id },
    orderBy: { createdAt: "asc" },
    select: { method: true, status: true, amountCents: true, anomaly: true },
  }),
  invoices: await prisma.invoice.findMany({
    where: { familyId: f.family.id },
    orderBy: { number: "asc" },
    select: { status: true, paidCents: true },
  }),
  allocations: await prisma.paymentAllocation.count({ where: { payment: { familyId: f.family.id } } }),
  receipts: await prisma.emailOutbox.count({ where: { familyId: f.family.id, template: "payment-received" } }),
});

const REQUEST: PayfipCreateRequest = {
  numcli: "012345",
  exer: "2027",
  refdet: "PF00000042",
  objet: "Factures 2027 000001 2027 000002",
  montantCents: 1800,
  mel: "parent@exemple.fr",
  urlnotif: "https://famille.ville.fr/api/payfip/notification",
  urlredirect: "https://famille.ville.fr/api/payfip/retour?paiement=abc&x=<1>",
  saisie: "T",
};

describe("PayFiP's SOAP envelopes and answers (the spec's field lists)", () => {
  it("creerPaiementSecurise carries the nine fields of arg0, escaped, in the service's namespace", () => {
    const xml = createOperationEnvelope(REQUEST);
    expect(xml).toContain(
      'xmlns:pai="http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService"',
    );
    expect(xml).toContain(
      "<pai:creerPaiementSecurise><arg0><exer>2027</exer><mel>parent@exemple.fr</mel><montant>1800</montant><numcli>012345</numcli>" +
        "<objet>Factures 2027 000001 2027 000002</objet><refdet>PF00000042</refdet><saisie>T</saisie>" +
        "<urlnotif>https://famille.ville.fr/api/payfip/notification</urlnotif>" +
        "<urlredirect>https://famille.ville.fr/api/payfip/retour?paiement=abc&amp;x=&lt;1&gt;</urlredirect></arg0></pai:creerPaiementSecurise>",
    );
    // Read back as the stand-in reads it: the same values.
    expect(soapText(xml, "urlredirect")).toBe(REQUEST.urlredirect);
    expect(readOperationEnvelope("abc123")).toContain("<pai:recupererDetailPaiementSecurise><arg0><idOp>abc123</idOp></arg0>");
  });

  it("what the service accepts is checked before sending: numcli, refdet, objet, amount bounds, mel, saisie", () => {
    expect(checkCreateRequest(REQUEST)).toBeNull();
    expect(checkCreateRequest({ ...REQUEST, numcli: "12345" })).toMatch(/numcli/);
    expect(checkCreateRequest({ ...REQUEST, refdet: "PF-1" })).toMatch(/refdet/);
    expect(checkCreateRequest({ ...REQUEST, refdet: "A".repeat(31) })).toMatch(/refdet/);
    expect(checkCreateRequest({ ...REQUEST, objet: "Facture n° 1" })).toMatch(/objet/);
    expect(checkCreateRequest({ ...REQUEST, montantCents: 99 })).toMatch(/montant/);
    expect(checkCreateRequest({ ...REQUEST, montantCents: 10_000_001 })).toMatch(/montant/);
    expect(checkCreateRequest({ ...REQUEST, mel: "a@b" })).toMatch(/mel/);
    expect(checkCreateRequest({ ...REQUEST, saisie: "M" as "T" })).toMatch(/saisie/);
    expect(payfipObjet("Factures 2027-000001 d'été, n° 2 (Crèche)")).toBe("Factures 2027 000001 d ete n 2 Creche");
    expect(payfipObjet("x".repeat(150))).toHaveLength(100);
  });

  it("answers are read field by field: idOp, the detail (resultrans, montant, numauto…), a Fault's code; a DOCTYPE is refused", () => {
    const created = `<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>
      <ns2:creerPaiementSecuriseResponse xmlns:ns2="x"><return><idOp xmlns="y">c5f0a1b2</idOp></return></ns2:creerPaiementSecuriseResponse>
      </S:Body></S:Envelope>`;
    expect(parseCreateAnswer(created)).toBe("c5f0a1b2");
    const detail = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
      <ns:recupererDetailPaiementSecuriseResponse xmlns:ns="x"><return xmlns:r="y">
      <r:dattrans>06032027</r:dattrans><r:exer>2027</r:exer><r:heurtrans>1412</r:heurtrans><r:idOp>c5f0a1b2</r:idOp>
      <r:mel>parent@exemple.fr</r:mel><r:montant>1800</r:montant><r:numauto>123456</r:numauto><r:numcli>012345</r:numcli>
      <r:objet>Factures</r:objet><r:refdet>PF00000042</r:refdet><r:resultrans>P</r:resultrans><r:saisie>T</r:saisie>
      </return></ns:recupererDetailPaiementSecuriseResponse></soapenv:Body></soapenv:Envelope>`;
    expect(parseDetailAnswer(detail)).toEqual({
      idOp: "c5f0a1b2",
      resultrans: "P",
      montantCents: 1800,
      numauto: "123456",
      dattrans: "06032027",
      heurtrans: "1412",
      refdet: "PF00000042",
      exer: "2027",
      numcli: "012345",
      mel: "parent@exemple.fr",
      objet: "Factures",
      saisie: "T",
    });
    const fault = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode>
      <faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring><detail><ns2:FonctionnelleErreur xmlns:ns2="x">
      <code>P5</code><libelle>Transaction en cours</libelle></ns2:FonctionnelleErreur></detail></soap:Fault></soap:Body></soap:Envelope>`;
    expect(() => parseDetailAnswer(fault)).toThrow(PayfipFault);
    expect(() => parseDetailAnswer(fault)).toThrow("PayFiP P5 : Transaction en cours");
    expect(() => parseDetailAnswer(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${detail}`)).toThrow(PayfipTechnicalError);
    expect(() => parseDetailAnswer("<html>Maintenance</html>")).toThrow(PayfipTechnicalError);
    expect(() => parseDetailAnswer(detail.replace("<r:resultrans>P</r:resultrans>", ""))).toThrow("resultrans manquant");
  });
});

describe("the provider is the lieu's", () => {
  it("a Stripe lieu opens a Checkout session; a PayFiP lieu creates an operation (refdet from the payment's number, amount from the invoices)", async () => {
    const stripeFamily = await billedFamily("Asso");
    const s = await pay(stripeFamily);
    expect(s.url).toContain("/paiement/simulateur?session=");
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: s.paymentId } })).toMatchObject({
      method: "STRIPE",
      payfipOperationId: null,
      stripeCheckoutSessionId: expect.stringMatching(/^cs_local_/),
    });
    expect(soapCalls).toEqual([]);

    const f = await payfipFamily("Regie");
    const p = await pay(f);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: p.paymentId } });
    expect(payment).toMatchObject({ method: "PAYFIP", status: "PENDING", amountCents: 1800, stripeCheckoutSessionId: null });
    expect(p.url).toBe(`${config.appUrl}/paiement/payfip-simulateur?idop=${payment.payfipOperationId}`);
    const op = await prisma.standInPayfipOperation.findUniqueOrThrow({ where: { id: payment.payfipOperationId! } });
    expect(op).toMatchObject({
      numcli: "012345",
      refdet: `PF${String(payment.number).padStart(8, "0")}`,
      montantCents: 1800,
      saisie: "T",
      result: "OPEN",
      urlnotif: `${config.appUrl}/api/payfip/notification`,
      urlredirect: `${config.appUrl}/api/payfip/retour?paiement=${payment.id}`,
    });
    expect(op.objet).toBe(`Factures ${f.invoices.map((i) => i.number.replace("-", " ")).join(" ")}`);
    // « Payer » again, same invoices, operation still open: back to the same page, no second operation.
    expect(await pay(f)).toEqual({ url: p.url, paymentId: p.paymentId, resumed: true });
    expect(await prisma.standInPayfipOperation.count({ where: { numcli: "012345", refdet: op.refdet } })).toBe(1);
    // Other invoices among them while it is open (PayFiP cannot cancel it): refused, nothing written.
    await expectNothingChanged(() => expect(pay(f, [f.invoices[0]!.id])).rejects.toThrow("depuis moins de 20 minutes"));
  });

  it("invoices of a PayFiP lieu ticked with another lieu's: one lieu at a time, said clearly, nothing written", async () => {
    const f = await payfipFamily("Mixte");
    const other = await billedFamily("Autre");
    // The same family with an invoice of a second (Stripe) lieu.
    const moved = await prisma.invoice.update({ where: { id: other.invoices[0]!.id }, data: { familyId: f.family.id } });
    await expectNothingChanged(() =>
      expect(pay(f, [f.invoices[0]!.id, moved.id])).rejects.toThrow(
        `Les factures de « ${f.w.structure.name} » se paient sur le site du Trésor public (PayFiP), une structure à la fois`,
      ),
    );
    // Its own invoices alone: fine.
    expect((await pay(f, [f.invoices[0]!.id])).url).toContain("payfip-simulateur");
  });

  it("a PayFiP lieu without its numcli, or the service down: said in French, nothing written, the failure logged", async () => {
    const f = await payfipFamily("Panne");
    await prisma.structure.update({ where: { id: f.w.structure.id }, data: { payfipClientNumber: null } });
    await expectNothingChanged(() => expect(pay(f)).rejects.toThrow("n'est pas encore configuré : payez à l'accueil."));
    await prisma.structure.update({ where: { id: f.w.structure.id }, data: { payfipClientNumber: "012345" } });
    serviceDown = true;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await expectNothingChanged(() => expect(pay(f)).rejects.toThrow(PAYFIP_TECHNICAL_MESSAGE));
    expect(logged).toHaveBeenCalledWith("[payfip] création de l'opération impossible :", expect.stringContaining("ECONNREFUSED"));
  });
});

describe("the notification is trusted only after asking the service", () => {
  it("« Payer » on the stand-in → notification → paid once; the same notification replayed → nothing more", async () => {
    const f = await payfipFamily("Payeur");
    const { paymentId } = await pay(f);
    const idOp = await idOpOf(paymentId);
    const { next } = await decideStandInPayfip({ familyId: f.family.id, idOp, outcome: "P" });
    expect(next).toBe(`${config.appUrl}/api/payfip/retour?paiement=${paymentId}`);
    const paid = {
      payments: [{ method: "PAYFIP", status: "SUCCEEDED", amountCents: 1800, anomaly: null }],
      invoices: [
        { status: "PAID", paidCents: 1200 },
        { status: "PAID", paidCents: 600 },
      ],
      allocations: 2,
      receipts: 1,
    };
    expect(await state(f)).toEqual(paid);
    for (let i = 0; i < 2; i++) {
      const again = await notify(idOp);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ received: true, outcome: "ALREADY" });
    }
    expect(await state(f)).toEqual(paid);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment.reference).toMatch(/^PayFiP \d{6}$/);
    // What the service answers for it, field by field (the stand-in speaks the service's answer).
    expect(await readPayfipOperation(idOp)).toEqual({
      kind: "ANSWERED",
      detail: expect.objectContaining({
        idOp,
        resultrans: "P",
        montantCents: 1800,
        numcli: "012345",
        refdet: `PF${String(payment.number).padStart(8, "0")}`,
        numauto: payment.reference!.slice(7),
        dattrans: expect.stringMatching(/^\d{8}$/),
        heurtrans: expect.stringMatching(/^\d{4}$/),
        saisie: "T",
      }),
    });
    expect(await readPayfipOperation("inconnue")).toEqual({ kind: "UNKNOWN" });
    // The stand-in's page, once answered, cannot be answered again.
    await expect(decideStandInPayfip({ familyId: f.family.id, idOp, outcome: "P" })).rejects.toThrow("n'est plus valable");
  });

  it("the service says R (refused) or A (abandoned) → not paid, the invoices stay to pay, no receipt", async () => {
    for (const outcome of ["R", "A"] as const) {
      const f = await payfipFamily(`Non${outcome}`);
      const { paymentId } = await pay(f);
      await decideStandInPayfip({ familyId: f.family.id, idOp: await idOpOf(paymentId), outcome });
      expect(await state(f)).toEqual({
        payments: [{ method: "PAYFIP", status: "FAILED", amountCents: 1800, anomaly: null }],
        invoices: [
          { status: "ISSUED", paidCents: 0 },
          { status: "ISSUED", paidCents: 0 },
        ],
        allocations: 0,
        receipts: 0,
      });
      const log = await prisma.transitionLog.findFirstOrThrow({ where: { entityId: paymentId, toStatus: "FAILED" } });
      expect(log.reason).toBe(outcome === "R" ? "PayFiP : paiement refusé (R)" : "PayFiP : paiement abandonné (A)");
      // And « Payer » again opens a new operation (the old one was answered).
      expect((await pay(f)).paymentId).not.toBe(paymentId);
    }
  });

  it("a notification posted before the parent answered (the service says P5): nothing recorded, still pending", async () => {
    const f = await payfipFamily("Tot");
    const { paymentId } = await pay(f);
    const response = await notify(await idOpOf(paymentId));
    expect(await response.json()).toEqual({ received: true, outcome: "WAITING" });
    expect((await state(f)).payments[0]!.status).toBe("PENDING");
  });

  it("a forged notification (an idOp that is none of ours, a malformed one) → nothing written, the service not even asked", async () => {
    const f = await payfipFamily("Forge");
    await pay(f);
    const before = soapCalls.length;
    await expectNothingChanged(async () => {
      expect(await (await notify("0123456789abcdef0123456789abcdef")).json()).toEqual({ received: true, outcome: "UNKNOWN" });
      expect((await notify("../../etc")).status).toBe(400);
      const empty = await notificationRoute(new Request("http://localhost/api/payfip/notification", { method: "POST", body: "" }));
      expect(empty.status).toBe(400);
    });
    expect(soapCalls.length).toBe(before);
  });

  it("the service answers another amount than the payment's → recorded, flagged to staff, no invoice paid (as Stripe)", async () => {
    const f = await payfipFamily("Ecart");
    const { paymentId } = await pay(f);
    const idOp = await idOpOf(paymentId);
    // The treasury's record says 10,00 €.
    await prisma.standInPayfipOperation.update({ where: { id: idOp }, data: { montantCents: 1000 } });
    await decideStandInPayfip({ familyId: f.family.id, idOp, outcome: "P" });
    expect(await state(f)).toEqual({
      payments: [
        {
          method: "PAYFIP",
          status: "SUCCEEDED",
          amountCents: 1000,
          anomaly: `Montant reçu ${formatCents(1000)} au lieu de ${formatCents(1800)} : à affecter par l'accueil.`,
        },
      ],
      invoices: [
        { status: "ISSUED", paidCents: 0 },
        { status: "ISSUED", paidCents: 0 },
      ],
      allocations: 0,
      receipts: 0,
    });
  });

  it("the service answering with another debt reference (refdet) than the payment's → nothing recorded, logged", async () => {
    const f = await payfipFamily("Autredette");
    const { paymentId } = await pay(f);
    const idOp = await idOpOf(paymentId);
    await prisma.standInPayfipOperation.update({
      where: { id: idOp },
      data: { refdet: "PF99999999", result: "P", answeredAt: new Date() },
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await expectNothingChanged(async () => expect(await (await notify(idOp)).json()).toEqual({ received: true, outcome: "MISMATCH" }));
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("refdet PF99999999"));
  });

  it("the notification and the return page at the same time (three times over) → paid once, one receipt", async () => {
    const f = await payfipFamily("Course");
    const { paymentId } = await pay(f);
    const idOp = await idOpOf(paymentId);
    await prisma.standInPayfipOperation.update({ where: { id: idOp }, data: { result: "P", numauto: "654321", answeredAt: new Date() } });
    session.current = { user: { id: f.user.id } };
    const results = await Promise.all([
      notify(idOp),
      confirmPayfipOperation(idOp),
      PaymentReturnPage({ searchParams: Promise.resolve({ paiement: paymentId }) }),
      notify(idOp),
      confirmPayfipOperation(idOp),
    ]);
    expect(results).toHaveLength(5);
    expect(await state(f)).toMatchObject({ payments: [{ status: "SUCCEEDED", anomaly: null }], allocations: 2, receipts: 1 });
  });
});

describe("« Marquer abandonné » a PayFiP payment nobody answered", () => {
  it("after an hour: « non abouti »; answered P meanwhile: refused; a P arriving after it: recorded and flagged to staff", async () => {
    const f = await payfipFamily("Oublie");
    const { paymentId } = await pay(f);
    const idOp = await idOpOf(paymentId);
    const later = new Date(Date.now() + 2 * 3_600_000);
    await expectNothingChanged(() =>
      expect(abandonPayment({ paymentId, actor: f.staff })).rejects.toThrow("PayFiP peut encore le confirmer"),
    );
    await abandonPayment({ paymentId, actor: f.staff, now: later });
    expect((await state(f)).payments).toEqual([{ method: "PAYFIP", status: "FAILED", amountCents: 1800, anomaly: null }]);
    // The parent had paid after all: the service says P, the notification records it and staff are told.
    await prisma.standInPayfipOperation.update({ where: { id: idOp }, data: { result: "P", numauto: "111111", answeredAt: new Date() } });
    await notify(idOp);
    expect(await state(f)).toMatchObject({
      payments: [{ status: "SUCCEEDED", anomaly: expect.stringContaining("puis confirmé par PayFiP") }],
      allocations: 2,
      receipts: 1,
    });

    const g = await payfipFamily("Paye");
    const other = await pay(g);
    await prisma.standInPayfipOperation.update({
      where: { id: await idOpOf(other.paymentId) },
      data: { result: "P", numauto: "222222", answeredAt: new Date() },
    });
    await expectNothingChanged(() =>
      expect(abandonPayment({ paymentId: other.paymentId, actor: g.staff, now: later })).rejects.toThrow(
        "PayFiP indique que ce paiement a abouti",
      ),
    );
  });
});

describe("the return page and the stand-in's page show the family's own payment only", () => {
  const notFound = async (render: () => Promise<unknown>) => {
    const refused = await render().catch((e: unknown) => e);
    expect(String((refused as Error).message)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
  };

  it("another family's payment id or idOp → 404, as a missing one; nothing decided", async () => {
    const [a, b] = [await payfipFamily("Alpha"), await payfipFamily("Bravo")];
    const { paymentId } = await pay(b);
    const idOp = await idOpOf(paymentId);
    session.current = { user: { id: a.user.id } };
    await expectNothingChanged(async () => {
      await notFound(() => PaymentReturnPage({ searchParams: Promise.resolve({ paiement: paymentId }) }));
      await notFound(() => PaymentReturnPage({ searchParams: Promise.resolve({ paiement: "inexistant" }) }));
      await notFound(() => PayfipStandInPage({ searchParams: Promise.resolve({ idop: idOp }) }));
      await notFound(() => PayfipStandInPage({ searchParams: Promise.resolve({ idop: "<script>" }) }));
      expect(await payfipStandInAction({ idOp, outcome: "P" })).toEqual({ ok: false, error: "Élément introuvable." });
      await expect(decideStandInPayfip({ familyId: a.family.id, idOp, outcome: "P" })).rejects.toThrow(NotFoundError);
    });
    // A Stripe payment is never shown through ?paiement= (only through its own session).
    const s = await billedFamily("Carte");
    const stripePayment = await pay(s);
    session.current = { user: { id: s.user.id } };
    await notFound(() => PaymentReturnPage({ searchParams: Promise.resolve({ paiement: stripePayment.paymentId }) }));
    // B's own: its page renders.
    session.current = { user: { id: b.user.id } };
    await expect(PayfipStandInPage({ searchParams: Promise.resolve({ idop: idOp }) })).resolves.toBeTruthy();
    expect((await payfipStandInAction({ idOp, outcome: "P" })).ok).toBe(true);
  });

  it("urlredirect only redirects (303) to the return page, whatever else it is given", async () => {
    const back = await returnRoute(new Request("http://localhost/api/payfip/retour?paiement=abc123&resultrans=P"));
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe("/mes-factures/paiement?paiement=abc123");
    const odd = await returnRoute(new Request("http://localhost/api/payfip/retour?paiement=%3Cscript%3E"));
    expect(odd.headers.get("location")).toBe("/mes-factures");
  });
});

describe("production refuses the stand-in unless allowed", () => {
  it("allowed in development, on a local address, with ALLOW_PAYFIP_STAND_IN=1; never once PAYFIP_WS_URL is set", () => {
    expect(payfipStandInAllowed({ NODE_ENV: "test" })).toBe(true);
    expect(payfipStandInAllowed({ NODE_ENV: "production", APP_URL: "http://localhost:3160" })).toBe(true);
    expect(payfipStandInAllowed({ NODE_ENV: "production", APP_URL: "https://famille.ville.fr" })).toBe(false);
    expect(payfipStandInAllowed({ NODE_ENV: "production", APP_URL: "https://famille.ville.fr", ALLOW_PAYFIP_STAND_IN: "1" })).toBe(true);
    expect(payfipStandInAllowed({ NODE_ENV: "test", PAYFIP_WS_URL: "https://www.payfip.gouv.fr/tpa/services/securite" })).toBe(false);
  });

  it("npm run serve: a lieu set to PayFiP without PAYFIP_WS_URL on a public address → refused at start, unless allowed", () => {
    const env = { NODE_ENV: "production" as const, APP_URL: "https://famille.ville.fr" };
    expect(checkPayfipProvider(env, [])).toBeNull();
    expect(() => checkPayfipProvider(env, ["Régie de Lille"])).toThrow(
      "« Régie de Lille » est réglé sur PayFiP, mais PAYFIP_WS_URL n'est pas défini",
    );
    expect(checkPayfipProvider({ ...env, ALLOW_PAYFIP_STAND_IN: "1" }, ["Régie de Lille"])).toMatch(/^ALLOW_PAYFIP_STAND_IN=1/);
    expect(checkPayfipProvider({ ...env, APP_URL: "http://localhost:3000" }, ["Régie de Lille"])).toBeNull();
    expect(checkPayfipProvider({ ...env, PAYFIP_WS_URL: "https://www.payfip.gouv.fr/tpa/services/securite" }, ["Régie"])).toMatch(
      /PAYFIP_SAISIE vaut « T »/,
    );
    expect(
      checkPayfipProvider({ ...env, PAYFIP_WS_URL: "https://www.payfip.gouv.fr/tpa/services/securite", PAYFIP_SAISIE: "W" }, ["Régie"]),
    ).toBeNull();
  });

  it("on a public address without the opt-in: « Payer » is refused in French and logged, the stand-in's service answers 404", async () => {
    const f = await payfipFamily("Prod");
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_URL", "https://famille.ville.fr");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await expectNothingChanged(() =>
      expect(pay(f)).rejects.toThrow(`Le paiement en ligne de « ${f.w.structure.name} » n'est pas encore ouvert`),
    );
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("ALLOW_PAYFIP_STAND_IN=1"));
    const service = await standInService(
      new Request("http://127.0.0.1/api/payfip-stand-in/services/securite", {
        method: "POST",
        headers: { [IP_HEADER]: "127.0.0.1" },
        body: readOperationEnvelope("x"),
      }),
    );
    expect(service.status).toBe(404);
    vi.stubEnv("ALLOW_PAYFIP_STAND_IN", "1");
    expect((await pay(f)).url).toContain("payfip-simulateur");
  });

  it("the stand-in's service answers this machine only", async () => {
    const outside = await standInService(
      new Request("http://127.0.0.1/api/payfip-stand-in/services/securite", {
        method: "POST",
        headers: { [IP_HEADER]: "203.0.113.9" },
        body: readOperationEnvelope("x"),
      }),
    );
    expect(outside.status).toBe(403);
  });
});

describe("« Paiement en ligne » of a lieu (staff)", () => {
  it("PayFiP needs a 6-digit numcli, said field by field and nothing written; Stripe then PayFiP are saved", async () => {
    const f = await billedFamily("Reglage");
    const staff = await prisma.user.findFirstOrThrow({ where: { role: "STAFF", lieux: { none: {} } } });
    session.current = { user: { id: staff.id } };
    const id = f.w.structure.id;
    await expectNothingChanged(async () => {
      expect(await setPaymentProviderAction({ structureId: id, paymentProvider: "PAYFIP", payfipClientNumber: "" })).toMatchObject({
        ok: false,
        fieldErrors: { payfipClientNumber: "Numéro client PayFiP : obligatoire pour payer par PayFiP (6 chiffres, donnés par la DGFiP)." },
      });
      expect(await setPaymentProviderAction({ structureId: id, paymentProvider: "PAYFIP", payfipClientNumber: "12345A" })).toMatchObject({
        ok: false,
        fieldErrors: { payfipClientNumber: "Numéro client PayFiP : 6 chiffres, donnés par la DGFiP (par exemple 012345)." },
      });
      expect(await setPaymentProviderAction({ structureId: id, paymentProvider: "PAYPAL", payfipClientNumber: "" })).toMatchObject({
        ok: false,
      });
      expect(await setPaymentProviderAction({ structureId: "inexistant", paymentProvider: "STRIPE", payfipClientNumber: "" })).toEqual({
        ok: false,
        error: "Élément introuvable.",
      });
    });
    expect(await setPaymentProviderAction({ structureId: id, paymentProvider: "PAYFIP", payfipClientNumber: "012 345" })).toMatchObject({
      ok: true,
    });
    expect(
      await prisma.structure.findUniqueOrThrow({ where: { id }, select: { paymentProvider: true, payfipClientNumber: true } }),
    ).toEqual({
      paymentProvider: "PAYFIP",
      payfipClientNumber: "012345",
    });
    expect((await pay(f)).url).toContain("payfip-simulateur");
  });
});
