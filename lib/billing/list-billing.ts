import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { str } from "../input";
import type { DbOrTx } from "@/db/client";
import { chargeStatus, charges, invoices, invoiceStatus, users } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { keyset, pageLimit, toPage, type PageRequest } from "../api/pagination";
import { visibleCharges, visibleInvoices } from "./charge-access";
import { isUuid } from "@/kernel/ids";
import type { ChargeJson, InvoiceJson } from "./response-schemas";

export const billingListQuerySchema = z.object({
  creatorId: z.uuid({ error: "Must be a creator's id" }).optional().describe("Owners and managers: one creator's"),
  status: str().optional().describe("Comma-separated statuses"),
  limit: z.coerce.number({ error: "Must be a number" }).int().min(1).max(500).default(200),
});
export type BillingListQuery = z.infer<typeof billingListQuerySchema>;

// The API's order (newest first, then id): total, so a page starts exactly after the last row of the previous one.
const chargeOrder = keyset("charges", [{ expr: charges.createdAt, type: "timestamptz" }], charges.id, "desc");
const invoiceOrder = keyset("invoices", [{ expr: invoices.createdAt, type: "timestamptz" }], invoices.id, "desc");
/** `GET /api/v1/charges`: the filters, `limit` (1–200, 50) and `cursor`. */
export const chargeListQuerySchema = billingListQuerySchema
  .omit({ limit: true })
  .extend(chargeOrder.querySchema().shape);
/** `GET /api/v1/invoices`: the filters, `limit` (1–200, 50) and `cursor`. */
export const invoiceListQuerySchema = billingListQuerySchema
  .omit({ limit: true })
  .extend(invoiceOrder.querySchema().shape);

/**
 * The zone of the studio a charge or invoice belongs to (its booking's room's, or its storage unit's), so screens
 * show its time on that studio's clock; null for one of no studio (the screen uses the workspace's clock).
 */
const studioZoneOf = (
  bookingId: typeof charges.bookingId | typeof invoices.bookingId,
  reservationId: typeof charges.storageReservationId | null,
) =>
  sql<string | null>`coalesce(
    (select s.time_zone from bookings b join rooms r on r.id = b.room_id join studios s on s.id = r.studio_id where b.id = ${bookingId}),
    ${reservationId === null ? sql`null` : sql`(select s.time_zone from storage_reservations sr join storage_units u on u.id = sr.unit_id join studios s on s.id = u.studio_id where sr.id = ${reservationId})`}
  )`;

const statusesOf = <T extends string>(raw: string | undefined, allowed: readonly T[]) =>
  raw
    ?.split(",")
    .map((s) => s.trim())
    .filter((s): s is T => (allowed as readonly string[]).includes(s));

/** The charges an actor may see, newest first: a creator's own; managers' all or one creator's. */
export async function listCharges(
  db: DbOrTx,
  actor: Actor,
  q: Partial<BillingListQuery> & { page?: PageRequest } = {},
) {
  const where: (SQL | undefined)[] = [visibleCharges(actor)];
  if (q.page) where.push(chargeOrder.after(q.page.after));
  if (q.creatorId) where.push(eq(charges.creatorId, q.creatorId));
  const statuses = statusesOf(q.status, chargeStatus.enumValues);
  if (statuses?.length) where.push(inArray(charges.status, statuses));
  return db
    .select({
      charge: charges,
      creatorEmail: users.email,
      creatorName: users.name,
      studioTimeZone: studioZoneOf(charges.bookingId, charges.storageReservationId),
      cursor: chargeOrder.cursorColumn(),
    })
    .from(charges)
    .innerJoin(users, eq(users.id, charges.creatorId))
    .where(and(...where))
    .orderBy(...(q.page ? chargeOrder.orderBy() : [desc(charges.createdAt), charges.idempotencyKey]))
    .limit(q.page ? pageLimit(q.page) : (q.limit ?? 200));
}

/** One page of listCharges, newest first, and the cursor of the next page (null on the last). */
export async function listChargesPage(db: DbOrTx, actor: Actor, q: Partial<BillingListQuery>, page: PageRequest) {
  return toPage(await listCharges(db, actor, { ...q, page }), page);
}

export async function listInvoices(
  db: DbOrTx,
  actor: Actor,
  q: Partial<BillingListQuery> & { page?: PageRequest } = {},
) {
  const where: (SQL | undefined)[] = [visibleInvoices(actor)];
  if (q.page) where.push(invoiceOrder.after(q.page.after));
  if (q.creatorId) where.push(eq(invoices.creatorId, q.creatorId));
  const statuses = statusesOf(q.status, invoiceStatus.enumValues);
  if (statuses?.length) where.push(inArray(invoices.status, statuses));
  return db
    .select({
      invoice: invoices,
      creatorEmail: users.email,
      creatorName: users.name,
      studioTimeZone: studioZoneOf(invoices.bookingId, null),
      cursor: invoiceOrder.cursorColumn(),
    })
    .from(invoices)
    .innerJoin(users, eq(users.id, invoices.creatorId))
    .where(and(...where))
    .orderBy(...invoiceOrder.orderBy())
    .limit(q.page ? pageLimit(q.page) : (q.limit ?? 200));
}

