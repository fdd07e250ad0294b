import { and, eq, inArray, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db, Tx } from "@/db/client";
import { bookings, charges, invoices, rooms, stripeConnectedAccounts } from "@/db/schema";
import { logger } from "../logger";
import { DEFAULT_POLICIES } from "../policies/policies";
import { feeBasisPointsOf } from "./platform-fees";
import { pushCredits } from "./push-credits";
import { pushInvoice } from "./push-invoice";
import { isRetryableStripeError, type StripeAt } from "./stripe-client";

type Charge = typeof charges.$inferSelect;
type Invoice = typeof invoices.$inferSelect;

/** Session charges share one invoice per booking, storage nights one per reservation; every fee event gets its own. */
export function invoiceGroupKey(
  c: Pick<Charge, "id" | "kind" | "bookingId" | "storageReservationId" | "taxedChargeId">,
): string {
  // A tax line goes on the invoice of what it taxes: a storage night's reservation, a fee's own, or the session's.
  if (c.kind === "tax" && !c.storageReservationId)
    return c.taxedChargeId ? `charge:${c.taxedChargeId}` : `booking:${c.bookingId}`;
  if (c.bookingId && (c.kind === "room_time" || c.kind === "add_on" || c.kind === "overtime"))
    return `booking:${c.bookingId}`;
  // Storage nights invoiced together gather on one invoice per reservation (a later batch opens another).
  if ((c.kind === "storage_night" || c.kind === "tax") && c.storageReservationId)
    return `storage:${c.storageReservationId}`;
  return `charge:${c.id}`;
}

/** Retry pacing after a failed attempt: 30 s, 1 min, 2 min … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Gathers pending charges, once the workspace's invoice delay has passed, into invoices: one per session, one per
 * fee event. One transaction; the charges are locked with `skip locked`, so workers running at once never take the
 * same charge. With Stripe connected the invoice waits as a draft for `sendDueInvoices`; without, it is complete
 * in our ledger and marked "not sent". `workspaceId` limits a pass to one workspace.
 */
