import { NextResponse, type NextRequest } from "next/server";
import { fileSize, JSON_ACTION_BODY_LIMIT, MAX_UPLOAD_BYTES, UPLOAD_ACTION_BODY_LIMIT } from "@/lib/files/limits";
import { actionHostedAt, modelRefusal, multipartRefusal, productionActionMap, UNREADABLE } from "@/lib/http/action-request";

/**
 * Runs before every page, action and route:
 *  - a Content-Security-Policy with a fresh nonce per request (Next.js puts it
 *    on its own inline scripts), HSTS when the app is served over https;
 *  - server-action requests that cannot be ours (another origin, an oversized
 *    or malformed body, an action the page does not hold) get a clear 4xx in
 *    French here, instead of a 500 from deep inside;
 *  - comfort only: visitors without a session cookie are sent to the sign-in
 *    page before a protected page renders. Every page, action and route checks
 *    the session, the role and the ownership of each id itself (lib/auth/session.ts).
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PROTECTED = [
  "/admin",
  "/tableau-de-bord",
  "/ma-famille",
  "/mes-coordonnees",
  "/mes-inscriptions",
  "/mes-reservations",
  "/mes-factures",
  "/paiement",
  "/factures",
  "/documents",
  "/telechargements",
  "/mes-envois",
  "/mes-messages",
];

/** Stripe's embedded Checkout (ADR 014), only when it is configured: Stripe.js, its frames and its API. */
const embeddedStripe = () => Boolean(process.env.STRIPE_SECRET_KEY && process.env.STRIPE_PUBLISHABLE_KEY);

function contentSecurityPolicy(nonce: string, https: boolean): string {
  const stripe = embeddedStripe();
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${stripe ? " https://js.stripe.com" : ""}`,
    ...(stripe
      ? [
          "frame-src https://js.stripe.com https://checkout.stripe.com https://*.stripe.com",
          "connect-src 'self' https://api.stripe.com https://checkout.stripe.com",
        ]
      : []),
    `style-src 'self' 'nonce-${nonce}'`,
    // React and Next.js set a few style attributes (the route announcer…).
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' blob: data:${stripe ? " https://*.stripe.com" : ""}`,
    "font-src 'self'",
    ...(stripe ? [] : ["connect-src 'self'"]),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * A refusal in French, as plain `text/plain` (Next.js's client then hands the text to the form, which shows it:
 * components/form/call-action.ts), and one quiet line in the log (no stack: anyone can send these).
 */
function refuse(request: NextRequest, status: number, message: string): NextResponse {
  console.warn(`[requête refusée] ${status} ${request.method} ${JSON.stringify(request.nextUrl.pathname.slice(0, 120))} : ${message}`);
  return new NextResponse(message, { status, headers: { "content-type": "text/plain" } });
}

/**
 * A server action posted from elsewhere, too big to be one of our forms, posted to a page that does not hold it, or
 * whose body is not what our forms send (React's encoding: JSON as text/plain, or multipart with a file): a clear
 * 4xx here, never an « application error » nor a stack in the log (lib/http/action-request.ts).
 */
async function badActionRequest(request: NextRequest): Promise<NextResponse | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  // Our actions' ids are long hexadecimal strings; anything else was not sent by one of our pages.
  const actionId = request.headers.get("next-action") ?? "";
  if (!/^[0-9a-f]{40,64}$/.test(actionId)) return refuse(request, 400, "Requête refusée : formulaire inconnu.");
  const declared = request.headers.get("content-length");
  if (declared === null) return refuse(request, 411, "Requête refusée : longueur du formulaire absente.");
  const contentType = request.headers.get("content-type") ?? "";
  const multipart = contentType.startsWith("multipart/form-data");
  const length = Number(declared);
  if (multipart && length > UPLOAD_ACTION_BODY_LIMIT) {
    return refuse(
      request,
      413,
      `Requête refusée : l'envoi fait ${fileSize(length)}, c'est plus que les ${fileSize(MAX_UPLOAD_BYTES).replace(",0 ", " ")} acceptés pour un fichier.`,
    );
  }
  if (!multipart && length > JSON_ACTION_BODY_LIMIT)
    return refuse(request, 413, "Requête refusée : le formulaire envoyé est trop volumineux (1 Mo au plus).");
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== host) return refuse(request, 403, "Requête refusée : elle ne vient pas d'une page du portail.");
  }
  if (actionHostedAt(productionActionMap(), request.nextUrl.pathname, actionId) === false) {
    return refuse(request, 404, "Requête refusée : ce formulaire n'existe pas sur cette page. Rechargez la page, puis recommencez.");
  }
  let refusal: string | null;
  if (multipart) refusal = await multipartRefusal(new Uint8Array(await request.clone().arrayBuffer()), contentType);
  else if (contentType.startsWith("text/plain")) refusal = modelRefusal(await request.clone().text(), new Set(), true);
  else refusal = UNREADABLE;
  return refusal ? refuse(request, 400, refusal) : null;
}

export async function proxy(request: NextRequest) {
  const refused = await badActionRequest(request);
  if (refused) return refused;

  const { pathname } = request.nextUrl;
  if (PROTECTED.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) {
    const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
    if (!hasSession) {
      const url = request.nextUrl.clone();
      url.pathname = "/connexion";
      url.search = `?retour=${encodeURIComponent(pathname + request.nextUrl.search)}`;
      return NextResponse.redirect(url);
    }
  }

  const https = (process.env.APP_URL ?? "").startsWith("https://");
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, https);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  if (https) response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  return response;
}

export const config = {
  // Everything but Next.js's static files (they carry no inline script).
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
