import "server-only";
import { stringify } from "csv-stringify/sync";
import { formatCalendarDate } from "@/lib/format";
import type { CafFigures } from "./compute-caf-figures";
import { decimalHours } from "./periods";

/**
 * The CAF's figures as CSV for the declaration (ADR 057): « ; », hours in decimal with a comma, formulas neutralised
 * (a name typed « =1+1 » stays text), one line per child and care type, then one « Total » line per care type. The BOM
 * is added by the route (Excel reads it as UTF-8).
 */
export function cafFiguresCsv(figures: CafFigures): string {
  const h = decimalHours;
  return stringify(
    [
      ...figures.rows.map((r) => [
        r.lastName,
        r.firstName,
        formatCalendarDate(r.birthDate),
        r.cafNumber,
        r.careType,
        r.category,
        h(r.realisedUnder6),
        h(r.realised6Plus),
        h(r.realisedUnder6 + r.realised6Plus),
        h(r.billedUnder6),
        h(r.billed6Plus),
        h(r.billedUnder6 + r.billed6Plus),
      ]),
      ...figures.totals.map((t) => [
        "Total",
        `${t.childrenUnder6} enfant(s) de moins de 6 ans, ${t.children6Plus} de 6 ans et plus`,
        "",
        "",
        t.careType,
        t.category,
        h(t.realisedUnder6),
        h(t.realised6Plus),
        h(t.realisedUnder6 + t.realised6Plus),
        h(t.billedUnder6),
        h(t.billed6Plus),
        h(t.billedUnder6 + t.billed6Plus),
      ]),
    ],
    {
      header: true,
      delimiter: ";",
      escape_formulas: true,
      columns: [
        "Nom",
        "Prénom",
        "Date de naissance",
        "N° allocataire",
        "Type d'accueil",
        "Catégorie CAF",
        "Heures réalisées moins de 6 ans",
        "Heures réalisées 6 ans et plus",
        "Heures réalisées total",
        "Heures facturées moins de 6 ans",
        "Heures facturées 6 ans et plus",
        "Heures facturées total",
      ],
    },
  );
}
