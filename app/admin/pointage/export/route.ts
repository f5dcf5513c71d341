import { NextResponse } from "next/server";
import { stringify } from "csv-stringify/sync";
import { attendanceExport } from "@/lib/reservations/export-attendance";
import { firstOf, isMonth, lastOf, parisDay } from "@/lib/calendar/paris";
import { DAY_RANGES, filterDay, monthInRange } from "@/lib/forms/date-ranges";
import { formatCalendarDate } from "@/lib/format";
import { RESERVATION_CODES } from "@/lib/workflow";
import { attachment } from "@/lib/http/download";
import { staffRoute } from "@/lib/http/route";

/**
 * The attendance of a day (`jour=YYYY-MM-DD`) or a month (`mois=YYYY-MM`) of an activity, as CSV for a CAF
 * return (« ; » and a BOM, as a French spreadsheet opens it): child, date, unit, hours, pointage.
 */
export const GET = staffRoute(async (request, staff) => {
  const url = new URL(request.url);
  const activityId = url.searchParams.get("activite") ?? "";
  const day = url.searchParams.get("jour") ?? "";
  const month = url.searchParams.get("mois") ?? "";
  const today = parisDay(new Date());
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(day) && filterDay(day, today) === day;
  const validMonth = isMonth(month) && monthInRange(month, DAY_RANGES.filter, today);
  if (!validDay && !validMonth) return NextResponse.json({ error: "Indiquez un jour ou un mois." }, { status: 400 });
  const [from, to] = validDay ? [day, day] : [firstOf(month), lastOf(month)];
  const exported = activityId.length <= 64 ? await attendanceExport({ activityId, from, to, scope: staff.scope }) : null;
  if (!exported) return NextResponse.json({ error: "Activité introuvable." }, { status: 404 });
  const { activity, rows } = exported;
  const csv = stringify(
    rows.map((r) => [
      r.lastName,
      r.firstName,
      formatCalendarDate(r.birthDate),
      r.cafNumber,
      formatCalendarDate(r.date),
      r.unit,
      r.start,
      r.end,
      r.hours.toFixed(2).replace(".", ","),
      RESERVATION_CODES[r.status],
    ]),
    {
      header: true,
      delimiter: ";",
      escape_formulas: true,
      columns: [
        "Nom",
        "Prénom",
        "Date de naissance",
        "N° allocataire CAF",
        "Date",
        "Unité",
        "Début",
        "Fin",
        "Heures de présence",
        "Pointage",
      ],
    },
  );
  const name = `pointage-${activity.name
    .normalize("NFD")
    .replace(/[^\w-]+/g, "-")
    .replace(/-+/g, "-")
    .toLowerCase()}-${validDay ? day : month}.csv`;
  return attachment(`\uFEFF${csv}`, name, "text/csv; charset=utf-8");
});

export const dynamic = "force-dynamic";
