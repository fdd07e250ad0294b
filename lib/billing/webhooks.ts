import { z } from "zod";
import { str } from "../input";
import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db } from "@/db/client";
import { charges, invoices, stripeEvents } from "@/db/schema";
import { pgErrorCode } from "@/db/errors";
import { logger } from "../logger";
import { fail, ok, type Result } from "../result";
import { syncConnectedAccount } from "./connect";
import { applyCompletedCheckout, applySetupIntent, syncStripeCustomer } from "./customers";
import { syncApplicationFee, syncInvoiceFee } from "./platform-fees";
import { onAccount, type StripeAt } from "./stripe-client";
import { applyStripeInvoice } from "./sync-invoice";

/**
 * A Stripe webhook: the signature is verified against the raw body, the event id is recorded (a duplicate that was
 * processed is a no-op), and the sync reads the object's current state from Stripe, so the order and number of
 * deliveries do not matter. A sync that fails answers an error so Stripe delivers again; the job loop retries too.
 */
/** What an event must be before it is recorded: an evt_ id, a type, and the object it is about. */
const stripeEventShape = z.object({
  id: str().startsWith("evt_").max(255),
  type: str().min(1).max(200),
  data: z.object({ object: z.object({ id: str().max(255).optional() }).loose() }),
});

/** A body Postgres will never take, however often it is sent (too deep, or not valid JSONB): not worth a retry. */
function unstorable(err: unknown): boolean {
  return err instanceof RangeError || ["54001", "22P02", "22P05"].includes(pgErrorCode(err) ?? "");
}

/** How far a Stripe-Signature timestamp may be from our clock, either way (Stripe's own default, 5 minutes). */
const STRIPE_TOLERANCE_SECONDS = 300;

/** The `t=` of a Stripe-Signature header (Unix seconds). */
function signedAt(header: string): number {
  const t = header.split(",").find((part) => part.trim().startsWith("t="));
  return Number(t?.trim().slice(2));
}

export async function handleStripeWebhook(
  db: Db,
  stripe: Stripe,
  // Several secrets: the account's endpoint and the Connect endpoint are signed with their own.
  input: { payload: string; signature: string | null; secret: string | string[] },
  now: Date,
): Promise<Result<{ duplicate: boolean; type: string }, "bad_signature" | "sync_failed">> {
  let event: Stripe.Event;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  try {
    if (!input.signature) throw new Error("no signature");
    event = verifiedEvent(
      stripe,
      input.payload,
      input.signature,
      typeof input.secret === "string" ? [input.secret] : input.secret,
      now,
    );
  } catch {
    return fail("bad_signature", { message: "The Stripe-Signature header does not match this payload." });
  }
  // A signed request stamped ahead of our clock by more than the tolerance could be held back and replayed later.
  if (signedAt(input.signature) > nowSeconds + STRIPE_TOLERANCE_SECONDS) {
    return fail("bad_signature", { message: "The Stripe-Signature timestamp is too far in the future." });
  }
  // Signed but not an event we can act on (`[]`, an id of null, no data object): acknowledged and logged, never
  // retried. A 500 would make Stripe, and our own job loop, deliver it again and again for nothing.
  if (!stripeEventShape.safeParse(event).success) {
    logger.warn(
      { payload: input.payload.slice(0, 500) },
      "a signed Stripe webhook is not an event we can process; acknowledged and ignored",
    );
    return ok({ duplicate: false, type: "ignored" });
  }
  let inserted: { id: string }[];
  try {
    // The raw body as Stripe signed it: Postgres parses it (re-serialising a deeply nested body could overflow).
    inserted = await db
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, payload: sql`${input.payload}::jsonb`, receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
  } catch (err) {
    if (!unstorable(err)) throw err;
    logger.warn(
      { err, eventId: event.id },
      "a signed Stripe webhook cannot be stored (too deeply nested); acknowledged and ignored",
    );
    return ok({ duplicate: false, type: "ignored" });
  }
  if (inserted.length === 0) {
    const [seen] = await db
      .select({ processedAt: stripeEvents.processedAt })
      .from(stripeEvents)
      .where(eq(stripeEvents.id, event.id));
    if (seen?.processedAt) return ok({ duplicate: true, type: event.type });
  }
  const done = await processRecordedEvent(db, stripe, event, now);
  return done
    ? ok({ duplicate: false, type: event.type })
    : fail("sync_failed", { message: "Syncing the event failed; Stripe will deliver it again." });
}

