import { fieldErrors, problem } from "@/lib/api/problem";
import { requireRouteMember } from "@/lib/auth/require-member";
import { reportExportSchema } from "@/lib/billing/report-schemas";
import { csvResponse } from "@/lib/billing/reports-csv";
import { reportCsv } from "@/lib/billing/reports-export";
import { getDb } from "@/lib/db";

/** The Reports page's "Download CSV": `?report=revenue|utilization&from=YYYY-MM&to=YYYY-MM`, for owners and managers. */
export async function GET(req: Request, ctx: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await ctx.params;
  const params = new URL(req.url).searchParams;
  const back = new URLSearchParams({ from: params.get("from") ?? "", to: params.get("to") ?? "" });
  const member = await requireRouteMember({
    workspace,
    permission: "reports.view",
    returnTo: `/w/${encodeURIComponent(workspace)}/reports?${back}`,
  });
  if (member instanceof Response) return member;
  const parsed = reportExportSchema.safeParse(Object.fromEntries(params.entries()));
  if (!parsed.success)
    return problem(400, {
      code: "validation",
      detail: "Some query parameters are invalid.",
      errors: fieldErrors(parsed.error.issues),
    });
  const { report, ...range } = parsed.data;
  const file = await reportCsv(getDb(), member.workspaceId, report, range);
  return csvResponse(file.body, file.filename);
}
