import { apiRoute, json, methodNotAllowed, parseQuery } from "@/lib/api/handler";
import { reportQuerySchema } from "@/lib/billing/report-schemas";
import { utilizationReport } from "@/lib/billing/reports";
import { csvResponse } from "@/lib/billing/reports-csv";
import { reportCsv } from "@/lib/billing/reports-export";
import { getDb } from "@/lib/db";

/** Utilization of each room per month: `?from=YYYY-MM&to=YYYY-MM` (at most 24 months), `&format=csv`. */
export const GET = apiRoute("reports.view", async ({ req, member }) => {
  const query = parseQuery(req, reportQuerySchema);
  if (query instanceof Response) return query;
  const { format, ...range } = query;
  if (format === "csv") {
    const file = await reportCsv(getDb(), member.workspaceId, "utilization", range);
    return csvResponse(file.body, file.filename);
  }
  return json(await utilizationReport(getDb(), member.workspaceId, range));
});

export const POST = methodNotAllowed(["GET"]);
