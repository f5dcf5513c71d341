import { publicRoute } from "@/lib/http/route";

/**
 * urlredirect: PayFiP sends the parent back here (by a link or a form). Only a redirect (303, so that a POST becomes
 * a GET and the session cookie comes along) to the return page, which shows nothing but the family's own payment.
 */
const back = publicRoute(async (request) => {
  const paymentId = new URL(request.url).searchParams.get("paiement") ?? "";
  const target = /^[\w-]{1,64}$/.test(paymentId) ? `/mes-factures/paiement?paiement=${encodeURIComponent(paymentId)}` : "/mes-factures";
  return new Response(null, { status: 303, headers: { location: target } });
});

export const GET = back;
export const POST = back;
