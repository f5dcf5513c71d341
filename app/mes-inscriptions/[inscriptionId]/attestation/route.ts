import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/auth/session";
import { inscriptionAttestation } from "@/lib/inscriptions/render-inscription-attestation";
import { UserFacingError } from "@/lib/errors";
import { attachment } from "@/lib/http/download";

/** The attestation PDF of one of the family's validated inscriptions. */
export async function GET(_request: Request, { params }: { params: Promise<{ inscriptionId: string }> }) {
  const user = await getSessionUser();
  if (!user || user.role !== "PARENT" || !user.familyId) {
    return NextResponse.json({ error: "Accès refusé." }, { status: 403 });
  }
  const { inscriptionId } = await params;
  try {
    const { fileName, bytes } = await inscriptionAttestation({ id: inscriptionId, familyId: user.familyId });
    return attachment(bytes, fileName, "application/pdf");
  } catch (error) {
    if (error instanceof UserFacingError) {
      return NextResponse.json({ error: error.message }, { status: error.name === "NotFoundError" ? 404 : 409 });
    }
    throw error;
  }
}
