import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/auth/session";
import { openDocument } from "@/lib/documents/open";
import { UserFacingError } from "@/lib/errors";
import { attachment } from "@/lib/http/download";

/** `/documents/<id>`: a document's file, always as a download with its safe name (never shown inline). */
export async function GET(_request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const user = await getSessionUser();
  const staff = user?.role === "STAFF" || user?.role === "ADMIN";
  if (!user || (!staff && (user.role !== "PARENT" || !user.familyId))) return NextResponse.json({ error: "Accès refusé." }, { status: 403 });
  const { documentId } = await params;
  if (!/^[\w-]{1,64}$/.test(documentId)) return NextResponse.json({ error: "Document introuvable." }, { status: 404 });
  try {
    const file = await openDocument({ id: documentId, familyId: staff ? null : user.familyId });
    return attachment(file.bytes, file.fileName, file.mimeType);
  } catch (error) {
    if (error instanceof UserFacingError) return NextResponse.json({ error: "Document introuvable." }, { status: 404 });
    throw error;
  }
}

export const dynamic = "force-dynamic";
