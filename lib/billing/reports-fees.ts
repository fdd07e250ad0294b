import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { monthsOf, type ReportRange } from "./report-schemas";
import { NO_STUDIO, type RevenueReport } from "./reports";
import { reportStudios, studioMonthBounds } from "./reports-studios";

/**
 * What the operator keeps (platform mode): per studio, month and currency, the gross (paid revenue, as the revenue
 * report counts it: paid charges less credits paid back, never tax), the platform's fee (what Stripe took for the
 * platform, less fee refunds, from the fee ledger) and the net (gross − fee).
 *
 * A fee entry is dated when Stripe took or returned it, on its studio's clock (the studio of the invoice's booking,
 * or of its storage unit), as charges are dated when they were made. Currencies are never added together.
 */
export type FeeRow = {
  month: string;
  studioId: string | null;
  studioName: string;
  currency: string;
  grossCents: number;
  feeCents: number;
  netCents: number;
};
export type FeeReport = {
  rows: FeeRow[];
  totals: { currency: string; grossCents: number; feeCents: number; netCents: number }[];
  hasFees: boolean;
};

export async function platformFeeReport(
  db: DbOrTx,
  workspaceId: string,
  range: ReportRange,
  revenue: RevenueReport,
): Promise<FeeReport> {
  const months = monthsOf(range);
  const studioList = await reportStudios(db, workspaceId);
  const { values } = studioMonthBounds(studioList, months);
  const fees = (await db.execute(sql`
    with bounds(studio_key, month, starts_at, ends_at) as (values ${values})
    select b.month, b.studio_key, e.currency, sum(e.amount_cents)::text as cents
    from platform_fee_entries e
    join invoices i on i.id = e.invoice_id and i.workspace_id = e.workspace_id
    left join bookings bk on bk.id = i.booking_id and bk.workspace_id = i.workspace_id
    left join rooms r on r.id = bk.room_id and r.workspace_id = i.workspace_id
    left join lateral (
      select su.studio_id from charges c
      join storage_reservations sr on sr.id = c.storage_reservation_id and sr.workspace_id = c.workspace_id
      join storage_units su on su.id = sr.unit_id and su.workspace_id = c.workspace_id
      where c.invoice_id = i.id limit 1
    ) st on true
    join bounds b on b.studio_key = coalesce(r.studio_id::text, st.studio_id::text, '')
      and e.occurred_at >= b.starts_at and e.occurred_at < b.ends_at
    where e.workspace_id = ${workspaceId}
    group by b.month, b.studio_key, e.currency
  `)) as unknown as { month: string; studio_key: string; currency: string; cents: string }[];

  const rows = new Map<string, FeeRow>();
  const rowOf = (month: string, studioId: string | null, studioName: string, currency: string) => {
    const key = `${month}|${studioId ?? ""}|${currency}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { month, studioId, studioName, currency, grossCents: 0, feeCents: 0, netCents: 0 }));
    return row;
  };
  for (const r of revenue.rows)
    if (r.paidCents !== 0) rowOf(r.month, r.studioId, r.studioName, r.currency).grossCents += r.paidCents;
  const names = new Map(studioList.map((s) => [s.id, s.name]));
  for (const f of fees) {
    const studioId = f.studio_key === "" ? null : f.studio_key;
    rowOf(f.month, studioId, studioId ? (names.get(studioId) ?? NO_STUDIO) : NO_STUDIO, f.currency).feeCents += Number(
      f.cents,
    );
  }
  const rank = new Map(studioList.map((s, i) => [s.id, i]));
  const rankOf = (id: string | null) => (id === null ? studioList.length : (rank.get(id) ?? studioList.length));
  const sorted = [...rows.values()]
    .map((r) => ({ ...r, netCents: r.grossCents - r.feeCents }))
    .sort(
      (a, b) =>
        rankOf(a.studioId) - rankOf(b.studioId) ||
        a.month.localeCompare(b.month) ||
        a.currency.localeCompare(b.currency),
    );
  const totals = new Map<string, FeeReport["totals"][number]>();
  for (const r of sorted) {
    const t = totals.get(r.currency) ?? { currency: r.currency, grossCents: 0, feeCents: 0, netCents: 0 };
    t.grossCents += r.grossCents;
    t.feeCents += r.feeCents;
    t.netCents += r.netCents;
    totals.set(r.currency, t);
  }
  return {
    rows: sorted,
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    hasFees: fees.length > 0,
  };
}
