import { computeCafFigures } from "@/lib/billing/caf-figures/compute-caf-figures";
import { cafFiguresCsv } from "@/lib/billing/caf-figures/caf-csv";
import { cafPeriod } from "@/lib/billing/caf-figures/periods";
import { NotFoundError } from "@/lib/errors";
import { attachment } from "@/lib/http/download";
import { staffRoute } from "@/lib/http/route";

/** `/admin/facturation/caf/export?lieu=…&periode=2026-11`: the CAF's figures as CSV (« ; », BOM, formulas neutralised). */
export const GET = staffRoute(async (request, staff) => {
  const url = new URL(request.url);
  const structureId = url.searchParams.get("lieu") ?? "";
  const period = cafPeriod(url.searchParams.get("periode") ?? undefined);
  if (!period || !/^[\w-]{1,64}$/.test(structureId)) throw new NotFoundError("Lieu d'accueil ou période introuvable.");
  const figures = await computeCafFigures({ structureId, from: period.from, to: period.to, scope: staff.scope });
  return attachment(`\uFEFF${cafFiguresCsv(figures)}`, `chiffres-caf-${period.key}.csv`, "text/csv; charset=utf-8");
});

export const dynamic = "force-dynamic";
