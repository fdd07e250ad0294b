import type { DbOrTx } from "@/db/client";
import type { ReportKind, ReportRange } from "./report-schemas";
import { revenueReport } from "./reports";
import { csvFilename, REVENUE_COLUMNS, toCsv, UTILIZATION_COLUMNS } from "./reports-csv";
import { utilizationReport } from "./reports-utilization";

/** One report as a CSV file: its name and its text (the page's download and `?format=csv` of the API). */
export async function reportCsv(db: DbOrTx, workspaceId: string, kind: ReportKind, range: ReportRange) {
  const body =
    kind === "revenue"
      ? toCsv((await revenueReport(db, workspaceId, range)).rows, REVENUE_COLUMNS)
      : toCsv((await utilizationReport(db, workspaceId, range)).rows, UTILIZATION_COLUMNS);
  return { filename: csvFilename(kind, range), body };
}
