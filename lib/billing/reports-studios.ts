import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { studios } from "@/db/schema";
import { monthBounds } from "./reports-time";

/** The workspace's studios, the first one created first (its zone dates the charges that have no studio). */
export async function reportStudios(db: DbOrTx, workspaceId: string) {
  return db
    .select({ id: studios.id, name: studios.name, timeZone: studios.timeZone, openingHours: studios.openingHours })
    .from(studios)
    .where(eq(studios.workspaceId, workspaceId))
    .orderBy(asc(studios.createdAt), asc(studios.name), asc(studios.id)); // the first is workspaceTimeZone's studio
}

/**
 * Each studio's months as instants (worked out here, with the same zone arithmetic as availability), as a SQL
 * `values` list of (studio_key, month, starts_at, ends_at) for a `with bounds(...)` join, so the database sums and
 * only the groups come back. Key "" is "no studio", on the first studio's clock (or UTC). `lowest`/`highest` span
 * them all. Shared by every report that dates rows by their studio's month.
 */
export function studioMonthBounds(studioList: { id: string; timeZone: string }[], months: string[]) {
  const zones = [
    ...studioList.map((s) => ({ key: s.id, timeZone: s.timeZone })),
    { key: "", timeZone: studioList[0]?.timeZone ?? "UTC" },
  ];
  const bounds = zones.flatMap((z) => monthBounds(z.timeZone, months).map((b) => ({ ...b, key: z.key })));
  const values = sql.join(
    bounds.map(
      (b) =>
        sql`(${b.key}::text, ${b.month}::text, ${new Date(b.start).toISOString()}::timestamptz, ${new Date(b.end).toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  return {
    values,
    lowest: new Date(Math.min(...bounds.map((b) => b.start))).toISOString(),
    highest: new Date(Math.max(...bounds.map((b) => b.end))).toISOString(),
  };
}
