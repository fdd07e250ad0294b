import { z } from "zod";
import { str } from "../input";

/** The longest range a report covers: two years of months keeps every query and page bounded. */
export const MAX_REPORT_MONTHS = 24;

/** A calendar month, "YYYY-MM" (years 2000–2099: the ledger has nothing older and nothing that far ahead). */
const MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;
export const monthSchema = str({ error: "Enter a month as YYYY-MM, e.g. 2026-11." })
  .regex(MONTH, "Enter a month as YYYY-MM, e.g. 2026-11.")
  .describe("A month, YYYY-MM (months are local to each studio's time zone)");

/** Months are counted inclusively: 2026-01..2026-12 is 12 months. */
export function monthCount(from: string, to: string) {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  return index(to) - index(from) + 1;
}

const rangeShape = {
  from: monthSchema.describe("First month, YYYY-MM"),
  to: monthSchema.describe("Last month, YYYY-MM (inclusive)"),
};

// Each refinement runs only once both months are well-formed, and names the field a person would change.
function checkRange(value: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (!MONTH.test(String(value.from)) || !MONTH.test(String(value.to))) return;
  const count = monthCount(value.from, value.to);
  if (count < 1)
    ctx.addIssue({ code: "custom", path: ["to"], message: "The last month must not be before the first month." });
  else if (count > MAX_REPORT_MONTHS)
    ctx.addIssue({ code: "custom", path: ["to"], message: `Choose at most ${MAX_REPORT_MONTHS} months.` });
}

/** A month range, both ends inclusive: the page's form, the CSV export and the API all parse with it. */
export const reportRangeSchema = z.object(rangeShape).superRefine(checkRange);
export type ReportRange = z.infer<typeof reportRangeSchema>;

/** `GET /api/v1/reports/*`: the range, and `format=csv` for a CSV file instead of JSON. */
export const reportQuerySchema = z
  .object({ ...rangeShape, format: z.enum(["json", "csv"]).optional().describe("json (default) or csv") })
  .superRefine(checkRange);

export const REPORT_KINDS = ["revenue", "utilization"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The session-gated CSV download behind the Reports page's buttons. */
export const reportExportSchema = z.object({ ...rangeShape, report: z.enum(REPORT_KINDS) }).superRefine(checkRange);

/** The range a report opens with: the twelve months up to and including the month of `now` (UTC). */
export function defaultReportRange(now: Date): ReportRange {
  const month = (y: number, m: number) => {
    const d = new Date(Date.UTC(y, m, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  };
  return {
    from: month(now.getUTCFullYear(), now.getUTCMonth() - 11),
    to: month(now.getUTCFullYear(), now.getUTCMonth()),
  };
}

/** Every month of a valid range, in order. */
export function monthsOf(range: ReportRange): string[] {
  const months: string[] = [];
  const year = Number(range.from.slice(0, 4));
  const first = Number(range.from.slice(5, 7)) - 1;
  for (let i = 0; i < monthCount(range.from, range.to); i++) {
    const d = new Date(Date.UTC(year, first + i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  return months;
}
