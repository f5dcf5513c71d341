import { batchFile } from "@/lib/billing/sepa/export-batch";
import { NotFoundError } from "@/lib/errors";
import { attachment } from "@/lib/http/download";
import { staffRoute } from "@/lib/http/route";

/** `/admin/facturation/prelevements/<lot>/fichier`: the batch's pain.008 file, as it was exported (staff of its lieu). */
export const GET = staffRoute(async (_request, staff, { params }: { params: Promise<{ batchId: string }> }) => {
  const { batchId } = await params;
  if (!/^[\w-]{1,64}$/.test(batchId)) throw new NotFoundError("Lot introuvable.");
  const { fileName, xml } = await batchFile({ batchId, scope: staff.scope });
  return attachment(xml, fileName, "application/xml; charset=utf-8");
});

export const dynamic = "force-dynamic";
