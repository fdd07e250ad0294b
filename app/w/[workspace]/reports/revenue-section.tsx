import { Receipt } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { REVENUE_KINDS, type Money, type RevenueReport } from "@/lib/billing/reports";
import { NO_ROOM } from "@/lib/billing/reports-csv";
import { formatMoney } from "@/lib/format";
import { ColumnChart } from "./charts";
import { KIND_LABELS, monthLabel } from "./report-format";

function MoneyCells({ money, currency, strong }: { money: Money; currency: string; strong?: boolean }) {
  const cell = strong ? "text-right tabular-nums font-semibold" : "text-right tabular-nums";
  return (
    <>
      {REVENUE_KINDS.map((kind) => (
        <TableCell key={kind} className={cell}>
          {formatMoney(money.byKind[kind], currency)}
        </TableCell>
      ))}
      <TableCell className={cell}>{formatMoney(money.totalCents, currency)}</TableCell>
      <TableCell className={cell}>{formatMoney(money.paidCents, currency)}</TableCell>
      <TableCell className={cell}>{formatMoney(money.outstandingCents, currency)}</TableCell>
      <TableCell className={cell}>{formatMoney(money.taxCents, currency)}</TableCell>
    </>
  );
}

/** Revenue per month of one currency: the chart, then the same figures as a table. */
function MonthlyRevenue({ report, currency }: { report: RevenueReport; currency: string }) {
  const byMonth = new Map(report.totals.byMonth.filter((t) => t.currency === currency).map((t) => [t.month, t]));
  const bars = report.months.map((month) => {
    const cents = byMonth.get(month)?.totalCents ?? 0;
    return { key: month, label: monthLabel(month), value: cents, display: formatMoney(cents, currency) };
  });
  const summary = `Revenue per month in ${currency}: ${bars.map((b) => `${b.label} ${b.display}`).join(", ")}.`;
  return (
    <div className="grid gap-3">
      <h3 className="font-medium">Revenue per month ({currency})</h3>
      <ColumnChart bars={bars} summary={summary} scrollLabel={`Revenue per month in ${currency}, chart`} />
      <Table scrollLabel={`Revenue per month in ${currency}, table`}>
        <caption className="sr-only">Revenue per month in {currency}</caption>
        <TableHeader>
          <TableRow>
            <TableHead>Month</TableHead>
            <TableHead className="text-right">Revenue</TableHead>
            <TableHead className="text-right">Paid</TableHead>
            <TableHead className="text-right">Outstanding</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.months.map((month) => {
            const t = byMonth.get(month);
            return (
              <TableRow key={month}>
                <TableCell>{monthLabel(month)}</TableCell>
                <TableCell className="text-right tabular-nums">{formatMoney(t?.totalCents ?? 0, currency)}</TableCell>
                <TableCell className="text-right tabular-nums">{formatMoney(t?.paidCents ?? 0, currency)}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatMoney(t?.outstandingCents ?? 0, currency)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

/** Revenue by studio → room → month, each studio closed by its totals (one line per currency). */
export function RevenueSection({ report }: { report: RevenueReport }) {
  if (report.rows.length === 0) {
    return (
      <EmptyState title="No revenue in these months" icon={<Receipt />}>
        Charges for sessions, fees, storage and credits appear here once they are in the ledger.
      </EmptyState>
    );
  }
  const studios = [...new Map(report.rows.map((r) => [r.studioId ?? "", r.studioName])).entries()];
  const columns = 3 + REVENUE_KINDS.length + 4;
  return (
    <div className="grid gap-6">
      {report.totals.byCurrency.map((t) => (
        <MonthlyRevenue key={t.currency} report={report} currency={t.currency} />
      ))}
      <div className="grid gap-3">
        <h3 className="font-medium">By studio, room and month</h3>
        <Table scrollLabel="Revenue by studio, room and month, table">
          <caption className="sr-only">Revenue by studio, room and month</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Room</TableHead>
              <TableHead>Month</TableHead>
              <TableHead>Currency</TableHead>
              {REVENUE_KINDS.map((kind) => (
                <TableHead key={kind} className="text-right">
                  {KIND_LABELS[kind]}
                </TableHead>
              ))}
              <TableHead className="text-right">Total</TableHead>
              <TableHead className="text-right">Paid</TableHead>
              <TableHead className="text-right">Outstanding</TableHead>
              <TableHead className="text-right">Tax (not revenue)</TableHead>
            </TableRow>
          </TableHeader>
          {studios.map(([key, name]) => (
            <TableBody key={key}>
              <TableRow className="bg-muted/50">
                <th scope="rowgroup" colSpan={columns} className="px-3 py-2 text-left font-semibold">
                  {name}
                </th>
              </TableRow>
              {report.rows
                .filter((r) => (r.studioId ?? "") === key)
                .map((r) => (
                  <TableRow key={`${r.roomId}-${r.month}-${r.currency}`}>
                    <TableCell>{r.roomName ?? NO_ROOM}</TableCell>
                    <TableCell className="whitespace-nowrap">{monthLabel(r.month)}</TableCell>
                    <TableCell>{r.currency}</TableCell>
                    <MoneyCells money={r} currency={r.currency} />
                  </TableRow>
                ))}
              {report.totals.byStudio
                .filter((t) => (t.studioId ?? "") === key)
                .map((t) => (
                  <TableRow key={t.currency}>
                    <TableCell colSpan={2} className="font-semibold">
                      Total {name}
                    </TableCell>
                    <TableCell className="font-semibold">{t.currency}</TableCell>
                    <MoneyCells money={t} currency={t.currency} strong />
                  </TableRow>
                ))}
            </TableBody>
          ))}
        </Table>
      </div>
    </div>
  );
}

/** Revenue, paid and outstanding of the whole range, one card per currency. */
export function RevenueSummary({ report }: { report: RevenueReport }) {
  if (report.totals.byCurrency.length === 0) return null;
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {report.totals.byCurrency.map((t) => (
        <section
          key={t.currency}
          aria-label={`Totals in ${t.currency}`}
          className="rounded-lg border border-border bg-card p-4"
        >
          <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {(
              [
                ["Revenue", t.totalCents],
                ["Paid", t.paidCents],
                ["Outstanding", t.outstandingCents],
                ["Tax collected", t.taxCents],
              ] as const
            ).map(([label, cents]) => (
              <div key={label} className="grid gap-1">
                <dt className="text-xs text-muted-foreground">
                  {label} ({t.currency})
                </dt>
                <dd className="text-lg font-semibold tabular-nums">{formatMoney(cents, t.currency)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
