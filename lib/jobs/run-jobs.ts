import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings } from "@/db/schema";
import { purgeIdempotencyKeys } from "../api/idempotency";
import type { PaymentsMode } from "../billing/connect";
import { assembleInvoices, sendDueInvoices } from "../billing/invoicing";
import type { StripeOrNull } from "../billing/stripe-client";
import { retryStripeEvents } from "../billing/webhooks";
import { refreshStripeTaxRates } from "../billing/stripe-tax";
import { syncStripeTaxTransactions } from "../billing/stripe-tax-transactions";
import { sweepNoShows } from "../bookings/jobs";
import { chargeStorageNights } from "../storage/jobs";
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

/** `allowPrivateWebhookHosts`: `privateHostsAllowed(env)`; unset, webhooks only go to public addresses. */
/** `paymentsMode` "platform": invoices go out on each workspace's connected account, once it can take charges. */
export type JobConfig = {
  smtpUrl?: string;
  from: string;
  stripe?: StripeOrNull;
  paymentsMode?: PaymentsMode;
  allowPrivateWebhookHosts?: boolean;
};

/** One periodic job: its name (for the logs) and one pass of it, answering what it did in counts. */
export type Job = { name: string; run: () => Promise<Record<string, number>> };

/**
 * Runs jobs one after another, each on its own: a job that throws is logged with its name and the pass goes on
 * to the next one, so one bad row (a booking whose stored quote cannot be priced, say) can never stop no-shows,
 * storage nights, invoices, emails and webhooks for every workspace.
 */
export async function runJobsInTurn(jobs: Job[]): Promise<{ done: Record<string, number>; failed: string[] }> {
  const done: Record<string, number> = {};
  const failed: string[] = [];
  for (const job of jobs) {
    try {
      Object.assign(done, await job.run());
    } catch (err) {
      failed.push(job.name);
      logger.error({ err, job: job.name }, "a periodic job failed; the others ran, and it runs again next pass");
    }
  }
  return { done, failed };
}

/**
 * One pass of every periodic job. Each is idempotent and safe to run on several instances at once (updates
 * guarded by their WHERE clause, emails by dedupe keys, deliveries by `skip locked` claims), so every instance
 * can run the loop and nothing is lost on a restart: the state lives in Postgres.
 */
export async function runJobsOnce(db: Db, config: JobConfig, now: Date) {
  const stripe = config.stripe;
  return runJobsInTurn([
    // The waitlist first: it expires holds room by room (under the room lock) and offers freed time to the next in line.
    {
      name: "waitlist",
      run: async () => {
        const r = await processExpiredOffers(db, now);
        return { offered: r.offered.length, expiredInRooms: r.expired };
      },
    },
    { name: "holds", run: async () => ({ expired: await expireHolds(db, now) }) },
    // No-shows before emails and invoicing: the sweep's fee and the freed slot go out in this same pass.
    { name: "no-shows", run: async () => ({ noShows: await sweepNoShows(db, now) }) },
    { name: "reminders", run: async () => ({ reminders: await sendDueReminders(db, now) }) },
    { name: "emails", run: async () => ({ sent: await deliverQueuedEmails(db, config, now) }) },
    // Stripe Tax's rates, asked again daily, before the nights and invoices they tax.
    ...(stripe
      ? [
          {
            name: "stripe tax rates",
            run: async () => {
              const r = await refreshStripeTaxRates(db, now, { stripe, mode: config.paymentsMode });
              return { taxRatesChecked: r.checked, taxRatesChanged: r.changed, taxRatesFailed: r.failed };
            },
          },
        ]
      : []),
    // Overnight storage: every night that has passed becomes a charge (keyed per night: once).
    { name: "storage nights", run: async () => ({ storageNights: await chargeStorageNights(db, now) }) },
    // Billing: pending charges become invoices; with Stripe connected they are sent (and unsynced events retried).
    { name: "invoicing", run: async () => ({ invoiced: await assembleInvoices(db, now, Boolean(stripe)) }) },
    ...(stripe
      ? [
          {
            name: "stripe invoices",
            run: async () => {
              const r = await sendDueInvoices(db, stripe, now, { platform: config.paymentsMode === "platform" });
              return { invoicesSent: r.sent, invoicesRetrying: r.retrying };
            },
          },
          { name: "stripe events", run: async () => ({ events: await retryStripeEvents(db, stripe, now) }) },
          // Paid sales at Stripe Tax's rate (and their credits) recorded with Stripe Tax, for its reports.
          {
            name: "stripe tax transactions",
            run: async () => {
              const r = await syncStripeTaxTransactions(db, stripe);
              return { taxTransactions: r.recorded, taxReversals: r.reversed, taxRecordsFailed: r.failed };
            },
          },
        ]
      : []),
    // Brands' webhooks: due deliveries are POSTed (claimed with skip locked, so instances never send one twice).
    {
      name: "webhooks",
      run: async () => {
        const r = await deliverDueWebhooks(db, now, { allowPrivateHosts: config.allowPrivateWebhookHosts ?? false });
        return { webhooksDelivered: r.delivered, webhooksRetrying: r.retrying, webhooksFailed: r.failed };
      },
    },
    // API Idempotency-Key answers are replayed for 24 hours; older ones are only dead weight (reads ignore them too).
    { name: "idempotency keys", run: async () => ({ idempotencyKeysPurged: await purgeIdempotencyKeys(db, now) }) },
  ]);
}

/** Runs the jobs every `intervalMs`, never two passes at once in one process; errors are logged, not fatal. */
export function startJobLoop(db: Db, config: JobConfig, clock: () => Date, intervalMs = 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const { done, failed } = await runJobsOnce(db, config, clock());
      if (failed.length > 0 || Object.values(done).some((n) => n > 0)) logger.info({ ...done, failed }, "jobs ran");
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
