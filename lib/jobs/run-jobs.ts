import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings } from "@/db/schema";
import { assembleInvoices, sendDueInvoices } from "../billing/invoicing";
import type { StripeOrNull } from "../billing/stripe-client";
import { retryStripeEvents } from "../billing/webhooks";
import { sweepNoShows } from "../bookings/operate-booking";
import { chargeStorageNights } from "../storage/storage";
import { processExpiredOffers } from "../bookings/waitlist-job";
import { logger } from "../logger";
import { deliverQueuedEmails } from "../notifications/outbox";
import { deliverDueWebhooks } from "../webhooks/deliver";
import { sendDueReminders } from "./reminders";

/** Holds that ran out become `expired` (booking paths also do this per room, under the room's lock). */
export async function expireHolds(db: Db, now: Date) {
  const rows = await db
    .update(bookings)
    .set({ status: "expired", updatedAt: now })
    .where(and(eq(bookings.status, "held"), lt(bookings.holdExpiresAt, now)))
    .returning({ id: bookings.id });
  return rows.length;
}

export type JobConfig = { smtpUrl?: string; from: string; stripe?: StripeOrNull };

/**
 * One pass of every periodic job. Each is idempotent and safe to run on several instances at once (updates
 * guarded by their WHERE clause, emails by dedupe keys, deliveries by `skip locked` claims), so every instance
 * can run the loop and nothing is lost on a restart: the state lives in Postgres.
 */
export async function runJobsOnce(db: Db, config: JobConfig, now: Date) {
  // The waitlist first: it expires holds room by room (under the room lock) and offers freed time to the next in line.
  const waitlist = await processExpiredOffers(db, now);
  const expired = waitlist.expired + (await expireHolds(db, now));
  // No-shows before emails and invoicing: the sweep's fee and the freed slot go out in this same pass.
  const noShows = await sweepNoShows(db, now);
  const reminders = await sendDueReminders(db, now);
  const sent = await deliverQueuedEmails(db, config);
  // Overnight storage: every night that has passed becomes a charge (keyed per night: once).
  const storageNights = await chargeStorageNights(db, now);
  // Billing: pending charges become invoices; with Stripe connected they are sent (and unsynced events retried).
  const invoiced = await assembleInvoices(db, now, Boolean(config.stripe));
  const stripe = config.stripe ? await sendDueInvoices(db, config.stripe, now) : null;
  const events = config.stripe ? await retryStripeEvents(db, config.stripe, now) : 0;
  // Brands' webhooks: due deliveries are POSTed (claimed with skip locked, so instances never send one twice).
  const webhooks = await deliverDueWebhooks(db, now);
  return { expired, offered: waitlist.offered.length, noShows, storageNights, reminders, sent, invoiced, invoicesSent: stripe?.sent ?? 0, invoicesRetrying: stripe?.retrying ?? 0, events, webhooksDelivered: webhooks.delivered, webhooksRetrying: webhooks.retrying, webhooksFailed: webhooks.failed };
}

/** Runs the jobs every `intervalMs`, never two passes at once in one process; errors are logged, not fatal. */
export function startJobLoop(db: Db, config: JobConfig, clock: () => Date, intervalMs = 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const done = await runJobsOnce(db, config, clock());
      if (Object.values(done).some((n) => n > 0)) logger.info(done, "jobs ran");
    } catch (err) {
      logger.error({ err }, "a job pass failed; it will run again");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
