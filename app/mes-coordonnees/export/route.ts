import { familyDataExport } from "@/lib/privacy/export-family-data";
import { attachment } from "@/lib/http/download";
import { parentRoute } from "@/lib/http/route";

/** The family's data as one ZIP (RGPD): the parent's own family only. */
export const GET = parentRoute(async (_request, parent) => {
  const { fileName, bytes } = await familyDataExport(parent.familyId);
  return attachment(bytes, fileName, "application/zip");
});

export const dynamic = "force-dynamic";
