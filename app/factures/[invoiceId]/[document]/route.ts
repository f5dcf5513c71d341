import { invoicePdf } from "@/lib/billing/render-invoice-pdf";
import { NotFoundError } from "@/lib/errors";
import { attachment } from "@/lib/http/download";
import { parentOrStaffRoute } from "@/lib/http/route";

/**
 * `/factures/<id>/facture` and `/factures/<id>/quittance`: the PDF of an invoice (or an avoir) and the quittance of a
 * paid one — the family's own for a parent (another family's answers as a missing one), any for staff.
 */
export const GET = parentOrStaffRoute(
  async (_request, { user, familyId }, { params }: { params: Promise<{ invoiceId: string; document: string }> }) => {
    const { invoiceId, document } = await params;
    if ((document !== "facture" && document !== "quittance") || !/^[\w-]{1,64}$/.test(invoiceId))
      throw new NotFoundError("Document introuvable.");
    const { fileName, bytes } = await invoicePdf({ invoiceId, document, familyId, scope: user.scope });
    return attachment(bytes, fileName, "application/pdf");
  },
);

export const dynamic = "force-dynamic";
