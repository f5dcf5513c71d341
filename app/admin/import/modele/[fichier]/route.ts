import { NextResponse } from "next/server";
import { attachment } from "@/lib/http/download";
import { staffRoute } from "@/lib/http/route";
import { importTemplate, IMPORT_COLUMNS, type ImportFileKind } from "@/lib/import/columns";

/** The template of one import file: its columns and one example line, « ; » and a BOM (Excel opens it as it is). Administrators only, as the page. */
export const GET = staffRoute<{ params: Promise<{ fichier: string }> }>(async (_request, staff, context) => {
  if (staff.role !== "ADMIN") return NextResponse.json({ error: "Réservé aux administrateurs." }, { status: 403 });
  const { fichier } = await context.params;
  if (!Object.hasOwn(IMPORT_COLUMNS, fichier)) return NextResponse.json({ error: "Modèle introuvable." }, { status: 404 });
  return attachment(importTemplate(fichier as ImportFileKind), `modele-${fichier}.csv`, "text/csv; charset=utf-8");
});
