import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { chargeKind, rooms } from "@/db/schema";
import { monthsOf, type ReportRange } from "./report-schemas";
import { reportStudios, studioMonthBounds } from "./reports-studios";

export { utilizationReport, type UtilizationReport, type UtilizationRow } from "./reports-utilization";
export { toCsv, type CsvColumn } from "./reports-csv";

export const CHARGE_KINDS = chargeKind.enumValues;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** The kinds that are revenue: every one but tax, which is the tax authority's money, collected for it. */
export const REVENUE_KINDS = CHARGE_KINDS.filter((k) => k !== "tax");

/**
 * Sums of one currency. `totalCents` (revenue) = `paidCents` + `outstandingCents` (pending, invoiced or failed
 * charges), all without tax; `taxCents` is the tax on them (net of the tax returned by credits), never revenue.
 */
export type Money = {
  byKind: Record<ChargeKind, number>;
  totalCents: number;
  paidCents: number;
  outstandingCents: number;
  taxCents: number;
};

export type RevenueRow = Money & {
  month: string;
  /** Null for charges linked to neither a booking nor a storage reservation. */
  studioId: string | null;
  studioName: string;
  /** Null for storage charges and unlinked ones. */
  roomId: string | null;
  roomName: string | null;
  currency: string;
};

export type RevenueReport = {
  range: ReportRange;
  months: string[];
  rows: RevenueRow[];
  totals: {
    byStudio: (Money & { studioId: string | null; studioName: string; currency: string })[];
    byMonth: (Money & { month: string; currency: string })[];
    byCurrency: (Money & { currency: string })[];
  };
};

/** The studio column of charges that belong to no studio (neither a booking nor a storage reservation). */
export const NO_STUDIO = "Not linked to a studio";

const emptyMoney = (): Money => ({
  byKind: Object.fromEntries(CHARGE_KINDS.map((k) => [k, 0])) as Record<ChargeKind, number>,
  totalCents: 0,
  paidCents: 0,
  outstandingCents: 0,
  taxCents: 0,
});

function add(into: Money, kind: ChargeKind, status: string, cents: number) {
  into.byKind[kind] += cents;
  if (kind === "tax") {
    into.taxCents += cents;
    return;
  }
  into.totalCents += cents;
  if (status === "paid") into.paidCents += cents;
  else into.outstandingCents += cents;
}

type Grouped = {
  month: string;
  studio_key: string;
  room_id: string | null;
  currency: string;
  kind: ChargeKind;
  status: string;
  cents: string;
};

/**
 * Revenue of a month range: every charge that is not void (credits are negative amounts, so they reduce it), by
 * month, studio, room and currency. A charge's month is its `created_at` on its studio's clock (the studio of its
 * booking's room or of its storage unit); charges with neither use the workspace's first studio's zone, or UTC.
 * Amounts of different currencies are never added together: every row and total is per currency.
 */
