import { timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { storeStandInEmail } from "@/lib/email/store-stand-in-email";
import { config, STAND_IN_API_KEY } from "@/lib/config";
import { clientIp, isLoopback } from "@/lib/net/client-ip";
import { readBodyUpTo } from "@/lib/net/read-body";
import { signedRoute } from "@/lib/http/route";

/**
 * A local stand-in for Resend's POST /emails, used when RESEND_API_KEY is not
 * set. It answers like Resend (same shapes, Idempotency-Key honoured) and keeps
 * what it received, so the whole delivery path runs without the internet.
 * Only this machine may call it (loopback, as our server resolved the address),
 * with this installation's random key, and with a bounded body.
 */
export const MAX_STAND_IN_BODY = 1024 * 1024;

const payload = z.object({
  from: z.string().max(500),
  to: z.union([z.string().max(500), z.array(z.string().max(500)).max(50)]),
  subject: z.string().max(500),
  html: z.string().optional(),
  text: z.string().optional(),
});

function problem(statusCode: number, name: string, message: string) {
  return NextResponse.json({ statusCode, name, message }, { status: statusCode });
}

function keyMatches(header: string | null): boolean {
  const expected = Buffer.from(`Bearer ${STAND_IN_API_KEY}`);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Who may call, answered as Resend would (its error shape): this machine, with this installation's key. */
async function verify(request: Request): Promise<Response | true> {
  if (!config.usesEmailStandIn) return problem(404, "not_found", "Le service local est désactivé.");
  if (!isLoopback(clientIp(request.headers))) return problem(403, "forbidden", "Service réservé à cette machine.");
  if (!keyMatches(request.headers.get("authorization"))) return problem(401, "missing_api_key", "Clé d'API absente ou invalide.");
  return true;
}

export const POST = signedRoute(verify, async (request) => {
  if (process.env.RESEND_STAND_IN_FAIL === "1") return problem(503, "application_error", "Panne simulée du service d'e-mail.");
  const body = await readBodyUpTo(request, MAX_STAND_IN_BODY);
  if (body === null) return problem(413, "payload_too_large", "Requête trop volumineuse.");
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    // answered below
  }
  const parsed = payload.safeParse(json);
  if (!parsed.success) return problem(422, "validation_error", "Requête invalide.");
  const key = request.headers.get("idempotency-key")?.slice(0, 256);
  const data = {
    from: parsed.data.from,
    to: Array.isArray(parsed.data.to) ? parsed.data.to.join(", ") : parsed.data.to,
    subject: parsed.data.subject,
    html: parsed.data.html ?? "",
    text: parsed.data.text ?? "",
  };
  const stored = await storeStandInEmail(data, key);
  return NextResponse.json({ id: stored.id });
});
