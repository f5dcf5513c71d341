import { inscriptionAttestation } from "@/lib/inscriptions/render-inscription-attestation";
import { attachment } from "@/lib/http/download";
import { parentRoute } from "@/lib/http/route";

/** The attestation PDF of one of the family's validated inscriptions. */
export const GET = parentRoute(async (_request, parent, { params }: { params: Promise<{ inscriptionId: string }> }) => {
  const { inscriptionId } = await params;
  const { fileName, bytes } = await inscriptionAttestation({ id: inscriptionId, familyId: parent.familyId });
  return attachment(bytes, fileName, "application/pdf");
});
