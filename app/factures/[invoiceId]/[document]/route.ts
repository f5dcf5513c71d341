import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/auth/session";
import { invoicePdf } from "@/lib/billing/render-invoice-pdf";
import { UserFacingError } from "@/lib/errors";
import { attachment } from "@/lib/http/download";

/**
 * `/factures/<id>/facture` and `/factures/<id>/quittance`: the PDF of an invoice (or an avoir) and the quittance of a
 * paid one — the family's own for a parent (another family's answers as a missing one), any for staff.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ invoiceId: string; document: string }> }) {
  const user = await getSessionUser();
  const staff = user?.role === "STAFF" || user?.role === "ADMIN";
  if (!user || (!staff && (user.role !== "PARENT" || !user.familyId)))
    return NextResponse.json({ error: "Accès refusé." }, { status: 403 });
  const { invoiceId, document } = await params;
  if ((document !== "facture" && document !== "quittance") || !/^[\w-]{1,64}$/.test(invoiceId))
    return NextResponse.json({ error: "Document introuvable." }, { status: 404 });
  try {
    const { fileName, bytes } = await invoicePdf({ invoiceId, document, familyId: staff ? null : user.familyId });
    return attachment(bytes, fileName, "application/pdf");
  } catch (error) {
    if (error instanceof UserFacingError)
      return NextResponse.json({ error: error.message }, { status: error.name === "NotFoundError" ? 404 : 409 });
    throw error;
  }
}

export const dynamic = "force-dynamic";
