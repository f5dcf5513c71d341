import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/check-health";
import { publicRoute } from "@/lib/http/route";

/**
 * For monitoring: 200 when the app and its database answer, 503 otherwise.
 * Says nothing about families; no session needed.
 */
export const GET = publicRoute(async () => {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.statut === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
});
