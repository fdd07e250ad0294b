import type { Metadata } from "next";
import { Download } from "lucide-react";
import { Field } from "@/components/form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/action-state";
import { requireMember } from "@/lib/auth/require-member";
import {
  defaultReportRange,
  MAX_REPORT_MONTHS,
  reportRangeSchema,
  type ReportKind,
  type ReportRange,
} from "@/lib/billing/report-schemas";
import { paymentsTarget } from "@/lib/billing/payments-target";
import { revenueReport, utilizationReport } from "@/lib/billing/reports";
import { platformFeeReport } from "@/lib/billing/reports-fees";
import { getDb } from "@/lib/db";
import { monthLabel } from "./report-format";
import { FeeSection } from "./fee-section";
import { RevenueSection, RevenueSummary } from "./revenue-section";
import { UtilizationSection } from "./utilization-section";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Reports" };

type Search = { from?: string | string[]; to?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

function DownloadCsv({ slug, report, range }: { slug: string; report: ReportKind; range: ReportRange }) {
  const query = new URLSearchParams({ report, from: range.from, to: range.to });
  return (
    <Button asChild variant="outline" size="sm">
      {/* A plain link: the file comes from a route handler, not a page the client router could render. */}
      <a href={`/w/${slug}/reports/export?${query}`} download>
        <Download aria-hidden />
        Download CSV<span className="sr-only"> of {report}</span>
      </a>
    </Button>
  );
}

export default async function ReportsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Search>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "reports.view" });
  const search = await searchParams;
  const asked = search.from !== undefined || search.to !== undefined;
  const values = asked ? { from: one(search.from), to: one(search.to) } : defaultReportRange(appNow());
  const parsed = reportRangeSchema.safeParse(values);
  const state: ActionState = { status: parsed.success ? "idle" : "error", values };
  if (!parsed.success) {
    state.fieldErrors = {};
    for (const issue of parsed.error.issues) (state.fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
  }
  const range = parsed.success ? parsed.data : null;
  const db = getDb();
  const [revenue, utilization] = range
    ? await Promise.all([
        revenueReport(db, member.workspaceId, range),
        utilizationReport(db, member.workspaceId, range),
      ])
    : [null, null];
  // Gross, fee and net: in platform mode, or wherever the fee ledger has entries (a server that left platform mode).
  const fees = revenue && range ? await platformFeeReport(db, member.workspaceId, range, revenue) : null;
  const showFees =
    fees !== null && (fees.hasFees || (await paymentsTarget(db, member.workspaceId)).mode === "platform");
  const slug = member.workspaceSlug;

  return (
    <div className="grid gap-8">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Reports</h1>
        <p className="text-sm text-muted-foreground">
          Months are counted on each studio&apos;s own clock. Revenue is every charge that is not void, credits taken
          off; amounts in different currencies are never added together.
        </p>
      </header>

      <form
        method="get"
        aria-label="Months to report on"
        className="grid items-start gap-3 sm:grid-cols-[repeat(2,minmax(0,12rem))_auto]"
      >
        <Field name="from" label="From month" type="month" placeholder="YYYY-MM" required state={state} />
        <Field
          name="to"
          label="To month"
          type="month"
          placeholder="YYYY-MM"
          required
          state={state}
          hint={`At most ${MAX_REPORT_MONTHS} months.`}
        />
        <Button type="submit" className="justify-self-start sm:mt-6">
          Show
        </Button>
      </form>

      {!range || !revenue || !utilization ? (
        <Alert variant="destructive">Choose a valid range of months to see the reports.</Alert>
      ) : (
        <>
          <section aria-labelledby="revenue-heading" className="grid gap-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="revenue-heading" className="text-xl font-semibold">
                Revenue, {monthLabel(range.from)} to {monthLabel(range.to)}
              </h2>
              <DownloadCsv slug={slug} report="revenue" range={range} />
            </div>
            <RevenueSummary report={revenue} />
            <RevenueSection report={revenue} />
          </section>

          {showFees && fees ? (
            <section aria-labelledby="fees-heading" className="grid gap-4">
              <h2 id="fees-heading" className="text-xl font-semibold">
                Gross, platform fee and net, {monthLabel(range.from)} to {monthLabel(range.to)}
              </h2>
              <p className="text-sm text-muted-foreground">
                Gross is paid revenue (credits paid back taken off; never tax). The platform fee is what Stripe took for
                Livebase on those payments, less what it returned with refunds; net is what the studio keeps.
              </p>
              <FeeSection report={fees} />
            </section>
          ) : null}

          <section aria-labelledby="utilization-heading" className="grid gap-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="utilization-heading" className="text-xl font-semibold">
                Utilization, {monthLabel(range.from)} to {monthLabel(range.to)}
              </h2>
              <DownloadCsv slug={slug} report="utilization" range={range} />
            </div>
            <p className="text-sm text-muted-foreground">
              Booked time (confirmed, checked-in, completed and no-show sessions) as a share of each room&apos;s opening
              hours; closure days are not counted as open.
            </p>
            <UtilizationSection report={utilization} />
          </section>
        </>
      )}
    </div>
  );
}
