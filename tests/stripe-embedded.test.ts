import { afterEach, describe, expect, it, vi } from "vitest";
import Stripe from "stripe";

/**
 * Stripe's embedded Checkout (ADR 014): with a secret key AND a publishable key, the session is created with
 * `ui_mode: "embedded_page"` and `return_url`, and opened on the portal's own page; without the publishable key (or on
 * the offline stand-in), the redirect stays. Only Stripe's HTTP client is replaced: the real SDK serialises the call.
 */
import { checkoutSessionParams, createStripeSession, embeddedClientSecret, type CheckoutRequest } from "@/lib/billing/stripe";
import { config } from "@/lib/config";
import { startOnlinePayment } from "@/lib/billing/pay-online";
import { billedFamily } from "./billing-world";

const INPUT: CheckoutRequest = {
  paymentId: "pay_123",
  familyId: "fam_1",
  amountCents: 1800,
  invoiceNumbers: ["2027-000001", "2027-000002"],
  invoiceIds: ["inv_1", "inv_2"],
  customerEmail: "parent@exemple.fr",
};

/** A Stripe client whose HTTP client answers like Stripe and records what the SDK sent. */
function stripeAt(answer: Record<string, unknown>) {
  const sent: { url: string; method: string; body: URLSearchParams; headers: Headers }[] = [];
  const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({
      url: String(url),
      method: init?.method ?? "GET",
      body: new URLSearchParams(String(init?.body ?? "")),
      headers: new Headers(init?.headers as HeadersInit),
    });
    return new Response(JSON.stringify({ object: "checkout.session", ...answer }), {
      status: 200,
      headers: { "content-type": "application/json", "request-id": "req_test" },
    });
  }) as typeof fetch;
  const client = new Stripe("sk_test_embedded", { httpClient: Stripe.createFetchHttpClient(fakeFetch), maxNetworkRetries: 0 });
  return { client, sent };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("Checkout session parameters", () => {
  it("embedded: ui_mode embedded_page and return_url (no success_url, no cancel_url); hosted: success_url and cancel_url", () => {
    const embedded = checkoutSessionParams(INPUT, true);
    expect(embedded).toMatchObject({
      mode: "payment",
      ui_mode: "embedded_page",
      return_url: `${config.appUrl}/mes-factures/paiement?session={CHECKOUT_SESSION_ID}`,
      client_reference_id: "pay_123",
      line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 1800 } }],
    });
    expect(embedded).not.toHaveProperty("success_url");
    expect(embedded).not.toHaveProperty("cancel_url");
    const hosted = checkoutSessionParams(INPUT, false);
    expect(hosted).not.toHaveProperty("ui_mode");
    expect(hosted).not.toHaveProperty("return_url");
    expect(hosted).toMatchObject({
      success_url: `${config.appUrl}/mes-factures/paiement?session={CHECKOUT_SESSION_ID}`,
      cancel_url: `${config.appUrl}/mes-factures?paiement=abandonne`,
    });
  });

  it("what the SDK sends to Stripe: embedded → the portal's page holds it; hosted → Stripe's page", async () => {
    const embedded = stripeAt({ id: "cs_test_emb", url: null, client_secret: "cs_test_emb_secret_x", ui_mode: "embedded_page" });
    const session = await createStripeSession(INPUT, (params, options) => embedded.client.checkout.sessions.create(params, options), true);
    expect(session).toEqual({ id: "cs_test_emb", url: `${config.appUrl}/mes-factures/paiement/carte?paiement=pay_123` });
    const [call] = embedded.sent;
    expect(call!.method).toBe("POST");
    expect(call!.url).toMatch(/^https:\/\/api\.stripe\.com\/v1\/checkout\/sessions$/);
    expect(call!.body.get("ui_mode")).toBe("embedded_page");
    expect(call!.body.get("return_url")).toBe(`${config.appUrl}/mes-factures/paiement?session={CHECKOUT_SESSION_ID}`);
    expect(call!.body.get("success_url")).toBeNull();
    expect(call!.body.get("client_reference_id")).toBe("pay_123");
    expect(call!.body.get("line_items[0][price_data][unit_amount]")).toBe("1800");
    expect(call!.headers.get("idempotency-key")).toBe("checkout:pay_123");

    const hosted = stripeAt({ id: "cs_test_host", url: "https://checkout.stripe.com/c/pay/cs_test_host" });
    expect(await createStripeSession(INPUT, (params, options) => hosted.client.checkout.sessions.create(params, options), false)).toEqual({
      id: "cs_test_host",
      url: "https://checkout.stripe.com/c/pay/cs_test_host",
    });
    expect(hosted.sent[0]!.body.get("ui_mode")).toBeNull();
    expect(hosted.sent[0]!.body.get("cancel_url")).toBe(`${config.appUrl}/mes-factures?paiement=abandonne`);
  });

  it("the embedded page's client secret: only an open embedded session of the id asked", async () => {
    const session = (over: Partial<Stripe.Checkout.Session>) => async () =>
      ({ id: "cs_1", ui_mode: "embedded_page", status: "open", client_secret: "cs_1_secret", ...over }) as Stripe.Checkout.Session;
    expect(await embeddedClientSecret("cs_1", session({}))).toBe("cs_1_secret");
    expect(await embeddedClientSecret("cs_1", session({ status: "complete" }))).toBeNull();
    expect(await embeddedClientSecret("cs_1", session({ status: "expired" }))).toBeNull();
    expect(await embeddedClientSecret("cs_1", session({ ui_mode: "hosted_page" }))).toBeNull();
    expect(await embeddedClientSecret("cs_1", session({ id: "cs_other" }))).toBeNull();
  });
});

