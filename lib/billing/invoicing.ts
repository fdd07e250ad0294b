import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db, Tx } from "@/db/client";
import { bookings, charges, invoices, rooms } from "@/db/schema";
import { logger } from "../logger";
import { getPolicies, type Policies } from "../policies/policies";
import { ensureStripeCustomer } from "./customers";
import { isRetryableStripeError } from "./stripe-client";
import { applyStripeInvoice } from "./sync-invoice";

type Charge = typeof charges.$inferSelect;
type Invoice = typeof invoices.$inferSelect;

/** Session charges share one invoice per booking; every fee event (late cancellation, no-show, storage) gets its own. */
export function invoiceGroupKey(c: Pick<Charge, "id" | "kind" | "bookingId">): string {
  return c.bookingId && (c.kind === "room_time" || c.kind === "add_on" || c.kind === "overtime") ? `booking:${c.bookingId}` : `charge:${c.id}`;
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
export async function assembleInvoices(db: Db, now: Date, stripeConnected: boolean, opts: { workspaceId?: string } = {}): Promise<number> {
  return db.transaction(async (tx) => {
    const pending = await tx
      .select()
      .from(charges)
      .where(and(eq(charges.status, "pending"), ne(charges.kind, "credit"), isNull(charges.invoiceId), opts.workspaceId ? eq(charges.workspaceId, opts.workspaceId) : undefined))
      .orderBy(asc(charges.createdAt))
      .limit(500)
      .for("update", { skipLocked: true });
    if (pending.length === 0) return 0;
    const policies = new Map<string, Policies>();
    for (const w of new Set(pending.map((c) => c.workspaceId))) policies.set(w, await getPolicies(tx, w));
    const due = pending.filter((c) => c.createdAt.getTime() + policies.get(c.workspaceId)!.invoiceDelayMinutes * 60_000 <= now.getTime());
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
  const first = group[0];
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
  let [inv] = await tx.insert(invoices).values({ ...values, groupKey }).onConflictDoNothing().returning();
  if (!inv) {
    // The session already has an invoice (a charge that came later, e.g. overtime): join it while it is still
    // ours alone, else open a separate one for these charges.
    const [existing] = await tx.select().from(invoices).where(and(eq(invoices.workspaceId, first.workspaceId), eq(invoices.groupKey, groupKey))).for("update");
    if (existing && existing.currency === first.currency && (existing.status === "not_sent" || (existing.status === "draft" && !existing.stripeInvoiceId))) {
      [inv] = await tx.update(invoices).set({ amountDueCents: sql`${invoices.amountDueCents} + ${total}`, updatedAt: now }).where(eq(invoices.id, existing.id)).returning();
    } else {
      [inv] = await tx.insert(invoices).values({ ...values, groupKey: `${groupKey}:${first.id}` }).returning();
    }
  }
  await tx.update(charges).set({ status: "invoiced", invoiceId: inv.id }).where(inArray(charges.id, group.map((c) => c.id)));
}

async function describe(tx: Tx, c: Charge, groupKey: string) {
  if (!c.bookingId) return c.description;
  const [b] = await tx.select({ code: bookings.code, room: rooms.name }).from(bookings).innerJoin(rooms, eq(rooms.id, bookings.roomId)).where(eq(bookings.id, c.bookingId));
  if (!b) return c.description;
  return groupKey.startsWith("booking:") ? `Session ${b.code} in ${b.room}` : c.description;
}

/**
 * Takes the next invoice with work for Stripe (a draft to send, or a credit to apply) under a lease, so two
 * workers never work on one invoice at once; a worker that dies lets its lease run out and another continues.
 */
async function claimNext(db: Db, at: Date, leaseMs: number, workspaceId?: string): Promise<Invoice | null> {
  const now = at.toISOString();
  const until = new Date(at.getTime() + leaseMs).toISOString();
  const rows = await db.execute<{ id: string }>(sql`
    update invoices set leased_until = ${until}::timestamptz, attempts = attempts + 1
    where id = (
      select i.id from invoices i
      where ${workspaceId ? sql`i.workspace_id = ${workspaceId} and` : sql``} i.next_attempt_at <= ${now}::timestamptz and (i.leased_until is null or i.leased_until < ${now}::timestamptz)
        and (i.status = 'draft'
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

export type SendResult = { sent: number; paid: number; failed: number; retrying: number; credited: number };

/**
 * Sends due invoices to Stripe: the customer, the invoice, one invoice item per charge, finalize, pay; then any
 * credits as credit notes. Every create carries an idempotency key made of our ids, and each Stripe id is
 * stored as soon as it is known, so a retry after a crash, an error or a timeout repeats nothing: whatever
 * happens, one invoice per session. Transient failures wait with backoff; a declined card marks it failed.
 * `workspaceId` limits a pass to one workspace's invoices.
 */
export async function sendDueInvoices(db: Db, stripe: Stripe, now: Date, opts: { limit?: number; leaseMs?: number; workspaceId?: string } = {}): Promise<SendResult> {
  const result: SendResult = { sent: 0, paid: 0, failed: 0, retrying: 0, credited: 0 };
  for (let i = 0; i < (opts.limit ?? 25); i++) {
    const inv = await claimNext(db, now, opts.leaseMs ?? 120_000, opts.workspaceId);
    if (!inv) break;
    try {
      if (inv.status === "draft") {
        const status = await pushInvoice(db, stripe, inv, now);
        result.sent++;
        if (status === "paid") result.paid++;
        if (status === "failed") result.failed++;
      }
      result.credited += await pushCredits(db, stripe, inv.id, now);
      await db.update(invoices).set({ leasedUntil: null, lastError: null, attempts: 0, updatedAt: now }).where(eq(invoices.id, inv.id));
    } catch (err) {
      const retryable = isRetryableStripeError(err);
      const message = err instanceof Stripe.errors.StripeError ? `${err.type}: ${err.message}` : "Unexpected error";
      logger.warn({ err, invoiceId: inv.id, attempts: inv.attempts + 1, retryable }, "sending an invoice to Stripe failed; it will be retried");
      await db
        .update(invoices)
        .set({ leasedUntil: null, lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelayMs(inv.attempts + 1)), updatedAt: now })
        .where(eq(invoices.id, inv.id));
      result.retrying++;
    }
  }
  return result;
}

async function pushInvoice(db: Db, stripe: Stripe, inv: Invoice, now: Date) {
  const customer = await ensureStripeCustomer(db, stripe, inv.workspaceId, inv.creatorId);
  let stripeInvoiceId = inv.stripeInvoiceId;
  if (!stripeInvoiceId) {
    const created = await stripe.invoices.create(
      {
        customer,
        currency: inv.currency.toLowerCase(),
        collection_method: "charge_automatically",
        auto_advance: false,
        pending_invoice_items_behavior: "exclude",
        description: inv.description || undefined,
        metadata: { livebase_invoice_id: inv.id, livebase_workspace_id: inv.workspaceId },
      },
      { idempotencyKey: `livebase-invoice-${inv.id}` },
    );
    stripeInvoiceId = created.id;
    await db.update(invoices).set({ stripeInvoiceId }).where(eq(invoices.id, inv.id));
  }
  const items = await db
    .select()
    .from(charges)
    .where(and(eq(charges.invoiceId, inv.id), ne(charges.kind, "credit"), isNull(charges.stripeInvoiceItemId), eq(charges.status, "invoiced")))
    .orderBy(asc(charges.createdAt), asc(charges.idempotencyKey));
  for (const c of items) {
    const item = await stripe.invoiceItems.create(
      { customer, invoice: stripeInvoiceId, amount: c.amountCents, currency: c.currency.toLowerCase(), description: c.description, metadata: { livebase_charge_id: c.id } },
      { idempotencyKey: `livebase-invoice-item-${c.id}` },
    );
    await db.update(charges).set({ stripeInvoiceItemId: item.id }).where(eq(charges.id, c.id));
  }
  let si = await stripe.invoices.retrieve(stripeInvoiceId);
  if (si.status === "draft") {
    // auto_advance from here on: Stripe's own retries (Smart Retries) follow a failed first charge.
    si = await stripe.invoices.finalizeInvoice(stripeInvoiceId, { auto_advance: true }, { idempotencyKey: `livebase-invoice-finalize-${inv.id}` });
  }
  let failure: string | undefined;
  if (si.status === "open" && !si.attempted) {
    try {
      si = await stripe.invoices.pay(stripeInvoiceId, { expand: ["payments"] }, { idempotencyKey: `livebase-invoice-pay-${inv.id}` });
    } catch (err) {
      // A declined card or no card on file is an answer, not an outage: the invoice is failed, the creator pays it.
      if (!(err instanceof Stripe.errors.StripeCardError || err instanceof Stripe.errors.StripeInvalidRequestError)) throw err;
      failure = err.message;
      si = await stripe.invoices.retrieve(stripeInvoiceId, { expand: ["payments"] });
      if (si.status === "open" && !si.attempted) si = { ...si, attempted: true, attempt_count: Math.max(1, si.attempt_count ?? 0) };
    }
  }
  await db.update(invoices).set({ sentAt: inv.sentAt ?? now }).where(eq(invoices.id, inv.id));
  return applyStripeInvoice(db, si, now, failure);
}

/** Credits of an invoice at Stripe become credit notes: a refund to the card when it was paid, else less to pay. */
async function pushCredits(db: Db, stripe: Stripe, invoiceId: string, now: Date) {
  const [inv] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!inv?.stripeInvoiceId) return 0;
  const credits = await db.select().from(charges).where(and(eq(charges.invoiceId, inv.id), eq(charges.kind, "credit"), eq(charges.status, "pending"))).orderBy(asc(charges.createdAt));
  let done = 0;
  for (const c of credits) {
    const si = await stripe.invoices.retrieve(inv.stripeInvoiceId);
    if (si.status === "void" || si.status === "draft") continue; // a voided invoice needs no credit; a draft is not sent yet
    const cents = -c.amountCents;
    const paid = si.status === "paid";
    const note = await stripe.creditNotes.create(
      {
        invoice: inv.stripeInvoiceId,
        lines: [{ type: "custom_line_item", description: c.description, quantity: 1, unit_amount: cents }],
        ...(paid ? { refund_amount: cents } : {}),
        memo: c.reason ?? undefined,
        metadata: { livebase_charge_id: c.id },
      },
      { idempotencyKey: `livebase-credit-note-${c.id}` },
    );
    await db.update(charges).set({ status: paid ? "paid" : "invoiced", stripeCreditNoteId: note.id }).where(eq(charges.id, c.id));
    if (paid) {
      // What our ledger has refunded; the charge.refunded webhook may raise it further (refunds made in Stripe).
      const refunded = sql`(select coalesce(-sum(amount_cents), 0) from charges where invoice_id = ${inv.id} and kind = 'credit' and status = 'paid')`;
      await db.update(invoices).set({ amountRefundedCents: sql`greatest(${invoices.amountRefundedCents}, ${refunded})`, updatedAt: now }).where(eq(invoices.id, inv.id));
    }
    done++;
  }
  if (done > 0) await applyStripeInvoice(db, await stripe.invoices.retrieve(inv.stripeInvoiceId, { expand: ["payments"] }), now);
  return done;
}
