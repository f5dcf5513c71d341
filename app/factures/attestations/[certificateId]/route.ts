import { NextResponse } from "next/server";
import { FileMissingError } from "@/lib/documents/open-document";
import { openTaxCertificate } from "@/lib/billing/tax-certificates/list-tax-certificates";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { attachment } from "@/lib/http/download";
import { parentOrStaffRoute } from "@/lib/http/route";

const NOT_FOUND = "Attestation introuvable.";

/**
 * `/factures/attestations/<id>`: an attestation fiscale's PDF (ADR 056) — the family's own for a parent (another
 * family's answers as a missing one), the staff's lieux for staff.
 */
export const GET = parentOrStaffRoute(async (_request, { user, familyId }, { params }: { params: Promise<{ certificateId: string }> }) => {
  const { certificateId } = await params;
  if (!/^[\w-]{1,64}$/.test(certificateId)) throw new NotFoundError(NOT_FOUND);
  try {
    const file = await openTaxCertificate({ id: certificateId, familyId, scope: user.scope });
    return attachment(file.bytes, file.fileName, file.mimeType);
  } catch (error) {
    if (error instanceof UserFacingError) throw new NotFoundError(NOT_FOUND);
    if (error instanceof FileMissingError)
      return new NextResponse("Cette attestation n'est plus disponible : demandez-la à la structure.", {
        status: 410,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    throw error;
  }
});

export const dynamic = "force-dynamic";
