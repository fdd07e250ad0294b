import { and, eq, gte, inArray, like, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { auditLog, memberships, users } from "@/db/schema";
import { keyset, pageLimit, toPage, type PageRequest } from "../api/pagination";
import { can, type Actor } from "../auth/permissions";
import { toCsv, type CsvColumn } from "../billing/reports-csv";
import { isoDate } from "../input";
import { localDateTimeToInstant } from "../studios/local-time";

/**
 * What an owner looks for in the audit log, as topics: each is the actions (or action prefixes, ending in ".")
 * that belong to it. Money: voids, credits and payments recorded by hand; policies; prices (rooms, their peak
 * rules, add-ons); people (roles, members, invitations, API tokens); bookings, samples and storage.
 */
export const AUDIT_TOPICS = {
  money: {
    label: "Money (voids, credits, payments)",
    actions: ["charge.voided", "charge.credited", "invoice.paid_offline", "payments."],
  },
  policies: { label: "Policies", actions: ["workspace.policies_updated"] },
  prices: { label: "Prices and rooms", actions: ["room.", "add_on."] },
  people: {
    label: "People and access (roles, invitations, tokens)",
    actions: ["membership.", "invitation.", "api_token.", "user."],
  },
  studios: { label: "Studios, hours and closures", actions: ["studio.", "workspace.created"] },
  bookings: { label: "Bookings", actions: ["booking.", "booking_series.", "waitlist."] },
  samples: { label: "Samples and inventory", actions: ["shipment.", "sample.", "inventory.", "location."] },
  storage: { label: "Storage", actions: ["storage.", "storage_unit."] },
} as const;
export type AuditTopic = keyof typeof AUDIT_TOPICS;

const order = keyset("audit-log", [{ expr: auditLog.createdAt, type: "timestamptz" }], auditLog.id, "desc");

/** The filters of the audit-log screen and its CSV: a topic, a person, and days (on the workspace's clock). */
export const auditFilterSchema = z.object({
  topic: z
    .enum(Object.keys(AUDIT_TOPICS) as [AuditTopic, ...AuditTopic[]], { error: "Choose a topic from the list" })
    .optional(),
  who: z.uuid({ error: "Choose a person from the list" }).optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
export const auditPageSchema = order.querySchema();

function topicCondition(topic: AuditTopic): SQL {
  const actions: readonly string[] = AUDIT_TOPICS[topic].actions;
  const exact = actions.filter((a) => !a.endsWith("."));
  const prefixes = actions.filter((a) => a.endsWith("."));
  return or(
    ...(exact.length ? [inArray(auditLog.action, exact)] : []),
    ...prefixes.map((p) => like(auditLog.action, `${p}%`)),
  )!;
}

/** The day after a local date, "YYYY-MM-DD". */
function nextDay(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The workspace's audit log, newest first, for its owners only (null for anyone else): who did what, when, to
 * what, with the recorded details. Days are read on the workspace's clock (`timeZone`), both ends included.
 */
export async function listAuditLog(
  db: DbOrTx,
  actor: Actor,
  input: { filter: AuditFilter; timeZone: string; page: PageRequest },
) {
  if (!can(actor, "audit.view")) return null;
  const { filter } = input;
  const conditions: (SQL | undefined)[] = [eq(auditLog.workspaceId, actor.workspaceId), order.after(input.page.after)];
  if (filter.topic) conditions.push(topicCondition(filter.topic));
  if (filter.who) conditions.push(eq(auditLog.actorUserId, filter.who));
  const from = filter.from ? localDateTimeToInstant(`${filter.from}T00:00`, input.timeZone) : null;
  const to = filter.to ? localDateTimeToInstant(`${nextDay(filter.to)}T00:00`, input.timeZone) : null;
  if (from) conditions.push(gte(auditLog.createdAt, from));
  if (to) conditions.push(lt(auditLog.createdAt, to));
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      data: auditLog.data,
      byName: users.name,
      byEmail: users.email,
      cursor: order.cursorColumn(),
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...conditions))
    .orderBy(...order.orderBy())
    .limit(pageLimit(input.page));
  return toPage(rows, input.page);
}
export type AuditEntry = NonNullable<Awaited<ReturnType<typeof listAuditLog>>>["rows"][number];

/** The people who can appear in the log as "who": the workspace's members, for the filter's choices. */
export async function auditPeople(db: DbOrTx, actor: Actor) {
  if (!can(actor, "audit.view")) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, actor.workspaceId))
    .orderBy(users.email);
}

/** "charge.credited" as a person reads it: "Charge credited". */
export function describeAction(action: string) {
  const text = action.replace(/[._]/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The recorded details of an entry, short: "reason: Wrong room · amountCents: 500". */
export function describeData(data: unknown) {
  if (!data || typeof data !== "object") return "";
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ")
    .slice(0, 500);
}

/** The CSV of the audit log (every entry the filter matches, not one page), instants in UTC as ISO 8601. */
export function auditCsv(rows: AuditEntry[]) {
  const columns: CsvColumn<AuditEntry>[] = [
    { header: "when_utc", value: (r) => r.at.toISOString() },
    { header: "who", value: (r) => r.byName ?? r.byEmail ?? "system" },
    { header: "who_email", value: (r) => r.byEmail ?? "" },
    { header: "action", value: (r) => r.action },
    { header: "subject_type", value: (r) => r.subjectType ?? "" },
    { header: "subject_id", value: (r) => r.subjectId ?? "" },
    { header: "details", value: (r) => JSON.stringify(r.data ?? {}) },
  ];
  return toCsv(rows, columns);
}

/** Every entry a filter matches, page after page (for the CSV), at most `max`. */
export async function allAuditEntries(
  db: DbOrTx,
  actor: Actor,
  input: { filter: AuditFilter; timeZone: string },
  max = 50_000,
) {
  const out: AuditEntry[] = [];
  let after: PageRequest["after"] = null;
  for (;;) {
    const page = await listAuditLog(db, actor, { ...input, page: { limit: 1000, after } });
    if (!page) return null;
    out.push(...page.rows);
    if (!page.nextCursor || out.length >= max) return out.slice(0, max);
    after = order.decode(page.nextCursor);
  }
}