export async function revenueReport(db: DbOrTx, workspaceId: string, range: ReportRange): Promise<RevenueReport> {
  const months = monthsOf(range);
  const [studioList, roomList] = await Promise.all([
    reportStudios(db, workspaceId),
    db.select({ id: rooms.id, name: rooms.name }).from(rooms).where(eq(rooms.workspaceId, workspaceId)),
  ]);

  // Each studio's months, joined to the charges in SQL so that the database sums and only the groups come back.
  const { values, lowest, highest } = studioMonthBounds(studioList, months);
  // A credit that returns tax (it corrects a tax line) lowers the tax, not the revenue.
  const kindOf = sql`case when c.kind = 'credit' and corrected.kind = 'tax' then 'tax'::charge_kind else c.kind end`;
  const grouped = (await db.execute(sql`
    with bounds(studio_key, month, starts_at, ends_at) as (values ${values})
    select b.month, b.studio_key, r.id as room_id, c.currency, ${kindOf} as kind, c.status, sum(c.amount_cents)::text as cents
    from charges c
    left join charges corrected on corrected.id = c.corrects_charge_id and corrected.workspace_id = c.workspace_id
    left join bookings bk on bk.id = c.booking_id and bk.workspace_id = c.workspace_id
    left join rooms r on r.id = bk.room_id and r.workspace_id = c.workspace_id
    left join storage_reservations sr on sr.id = c.storage_reservation_id and sr.workspace_id = c.workspace_id
    left join storage_units su on su.id = sr.unit_id and su.workspace_id = c.workspace_id
    join bounds b on b.studio_key = coalesce(r.studio_id::text, su.studio_id::text, '')
      and c.created_at >= b.starts_at and c.created_at < b.ends_at
    where c.workspace_id = ${workspaceId} and c.status <> 'void'
      and c.created_at >= ${lowest}::timestamptz and c.created_at < ${highest}::timestamptz
    group by b.month, b.studio_key, r.id, c.currency, ${kindOf}, c.status
  `)) as unknown as Grouped[];

  const studioName = new Map(studioList.map((s) => [s.id, s.name]));
  const roomName = new Map(roomList.map((r) => [r.id, r.name]));
  const rows = new Map<string, RevenueRow>();
  const byStudio = new Map<string, RevenueReport["totals"]["byStudio"][number]>();
  const byMonth = new Map<string, RevenueReport["totals"]["byMonth"][number]>();
  const byCurrency = new Map<string, RevenueReport["totals"]["byCurrency"][number]>();
  for (const g of grouped) {
    const cents = Number(g.cents);
    const studioId = g.studio_key === "" ? null : g.studio_key;
    const name = studioId ? (studioName.get(studioId) ?? NO_STUDIO) : NO_STUDIO;
    const rowKey = [g.month, g.studio_key, g.room_id ?? "", g.currency].join("|");
    let row = rows.get(rowKey);
    if (!row) {
      row = {
        month: g.month,
        studioId,
        studioName: name,
        roomId: g.room_id,
        roomName: g.room_id ? (roomName.get(g.room_id) ?? null) : null,
        currency: g.currency,
        ...emptyMoney(),
      };
      rows.set(rowKey, row);
    }
    add(row, g.kind, g.status, cents);
    const studioKey = `${g.studio_key}|${g.currency}`;
    if (!byStudio.has(studioKey))
      byStudio.set(studioKey, { studioId, studioName: name, currency: g.currency, ...emptyMoney() });
    add(byStudio.get(studioKey)!, g.kind, g.status, cents);
    const monthKey = `${g.month}|${g.currency}`;
    if (!byMonth.has(monthKey)) byMonth.set(monthKey, { month: g.month, currency: g.currency, ...emptyMoney() });
    add(byMonth.get(monthKey)!, g.kind, g.status, cents);
    if (!byCurrency.has(g.currency)) byCurrency.set(g.currency, { currency: g.currency, ...emptyMoney() });
    add(byCurrency.get(g.currency)!, g.kind, g.status, cents);
  }

  // Studios in the order they were created (unlinked charges last), then rooms by name (storage last), months.
  const studioRank = new Map(studioList.map((s, i) => [s.id, i]));
  const rankOf = (id: string | null) => (id === null ? studioList.length : (studioRank.get(id) ?? studioList.length));
  const byName = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b);
  return {
    range,
    months,
    rows: [...rows.values()].sort(
      (a, b) =>
        rankOf(a.studioId) - rankOf(b.studioId) ||
        byName(a.roomName, b.roomName) ||
        (a.roomId ?? "").localeCompare(b.roomId ?? "") ||
        a.month.localeCompare(b.month) ||
        a.currency.localeCompare(b.currency),
    ),
    totals: {
      byStudio: [...byStudio.values()].sort(
        (a, b) => rankOf(a.studioId) - rankOf(b.studioId) || a.currency.localeCompare(b.currency),
      ),
      byMonth: [...byMonth.values()].sort(
        (a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency),
      ),
      byCurrency: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    },
  };
}