/** One page of listInvoices, newest first, and the cursor of the next page (null on the last). */
export async function listInvoicesPage(db: DbOrTx, actor: Actor, q: Partial<BillingListQuery>, page: PageRequest) {
  return toPage(await listInvoices(db, actor, { ...q, page }), page);
}

type ChargeRow = typeof charges.$inferSelect;
type InvoiceRow = typeof invoices.$inferSelect;

export function chargeJson(c: ChargeRow): ChargeJson {
  return {
    id: c.id,
    creatorId: c.creatorId,
    kind: c.kind,
    status: c.status,
    description: c.description,
    bookingId: c.bookingId,
    storageReservationId: c.storageReservationId,
    quantity: c.quantity,
    unitAmountCents: c.unitAmountCents,
    amountCents: c.amountCents,
    currency: c.currency,
    invoiceId: c.invoiceId,
    correctsChargeId: c.correctsChargeId,
    reason: c.reason,
    voidReason: c.voidReason,
    voidedAt: c.voidedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

export function invoiceJson(i: InvoiceRow): InvoiceJson {
  return {
    id: i.id,
    creatorId: i.creatorId,
    bookingId: i.bookingId,
    description: i.description,
    status: i.status,
    sentToStripe: i.stripeInvoiceId !== null,
    amountDueCents: i.amountDueCents,
    amountPaidCents: i.amountPaidCents,
    amountRefundedCents: i.amountRefundedCents,
    currency: i.currency,
    hostedInvoiceUrl: i.hostedInvoiceUrl,
    pdfUrl: i.pdfUrl,
    failureMessage: i.failureMessage,
    createdAt: i.createdAt.toISOString(),
    paidAt: i.paidAt?.toISOString() ?? null,
  };
}

/** Every creator of the workspace with what they owe (per currency), failed invoices and whether a card is on file. */
export async function listCreatorBalances(db: DbOrTx, workspaceId: string) {
  const rows = await db.execute<{
    user_id: string;
    email: string;
    name: string | null;
    has_card: boolean;
    failed: number;
    owed: { currency: string; cents: number }[] | null;
  }>(sql`
    select u.id as user_id, u.email, u.name,
      exists (select 1 from stripe_customers sc where sc.workspace_id = m.workspace_id and sc.user_id = u.id and sc.default_payment_method_id is not null) as has_card,
      (select count(*)::int from invoices i where i.workspace_id = m.workspace_id and i.creator_id = u.id and i.status in ('failed', 'uncollectible')) as failed,
      (select json_agg(json_build_object('currency', o.currency, 'cents', o.cents) order by o.currency) from (
         select c.currency, sum(c.amount_cents)::int as cents from charges c
         where c.workspace_id = m.workspace_id and c.creator_id = u.id and c.status in ('pending', 'invoiced', 'failed')
         group by c.currency having sum(c.amount_cents) <> 0) o) as owed
    from memberships m join users u on u.id = m.user_id
    where m.workspace_id = ${workspaceId} and m.role = 'creator'
    order by lower(coalesce(u.name, u.email))`);
  return rows.map((r) => ({
    userId: r.user_id,
    email: r.email,
    name: r.name,
    hasCard: r.has_card,
    failedInvoices: r.failed,
    owed: r.owed ?? [],
  }));
}

/** A creator of the workspace (for the manager's page about them), or null. */
export async function findWorkspaceCreator(db: DbOrTx, workspaceId: string, userId: string) {
  if (!isUuid(userId)) return null;
  const [row] = await db.execute<{ id: string; email: string; name: string | null }>(sql`
    select u.id, u.email, u.name from memberships m join users u on u.id = m.user_id
    where m.workspace_id = ${workspaceId} and m.user_id = ${userId} and m.role = 'creator'`);
  return row ?? null;
}

/** One invoice with its charges, if the actor may see it (a creator their own; owners and managers any), else null. */
export async function findInvoice(db: DbOrTx, actor: Actor, invoiceId: string) {
  if (!isUuid(invoiceId)) return null;
  const [inv] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), visibleInvoices(actor)));
  if (!inv) return null;
  const rows = await db
    .select()
    .from(charges)
    .where(eq(charges.invoiceId, inv.id))
    .orderBy(asc(charges.createdAt), asc(charges.idempotencyKey));
  return { invoice: inv, charges: rows };
}
