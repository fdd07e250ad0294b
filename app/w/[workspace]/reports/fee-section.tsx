import { Receipt } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { FeeReport } from "@/lib/billing/reports-fees";
import { formatMoney } from "@/lib/format";
import { monthLabel } from "./report-format";

/** Gross, the platform's fee and net, per studio and month (platform mode). */
export function FeeSection({ report }: { report: FeeReport }) {
  if (report.rows.length === 0) {
    return (
      <EmptyState title="Nothing paid in these months" icon={<Receipt />}>
        Paid invoices, the platform&apos;s fee on them and what the studio keeps appear here.
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-4">
      <dl className="grid gap-3 sm:grid-cols-3">
        {report.totals.map((t) => (
          <div key={t.currency} className="rounded-lg border p-3">
            <dt className="text-sm text-muted-foreground">Net in {t.currency}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid={`net-${t.currency}`}>
              {formatMoney(t.netCents, t.currency)}
            </dd>
            <dd className="text-sm text-muted-foreground">
              {formatMoney(t.grossCents, t.currency)} gross − {formatMoney(t.feeCents, t.currency)} platform fee
            </dd>
          </div>
        ))}
      </dl>
      <Table scrollLabel="Gross, platform fee and net per studio and month" keyColumn>
        <caption className="sr-only">Gross, platform fee and net per studio and month</caption>
        <TableHeader>
          <TableRow>
            <TableHead>Studio</TableHead>
            <TableHead>Month</TableHead>
            <TableHead>Currency</TableHead>
            <TableHead className="text-right">Gross (paid)</TableHead>
            <TableHead className="text-right">Platform fee</TableHead>
            <TableHead className="text-right">Net</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.rows.map((r) => (
            <TableRow key={`${r.studioId}|${r.month}|${r.currency}`}>
              <TableCell>{r.studioName}</TableCell>
              <TableCell className="whitespace-nowrap">{monthLabel(r.month)}</TableCell>
              <TableCell>{r.currency}</TableCell>
              <TableCell className="text-right tabular-nums">{formatMoney(r.grossCents, r.currency)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatMoney(r.feeCents, r.currency)}</TableCell>
              <TableCell className="text-right tabular-nums font-medium">
                {formatMoney(r.netCents, r.currency)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
