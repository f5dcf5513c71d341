import type { ImportReport } from "./run-import";
import type { ReportLine } from "./plan-import";

/** Lines sent to the page: errors first, then what changes; « inchangé » lines are only counted (10 000 lines stay light). */
export const REPORT_LINES_SHOWN = 1000;

export interface ImportSummary extends Omit<ImportReport, "lines"> {
  lines: ReportLine[];
  hiddenLines: number;
}

export function summariseReport(report: ImportReport): ImportSummary {
  const shown = [
    ...report.lines.filter((l) => l.action === "ERROR"),
    ...report.lines.filter((l) => l.action === "CREATE" || l.action === "UPDATE"),
  ];
  return { ...report, lines: shown.slice(0, REPORT_LINES_SHOWN), hiddenLines: Math.max(0, shown.length - REPORT_LINES_SHOWN) };
}
