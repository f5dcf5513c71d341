import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/auth/session";
import { familyDataExport } from "@/lib/privacy/export-family-data";
import { attachment } from "@/lib/http/download";

/** The family's data as one ZIP (RGPD): the parent's own family only. */
export async function GET() {
  const user = await getSessionUser();
  if (!user || user.role !== "PARENT" || !user.familyId) return NextResponse.json({ error: "Accès refusé." }, { status: 403 });
  const { fileName, bytes } = await familyDataExport(user.familyId);
  return attachment(bytes, fileName, "application/zip");
}

export const dynamic = "force-dynamic";
