import { beforeAll, describe, expect, it, vi } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";

/**
 * Route handlers by construction, as server actions are: every exported HTTP method of every `app/**\/route.ts` is
 * built by one of the wrappers of lib/http/route.ts, which checks who calls before it reads the request. The list of
 * handlers is read from the files themselves, so a new route cannot be forgotten here.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { AccessDeniedError, AppError, NotFoundError, ServiceUnavailableError, UserFacingError } from "@/lib/errors";
import { RejectedEventError } from "@/lib/billing/handle-stripe-webhook";
import { errorResponse, routeAudienceOf, type RouteAudience } from "@/lib/http/route";
import { createFamily, createStaffUser, hashedPassword, uniqueEmail } from "@/prisma/factories";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { stripe, webhookSecret } from "@/lib/billing/stripe";
import { POST as stripeWebhook } from "@/app/api/stripe/webhook/route";
import { GET as exportPayments } from "@/app/admin/paiements/export/route";
import { prisma } from "./helpers";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

const modules = import.meta.glob("../app/**/route.ts", { eager: true }) as Record<string, Record<string, unknown>>;
const handlers = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name]) => METHODS.includes(name))
    .map(([method, handler]) => ({ route: `${method} ${file.replace("../", "")}`, handler })),
);

/** The only handlers anyone may call without a session or a proof. Adding one here is a decision. */
const PUBLIC = [
  "GET app/api/auth/[...nextauth]/route.ts",
  "POST app/api/auth/[...nextauth]/route.ts",
  "GET app/api/logo/route.ts",
  "GET app/api/sante/route.ts",
  // No session: calendar apps fetch it alone; the secret in its URL is the key (unknown or revoked: 404).
  "GET app/calendrier/[token]/route.ts",
  // Only a redirect: to the signed-in role's home (read from the session), else to the sign-in page (ADR 037).
  "GET app/connexion/suite/route.ts",
  // PayFiP's notification is unsigned: nothing of it is believed, the service is asked for the result (ADR 054).
  "POST app/api/payfip/notification/route.ts",
  // Only a redirect (303) to the return page, which shows the signed-in family's own payment only.
  "GET app/api/payfip/retour/route.ts",
  "POST app/api/payfip/retour/route.ts",
];

/** Machines that prove themselves with the request (a signature, a key) instead of a session. */
const SIGNED = [
  "POST app/api/resend-stand-in/emails/route.ts",
  "POST app/api/stripe/webhook/route.ts",
  // The PayFiP stand-in's SOAP service: this machine only (loopback), and only while the stand-in serves.
  "POST app/api/payfip-stand-in/services/securite/route.ts",
];

type Caller = "PARENT" | "STAFF" | "PARENT_WITHOUT_FAMILY";

/** Who is refused, for each audience that needs a session. */
const WRONG_CALLERS: Record<Exclude<RouteAudience, "PUBLIC" | "SIGNED">, Caller[]> = {
  PARENT: ["STAFF", "PARENT_WITHOUT_FAMILY"],
  PARENT_OR_STAFF: ["PARENT_WITHOUT_FAMILY"],
  STAFF: ["PARENT", "PARENT_WITHOUT_FAMILY"],
};

/** Parameters no route would find: a refusal must come before they are read. */
const params = Promise.resolve({ documentId: "x", invoiceId: "x", document: "facture", inscriptionId: "x", token: "x.ics" });
const call = (handler: unknown, method: string) =>
  (handler as (request: Request, context: unknown) => Promise<Response>)(
    new Request("http://localhost/route", { method, body: method === "GET" ? undefined : "{}" }),
    { params },
  );

let users: Record<Caller, string>;
beforeAll(async () => {
  const lonely = await prisma.user.create({
    data: {
      email: uniqueEmail("sans-famille"),
      passwordHash: await hashedPassword("x"),
      role: "PARENT",
      displayName: "Parent sans famille",
    },
  });
  users = { PARENT: (await createFamily(prisma)).user.id, STAFF: (await createStaffUser(prisma)).id, PARENT_WITHOUT_FAMILY: lonely.id };
});

