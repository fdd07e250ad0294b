import { fieldErrors, problem } from "@/lib/api/problem";
import { allAuditEntries, auditCsv, auditFilterSchema } from "@/lib/audit/audit-log";
import { requireRouteMember } from "@/lib/auth/require-member";
import { csvResponse } from "@/lib/billing/reports-csv";
import { getDb } from "@/lib/db";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";

/** The audit log's "Download CSV": every entry the page's filter matches (`topic`, `who`, `from`, `to`), owners only. */
export async function GET(req: Request, ctx: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await ctx.params;
  const params = new URL(req.url).searchParams;
  const member = await requireRouteMember({
    workspace,
    permission: "audit.view",
    returnTo: `/w/${encodeURIComponent(workspace)}/settings/audit`,
  });
  if (member instanceof Response) return member;
  const asked = Object.fromEntries(
    [...params.entries()].filter(([k, v]) => ["topic", "who", "from", "to"].includes(k) && v !== ""),
  );
  const parsed = auditFilterSchema.safeParse(asked);
  if (!parsed.success)
    return problem(400, {
      code: "validation",
      detail: "Some query parameters are invalid.",
      errors: fieldErrors(parsed.error.issues),
    });
  const db = getDb();
  const rows = await allAuditEntries(db, member, {
    filter: parsed.data,
    timeZone: await workspaceTimeZone(db, member.workspaceId),
  });
  if (!rows) return problem(404, { code: "not_found", detail: "Not found." });
  return csvResponse(auditCsv(rows), `audit-log-${member.workspaceSlug}.csv`);
}