describe("which path « Payer » takes", () => {
  it("a secret key and a publishable key: embedded; a secret key alone: the redirect", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_embedded");
    vi.stubEnv("STRIPE_PUBLISHABLE_KEY", "pk_test_embedded");
    vi.resetModules();
    const withBoth = await import("@/lib/billing/stripe");
    expect(withBoth.usesStripeStandIn).toBe(false);
    expect(withBoth.stripePublishableKey()).toBe("pk_test_embedded");
    const embedded = stripeAt({ id: "cs_test_a", url: null, ui_mode: "embedded_page" });
    await withBoth.createStripeSession(INPUT, (params, options) => embedded.client.checkout.sessions.create(params, options));
    expect(embedded.sent[0]!.body.get("ui_mode")).toBe("embedded_page");

    vi.stubEnv("STRIPE_PUBLISHABLE_KEY", "");
    expect(withBoth.usesEmbeddedCheckout()).toBe(false);
    const hosted = stripeAt({ id: "cs_test_b", url: "https://checkout.stripe.com/c/pay/cs_test_b" });
    const session = await withBoth.createStripeSession(INPUT, (params, options) => hosted.client.checkout.sessions.create(params, options));
    expect(session.url).toBe("https://checkout.stripe.com/c/pay/cs_test_b");
    expect(hosted.sent[0]!.body.get("ui_mode")).toBeNull();
  });

  it("without a secret key (the offline stand-in) a publishable key changes nothing: the stand-in's redirect", async () => {
    vi.stubEnv("STRIPE_PUBLISHABLE_KEY", "pk_test_embedded");
    const stripeModule = await import("@/lib/billing/stripe");
    expect(stripeModule.usesStripeStandIn).toBe(true);
    expect(stripeModule.usesEmbeddedCheckout()).toBe(false);
    const f = await billedFamily("Redirige");
    const { url } = await startOnlinePayment({ familyId: f.family.id, invoiceIds: f.invoices.map((i) => i.id), actor: f.actor });
    expect(url).toContain("/paiement/simulateur?session=cs_local_");
  });
});