describe("every route handler", () => {
  it("is found (the glob reads every route.ts)", () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(12);
    expect(handlers.length).toBeGreaterThanOrEqual(13);
  });

  it.each(handlers.map((h) => [h.route, h] as const))(
    "%s is built by a wrapper and refuses who may not call it",
    async (route, { handler }) => {
      const audience = routeAudienceOf(handler);
      expect(audience, `${route} n'est pas construit par publicRoute/signedRoute/parentRoute/parentOrStaffRoute/staffRoute`).toBeDefined();
      expect(audience === "PUBLIC", "la liste PUBLIC de ce test").toBe(PUBLIC.includes(route));
      expect(audience === "SIGNED", "la liste SIGNED de ce test").toBe(SIGNED.includes(route));
      if (audience === "PUBLIC") return;
      const method = route.split(" ")[0]!;
      session.current = null;
      if (audience === "SIGNED") {
        // Without its proof (no signature, no key, not from this machine): refused, nothing read.
        const answer = await call(handler, method);
        expect(answer.status, route).toBeGreaterThanOrEqual(400);
        expect(answer.status, route).toBeLessThan(500);
        return;
      }
      // Anonymous, then the wrong callers: « Accès refusé. » before anything of the request is read.
      for (const caller of [null, ...WRONG_CALLERS[audience!]]) {
        session.current = caller ? { user: { id: users[caller] } } : null;
        const answer = await call(handler, method);
        expect(answer.status, `${route} appelé par ${caller ?? "un anonyme"}`).toBe(403);
        expect(await answer.json()).toEqual({ error: "Accès refusé." });
      }
    },
  );
});

describe("the one mapping of our errors to HTTP", () => {
  it.each([
    [new NotFoundError(), 404, "Élément introuvable."],
    [new AccessDeniedError(), 403, "Accès refusé."],
    [new UserFacingError("Déjà payée."), 409, "Déjà payée."],
    [new RejectedEventError("Signature Stripe invalide."), 400, "Signature Stripe invalide."],
    [new AppError("GONE", "Plus là."), 410, "Plus là."],
    [new AppError("INTERNAL", "Erreur technique : l'événement sera renvoyé."), 500, "Erreur technique : l'événement sera renvoyé."],
  ])("%s → %i with its French message", async (error, status, message) => {
    const answer = errorResponse(error);
    expect(answer.status).toBe(status);
    expect(await answer.json()).toEqual({ error: message });
    expect(answer.headers.get("retry-after")).toBeNull();
  });

  it("an unavailable database (as Prisma throws it) → 503, its French message and Retry-After", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    for (const thrown of [new ServiceUnavailableError("SATURATED", null), Object.assign(new Error("x"), { code: "P1001" })]) {
      const answer = errorResponse(thrown);
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("30");
      expect((await answer.json()).error).toMatch(/^Le service est (très sollicité|momentanément indisponible)/);
    }
    vi.mocked(console.error).mockRestore();
  });

  it("anything else is a bug: thrown again, for Next.js to answer 500 and log", () => {
    const bug = new TypeError("x is undefined");
    expect(() => errorResponse(bug)).toThrow(bug);
  });
});

describe("a route while the database is unreachable", () => {
  it("answers 503 with Retry-After and a French body: the webhook its own (Stripe sends the event again), a staff route the service's", async () => {
    const payload = JSON.stringify({
      id: `evt_panne_${Date.now()}`,
      object: "event",
      type: "checkout.session.expired",
      data: { object: { id: "cs_panne" } },
    });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    session.current = { user: { id: users.STAFF } };
    const holder = globalThis as unknown as { prisma?: PrismaClient };
    const real = holder.prisma;
    holder.prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://x:y@127.0.0.1:9/none" }) });
    vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const webhook = await stripeWebhook(
        new Request("http://localhost/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": signature } }),
      );
      expect(webhook.status).toBe(503);
      expect(webhook.headers.get("retry-after")).toBe("30");
      expect(await webhook.json()).toEqual({ error: "Service momentanément indisponible : l'événement sera renvoyé." });
      // The session itself cannot be read: a technical failure, never « Accès refusé. ».
      const staff = await exportPayments(new Request("http://localhost/admin/paiements/export"));
      expect(staff.status).toBe(503);
      expect(staff.headers.get("retry-after")).toBe("30");
      expect(await staff.json()).toEqual({ error: "Le service est momentanément indisponible : réessayez dans quelques minutes." });
    } finally {
      await holder.prisma.$disconnect();
      holder.prisma = real;
      vi.mocked(console.error).mockRestore();
      session.current = null;
    }
  });
});