export async function assembleInvoices(
  db: Db,
  now: Date,
  stripeConnected: boolean,
  opts: { workspaceId?: string } = {},
): Promise<number> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    // Only charges whose delay has passed, decided in SQL: a workspace with a long delay and many waiting charges
    // must not fill every pass and hold up the others. (A delay that is not a whole number uses the default.)
    const rows = await tx.execute<{ id: string }>(sql`
      select c.id from charges c join workspaces w on w.id = c.workspace_id
      where c.status = 'pending' and c.kind <> 'credit' and c.invoice_id is null
        ${opts.workspaceId ? sql`and c.workspace_id = ${opts.workspaceId}` : sql``}
        and c.created_at + make_interval(mins => case when (w.policies->>'invoiceDelayMinutes') ~ '^[0-9]{1,5}$'
              then least((w.policies->>'invoiceDelayMinutes')::int, 10080) else ${DEFAULT_POLICIES.invoiceDelayMinutes} end) <= ${at}::timestamptz
      order by c.created_at
      limit 500
      for update of c skip locked`);
    if (rows.length === 0) return 0;
    const due = await tx
      .select()
      .from(charges)
      .where(
        inArray(
          charges.id,
          rows.map((r) => r.id),
        ),
      );
    const groups = new Map<string, Charge[]>();
    for (const c of due) {
      const key = `${c.workspaceId}|${invoiceGroupKey(c)}|${c.currency}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    for (const [key, group] of groups) await invoiceGroup(tx, key.split("|")[1], group, now, stripeConnected);
    return groups.size;
  });
}

async function invoiceGroup(tx: Tx, groupKey: string, group: Charge[], now: Date, stripeConnected: boolean) {
  // The invoice is named after what it is for, never after its tax line.
  const first = group.find((c) => c.kind !== "tax") ?? group[0];
  const total = group.reduce((s, c) => s + c.amountCents, 0);
  const description = await describe(tx, first, groupKey);
  const values = {
    workspaceId: first.workspaceId,
    creatorId: first.creatorId,
    bookingId: first.bookingId,
    description,
    currency: first.currency,
    amountDueCents: total,
    status: stripeConnected ? ("draft" as const) : ("not_sent" as const),
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  };
  let [inv] = await tx
    .insert(invoices)
    .values({ ...values, groupKey })
    .onConflictDoNothing()
    .returning();
  if (!inv) {
    // The session already has an invoice (a charge that came later, e.g. overtime): join it while it is still
    // ours alone, else open a separate one for these charges.
    // Locked: a sending worker claims the invoice with an UPDATE, so it waits for this join to commit (or this
    // sees its lease and opens another invoice). Joining is only safe before anything was sent.
    const [existing] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.workspaceId, first.workspaceId), eq(invoices.groupKey, groupKey)))
      .for("update");
    const untouched =
      existing?.status === "draft" &&
      !existing.stripeInvoiceId &&
      existing.attempts === 0 &&
      (!existing.leasedUntil || existing.leasedUntil < now);
    if (existing && existing.currency === first.currency && (existing.status === "not_sent" || untouched)) {
      [inv] = await tx
        .update(invoices)
        .set({ amountDueCents: sql`${invoices.amountDueCents} + ${total}`, updatedAt: now })
        .where(eq(invoices.id, existing.id))
        .returning();
    } else {
      [inv] = await tx
        .insert(invoices)
        .values({ ...values, groupKey: `${groupKey}:${first.id}` })
        .returning();
    }
  }
  await tx
    .update(charges)
    .set({ status: "invoiced", invoiceId: inv.id })
    .where(
      inArray(
        charges.id,
        group.map((c) => c.id),
      ),
    );
}

async function describe(tx: Tx, c: Charge, groupKey: string) {
  if (groupKey.startsWith("storage:")) return c.description.replace(/, (overrun )?night of .*$/, ": overnight storage");
  if (!c.bookingId) return c.description;
  const [b] = await tx
    .select({ code: bookings.code, room: rooms.name })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .where(eq(bookings.id, c.bookingId));
  if (!b) return c.description;
  return groupKey.startsWith("booking:") ? `Session ${b.code} in ${b.room}` : c.description;
}

/**
 * Takes the next invoice with work for Stripe (a draft to send, or a credit to apply) under a lease, so two
 * workers never work on one invoice at once; a worker that dies lets its lease run out and another continues.
 */
async function claimNext(
  db: Db,
  at: Date,
  leaseMs: number,
  platform: boolean,
  workspaceId?: string,
): Promise<Invoice | null> {
  const now = at.toISOString();
  const until = new Date(at.getTime() + leaseMs).toISOString();
  // Platform mode: a draft waits (unsent, untouched) while its workspace's connected account cannot take charges,
  // and goes out on the first pass after Stripe enables them; credits of sent invoices go on regardless.
  const accountReady = platform
    ? sql`exists (select 1 from stripe_connected_accounts a where a.workspace_id = i.workspace_id and a.charges_enabled
                  and a.stripe_account_id = coalesce(nullif(i.stripe_account, ''), a.stripe_account_id))`
    : sql`true`;
  const rows = await db.execute<{ id: string }>(sql`
    update invoices set leased_until = ${until}::timestamptz, attempts = attempts + 1
    where id = (
      select i.id from invoices i
      where ${workspaceId ? sql`i.workspace_id = ${workspaceId} and` : sql``} i.next_attempt_at <= ${now}::timestamptz and (i.leased_until is null or i.leased_until < ${now}::timestamptz)
        and ((i.status = 'draft' and ${accountReady})
             or (i.stripe_invoice_id is not null and i.status in ('open', 'paid', 'failed')
                 and exists (select 1 from charges c where c.invoice_id = i.id and c.kind = 'credit' and c.status = 'pending')))
      order by i.next_attempt_at
      limit 1
      for update skip locked)
    returning id`);
  const id = rows[0]?.id;
  if (!id) return null;
  const [inv] = await db.select().from(invoices).where(eq(invoices.id, id));
  return inv;
}

/**
 * The account an invoice is sent on, fixed on its row before its first Stripe object: once set it never changes
 * (its customer, items and credit notes live there). A new one takes the workspace's connected account in
 * platform mode (claimNext only hands out drafts whose account can take charges), else the server's own ("").
 */
async function invoiceAccount(db: Db, stripe: Stripe, inv: Invoice, platform: boolean): Promise<StripeAt> {
  if (inv.stripeAccount !== null) return { stripe, account: inv.stripeAccount };
  let account = "";
  if (platform) {
    const [row] = await db
      .select({ id: stripeConnectedAccounts.stripeAccountId })
      .from(stripeConnectedAccounts)
      .where(eq(stripeConnectedAccounts.workspaceId, inv.workspaceId));
    if (!row) throw new Error(`workspace ${inv.workspaceId} has no connected account to send invoice ${inv.id} on`);
    account = row.id;
  }
  const [fixed] = await db
    .update(invoices)
    .set({ stripeAccount: sql`coalesce(${invoices.stripeAccount}, ${account})` })
    .where(eq(invoices.id, inv.id))
    .returning({ account: invoices.stripeAccount });
  return { stripe, account: fixed?.account ?? account };
}

export type SendResult = { sent: number; paid: number; failed: number; retrying: number; credited: number };

/**
 * Sends due invoices to Stripe: the customer, the invoice, one invoice item per charge, finalize, pay; then any
 * credits as credit notes. Every create carries an idempotency key made of our ids, and each Stripe id is
 * stored as soon as it is known, so a retry after a crash, an error or a timeout repeats nothing: whatever
 * happens, one invoice per session. Transient failures wait with backoff; a declined card marks it failed.
 * `workspaceId` limits a pass to one workspace's invoices.
 */
export async function sendDueInvoices(
  db: Db,
  stripe: Stripe,
  now: Date,
  opts: { limit?: number; leaseMs?: number; workspaceId?: string; platform?: boolean } = {},
): Promise<SendResult> {
  const result: SendResult = { sent: 0, paid: 0, failed: 0, retrying: 0, credited: 0 };
  for (let i = 0; i < (opts.limit ?? 25); i++) {
    const claimed = await claimNext(db, now, opts.leaseMs ?? 120_000, opts.platform ?? false, opts.workspaceId);
    if (!claimed) break;
    let inv = claimed;
    try {
      const at = await invoiceAccount(db, stripe, inv, opts.platform ?? false);
      inv = { ...inv, stripeAccount: at.account };
      if (inv.status === "draft") {
        const status = await pushInvoice(db, at, inv, now, {
          feeBasisPoints: at.account ? await feeBasisPointsOf(db, inv.workspaceId) : 0,
        });
        result.sent++;
        if (status === "paid") result.paid++;
        if (status === "failed") result.failed++;
      }
      const credits = await pushCredits(db, at, inv.id, now);
      result.credited += credits.done;
      // Done for this pass (next_attempt_at moves past `now`, so the loop takes the next invoice); credits that
      // could not be applied yet wait with backoff instead of being retried in a tight loop.
      const wait = credits.waiting > 0 ? retryDelayMs(inv.attempts) : 1000;
      await db
        .update(invoices)
        .set({
          leasedUntil: null,
          lastError: null,
          attempts: credits.waiting > 0 ? inv.attempts : 0,
          nextAttemptAt: new Date(now.getTime() + wait),
          updatedAt: now,
        })
        .where(eq(invoices.id, inv.id));
    } catch (err) {
      const retryable = isRetryableStripeError(err);
      const message = err instanceof Stripe.errors.StripeError ? `${err.type}: ${err.message}` : "Unexpected error";
      logger.warn(
        { err, invoiceId: inv.id, attempts: inv.attempts + 1, retryable },
        "sending an invoice to Stripe failed; it will be retried",
      );
      await db
        .update(invoices)
        .set({
          leasedUntil: null,
          lastError: message,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(inv.attempts + 1)),
          updatedAt: now,
        })
        .where(eq(invoices.id, inv.id));
      result.retrying++;
    }
  }
  return result;
}