/** The event, if one of the secrets signed it. On our clock; the SDK refuses an old timestamp, not a future one. */
function verifiedEvent(stripe: Stripe, payload: string, signature: string, secrets: string[], now: Date): Stripe.Event {
  let last: unknown = new Error("no webhook secret");
  for (const secret of secrets) {
    try {
      return stripe.webhooks.constructEvent(
        payload,
        signature,
        secret,
        STRIPE_TOLERANCE_SECONDS,
        undefined,
        now.getTime(),
      );
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

/**
 * An object Stripe says does not exist on the account the event names: not ours to sync (a Connect event for an
 * account we do not know, or an object deleted since). Definitive, so the event is done, not retried.
 */
function missingAtStripe(err: unknown): boolean {
  return err instanceof Stripe.errors.StripeInvalidRequestError && err.code === "resource_missing";
}

async function processRecordedEvent(
  db: Db,
  stripe: Stripe,
  event: Pick<Stripe.Event, "id" | "type" | "data" | "account">,
  now: Date,
) {
  try {
    try {
      await syncEvent(db, stripe, event, now);
    } catch (err) {
      if (!missingAtStripe(err)) throw err;
      logger.warn(
        { err, eventId: event.id, type: event.type, account: event.account },
        "a Stripe event's object does not exist on its account; nothing to sync",
      );
    }
    await db.update(stripeEvents).set({ processedAt: now, lastError: null }).where(eq(stripeEvents.id, event.id));
    return true;
  } catch (err) {
    logger.warn({ err, eventId: event.id, type: event.type }, "syncing a Stripe event failed");
    const message = err instanceof Stripe.errors.StripeError ? `${err.type}: ${err.message}` : "Unexpected error";
    await db
      .update(stripeEvents)
      .set({ attempts: sql`${stripeEvents.attempts} + 1`, lastError: message })
      .where(eq(stripeEvents.id, event.id));
    return false;
  }
}

/**
 * Reads the event's object from Stripe, as it is now, and applies it. Unknown types are recorded and ignored.
 * The cases below are the events we act on: the README (Billing; Payments) lists which to enable on each endpoint.
 * An event from a connected account (`account`) is read back from that account, and only touches our rows that
 * live on it: an id of one account never matches a row of another.
 */
export async function syncEvent(
  db: Db,
  stripe: Stripe,
  event: Pick<Stripe.Event, "type" | "data"> & { account?: string },
  now: Date,
) {
  const object = event.data.object as { id?: string; object?: string };
  if (!object.id) return;
  const at: StripeAt = { stripe, account: typeof event.account === "string" ? event.account : "" };
  switch (event.type) {
    case "checkout.session.completed":
      await applyCompletedCheckout(db, at, object.id, now);
      return;
    case "setup_intent.succeeded":
      await applySetupIntent(db, at, await stripe.setupIntents.retrieve(object.id, {}, onAccount(at.account)), now);
      return;
    case "customer.updated":
      await syncStripeCustomer(db, at, object.id, now);
      return;
    case "invoice.finalized":
    case "invoice.paid":
    case "invoice.payment_failed":
    case "invoice.voided":
    case "invoice.marked_uncollectible": {
      const status = await applyStripeInvoice(
        db,
        await stripe.invoices.retrieve(object.id, { expand: ["payments"] }, onAccount(at.account)),
        now,
        undefined,
        at.account,
      );
      if (status === "paid" && at.account) {
        const [inv] = await db
          .select()
          .from(invoices)
          .where(and(eq(invoices.stripeInvoiceId, object.id), eq(invoices.stripeAccount, at.account)));
        if (inv) await syncInvoiceFee(db, at, inv);
      }
      return;
    }
    case "charge.refunded":
      await syncRefunds(db, at, object.id, now);
      return;
    case "application_fee.created":
    case "application_fee.refunded":
      await syncApplicationFee(db, stripe, object.id);
      return;
    case "account.updated":
      await syncConnectedAccount(db, stripe, object.id, now);
      return;
    default:
      return;
  }
}

/** Events recorded but not processed (Stripe was unreachable during the sync) are retried by the job loop. */
export async function retryStripeEvents(db: Db, stripe: Stripe, now: Date) {
  const due = await db
    .select()
    .from(stripeEvents)
    .where(
      and(
        isNull(stripeEvents.processedAt),
        lt(stripeEvents.receivedAt, new Date(now.getTime() - 60_000)),
        lt(stripeEvents.attempts, 50),
      ),
    )
    .orderBy(asc(stripeEvents.receivedAt))
    .limit(50);
  let done = 0;
  // The stored payload keeps the event's `account`, so a retried Connect event is read from its account again.
  for (const row of due) if (await processRecordedEvent(db, stripe, row.payload as Stripe.Event, now)) done++;
  return done;
}

/**
 * A refund of an invoice's payment. Ours come from credit notes and are already credits in the ledger; one made
 * in the Stripe Dashboard is written as a credit too (keyed by the refund id, so once), so that the ledger, the
 * balance and the reports agree with Stripe.
 */
async function syncRefunds(db: Db, { stripe, account }: StripeAt, chargeId: string, now: Date) {
  const charge = await stripe.charges.retrieve(chargeId, { expand: ["refunds"] }, onAccount(account));
  const pi = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  if (!pi) return;
  const [inv] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.stripePaymentIntentId, pi), eq(invoices.stripeAccount, account)));
  if (!inv?.stripeInvoiceId) return;
  const explained = new Set<string>();
  // Ours: made for a credit (its charge id in the metadata), whether or not its credit note exists yet.
  for (const r of charge.refunds?.data ?? []) if (r.metadata?.livebase_charge_id) explained.add(r.id);
  for await (const note of stripe.creditNotes.list({ invoice: inv.stripeInvoiceId, limit: 100 }, onAccount(account))) {
    if (!note.metadata?.livebase_charge_id) continue; // a note made in the Dashboard is not in our ledger
    for (const r of note.refunds ?? []) explained.add(typeof r.refund === "string" ? r.refund : r.refund.id);
  }
  for (const r of charge.refunds?.data ?? []) {
    if (r.status !== "succeeded" || explained.has(r.id)) continue;
    await db
      .insert(charges)
      .values({
        workspaceId: inv.workspaceId,
        creatorId: inv.creatorId,
        kind: "credit",
        bookingId: inv.bookingId,
        description: `Refund in Stripe (${r.id})`,
        quantity: 1,
        unitAmountCents: -r.amount,
        amountCents: -r.amount,
        currency: inv.currency,
        status: "paid",
        idempotencyKey: `stripe_refund:${r.id}`,
        invoiceId: inv.id,
        reason: "Refunded in the Stripe Dashboard",
        createdAt: now,
      })
      .onConflictDoNothing();
  }
  await db
    .update(invoices)
    .set({
      amountRefundedCents: sql`greatest(${invoices.amountRefundedCents}, ${charge.amount_refunded})`,
      updatedAt: now,
    })
    .where(eq(invoices.id, inv.id));
}
