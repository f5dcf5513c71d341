import { mandatePdf } from "@/lib/billing/sepa/mandate-pdf";
import { NotFoundError } from "@/lib/errors";
import { attachment } from "@/lib/http/download";
import { parentOrStaffRoute } from "@/lib/http/route";

/** `/mes-factures/prelevement/mandat/<id>`: the mandate's PDF — the family's own for a parent, any of their lieux for staff. */
export const GET = parentOrStaffRoute(async (_request, { user, familyId }, { params }: { params: Promise<{ mandateId: string }> }) => {
  const { mandateId } = await params;
  if (!/^[\w-]{1,64}$/.test(mandateId)) throw new NotFoundError("Mandat introuvable.");
  const { fileName, bytes } = await mandatePdf({ mandateId, familyId, scope: user.scope });
  return attachment(bytes, fileName, "application/pdf");
});

export const dynamic = "force-dynamic";
