import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { config, STAND_IN_API_KEY } from "@/lib/config";

/**
 * A local stand-in for Resend's POST /emails, used when RESEND_API_KEY is not
 * set. It answers like Resend (same shapes, Idempotency-Key honoured) and keeps
 * what it received, so the whole delivery path runs without the internet.
 */
const payload = z.object({
  from: z.string(),
  to: z.union([z.string(), z.array(z.string())]),
  subject: z.string(),
  html: z.string().optional(),
  text: z.string().optional(),
});

function problem(statusCode: number, name: string, message: string) {
  return NextResponse.json({ statusCode, name, message }, { status: statusCode });
}

export async function POST(request: Request) {
  if (!config.usesEmailStandIn) return problem(404, "not_found", "Le service local est désactivé.");
  if (request.headers.get("authorization") !== `Bearer ${STAND_IN_API_KEY}`) {
    return problem(401, "missing_api_key", "Clé d'API absente ou invalide.");
  }
  if (process.env.RESEND_STAND_IN_FAIL === "1") return problem(503, "application_error", "Panne simulée du service d'e-mail.");
  const parsed = payload.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return problem(422, "validation_error", "Requête invalide.");
  const key = request.headers.get("idempotency-key");
  const data = {
    from: parsed.data.from,
    to: Array.isArray(parsed.data.to) ? parsed.data.to.join(", ") : parsed.data.to,
    subject: parsed.data.subject,
    html: parsed.data.html ?? "",
    text: parsed.data.text ?? "",
  };
  const stored = key
    ? await db.standInEmail.upsert({ where: { idempotencyKey: key }, create: { ...data, idempotencyKey: key }, update: {}, select: { id: true } })
    : await db.standInEmail.create({ data, select: { id: true } });
  return NextResponse.json({ id: stored.id });
}
