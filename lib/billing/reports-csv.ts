import type { RevenueReport } from "./reports";
import type { UtilizationReport } from "./reports-utilization";

export type CsvCell = string | number | null | undefined;
export type CsvColumn<T> = { header: string; value: (row: T) => CsvCell };

// A spreadsheet runs a cell that starts with one of these as a formula (tab and CR too, per OWASP's CSV injection
// advice): studio and room names are typed by people, so text cells get a leading ' and are shown as typed.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  // Numbers are ours (cents, minutes): a negative amount is a number, not a formula.
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a line break. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)), ...rows.map((row) => columns.map((c) => cell(c.value(row))))];
  return lines.map((fields) => fields.join(",")).join("\r\n") + "\r\n";
}

/** Shown for a revenue row with no room (storage, or a charge linked to no booking). */
export const NO_ROOM = "—";

type RevenueRow = RevenueReport["rows"][number];
export const REVENUE_COLUMNS: CsvColumn<RevenueRow>[] = [
  { header: "month", value: (r) => r.month },
  { header: "studio", value: (r) => r.studioName },
  { header: "room", value: (r) => r.roomName ?? NO_ROOM },
  { header: "currency", value: (r) => r.currency },
  { header: "room_time_cents", value: (r) => r.byKind.room_time },
  { header: "overtime_cents", value: (r) => r.byKind.overtime },
  { header: "add_on_cents", value: (r) => r.byKind.add_on },
  { header: "storage_night_cents", value: (r) => r.byKind.storage_night },
  { header: "late_cancel_fee_cents", value: (r) => r.byKind.late_cancel_fee },
  { header: "no_show_fee_cents", value: (r) => r.byKind.no_show_fee },
  { header: "credit_cents", value: (r) => r.byKind.credit },
  { header: "total_cents", value: (r) => r.totalCents },
  { header: "paid_cents", value: (r) => r.paidCents },
  { header: "outstanding_cents", value: (r) => r.outstandingCents },
  // Tax is collected for the tax authority: its own column, never in total_cents (revenue).
  { header: "tax_cents", value: (r) => r.taxCents },
];

type UtilizationRow = UtilizationReport["rows"][number];
export const UTILIZATION_COLUMNS: CsvColumn<UtilizationRow>[] = [
  { header: "month", value: (r) => r.month },
  { header: "studio", value: (r) => r.studioName },
  { header: "room", value: (r) => r.roomName },
  { header: "time_zone", value: (r) => r.timeZone },
  { header: "open_minutes", value: (r) => r.openMinutes },
  { header: "booked_minutes", value: (r) => r.bookedMinutes },
  { header: "utilization_percent", value: (r) => r.utilizationPercent },
];

/** "revenue-2026-01-2026-11.csv" */
export const csvFilename = (report: "revenue" | "utilization", range: { from: string; to: string }) =>
  `${report}-${range.from}-${range.to}.csv`;

/** A CSV download: UTF-8, an attachment with its file name. */
export function csvResponse(body: string, filename: string) {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
