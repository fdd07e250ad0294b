import { eq, inArray, sql } from "drizzle-orm";
import { createTransport } from "nodemailer";
import type { Db, DbOrTx } from "@/db/client";
import { notifications, type EmailAttachment } from "@/db/schema";
import { logger } from "../logger";

export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
  workspaceId?: string | null;
  attachments?: EmailAttachment[];
  /** At most one message per key, ever: enqueueing it again does nothing (returns null). */
  dedupeKey?: string;
  /** When it was written (the app's clock, `appNow()`); the database's clock when not given. */
  at?: Date;
};

/** Writes an email to the outbox (call it inside the transaction of the event that causes it); answers its id, or null for a repeated dedupe key. */
export async function enqueueEmail(db: DbOrTx, message: EmailMessage) {
  const [row] = await db
    .insert(notifications)
    .values({
      toEmail: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      kind: message.kind,
      workspaceId: message.workspaceId ?? null,
      attachments: message.attachments ?? [],
      dedupeKey: message.dedupeKey ?? null,
      ...(message.at ? { createdAt: message.at } : {}),
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return row?.id ?? null;
}

const MAX_ATTEMPTS = 5;
const STALE_CLAIM_MINUTES = 10;

export type MailConfig = { smtpUrl?: string; from: string };

/**
 * Claims outbox rows for sending in a short transaction (`for update skip locked`, so two senders never take the
 * same one): queued or failed rows with attempts left, and claims a crashed sender left for 10 minutes.
 */
async function claim(db: Db, now: Date, limit: number, only?: string) {
  const at = now.toISOString();
  const claimed = await db.execute<{ id: string }>(sql`
    update notifications set status = 'sending', claimed_at = ${at}::timestamptz, attempts = attempts + 1
    where id in (
      select id from notifications
      where ${only ? sql`id = ${only} and ` : sql``}(
            (status in ('queued', 'failed') and attempts < ${MAX_ATTEMPTS})
         or (status = 'sending' and claimed_at < ${at}::timestamptz - make_interval(mins => ${STALE_CLAIM_MINUTES})))
      order by created_at
      limit ${limit}
      for update skip locked
    )
    returning id`);
  return claimed.map((r) => r.id);
}

/** Sends claimed rows outside any transaction and marks each sent, or failed with the reason (retried later). */
async function sendClaimed(db: Db, config: { smtpUrl: string; from: string }, ids: string[], now: Date) {
  if (ids.length === 0) return 0;
  const due = await db.select().from(notifications).where(inArray(notifications.id, ids));
  const transport = createTransport(config.smtpUrl);
  let sent = 0;
  for (const n of due) {
    try {
      await transport.sendMail({
        from: config.from,
        to: n.toEmail,
        subject: n.subject,
        text: n.text,
        html: n.html ?? undefined,
        attachments: n.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
      await db
        .update(notifications)
        .set({ status: "sent", sentAt: now, lastError: null })
        .where(eq(notifications.id, n.id));
      sent++;
    } catch (err) {
      logger.warn({ err, notificationId: n.id }, "email delivery failed");
      await db
        .update(notifications)
        .set({ status: "failed", lastError: String(err instanceof Error ? err.message : err).slice(0, 500) })
        .where(eq(notifications.id, n.id));
    }
  }
  return sent;
}

/**
 * Delivers queued emails over SMTP (the job loop): claimed, then sent outside any transaction, then marked.
 * Without SMTP the outbox is left as it is (dev mailbox).
 */
export async function deliverQueuedEmails(db: Db, config: MailConfig, now: Date, limit = 20) {
  if (!config.smtpUrl) return 0;
  return sendClaimed(db, { smtpUrl: config.smtpUrl, from: config.from }, await claim(db, now, limit), now);
}

/**
 * Delivers one outbox message now, inside the request that wrote it (a sign-in link, a reset link, an
 * invitation: the person is waiting for it), and nothing else: other messages, of this or any workspace, are the
 * job loop's. Claimed like the batch, so the loop never sends it twice. Call it after the writing transaction
 * committed. It never throws: a message it could not send stays in the outbox for the loop to retry.
 */
export async function deliverEmail(db: Db, config: MailConfig, id: string | null, now: Date): Promise<boolean> {
  if (!config.smtpUrl || !id) return false;
  try {
    const claimed = await claim(db, now, 1, id);
    return (await sendClaimed(db, { smtpUrl: config.smtpUrl, from: config.from }, claimed, now)) === 1;
  } catch (err) {
    logger.error({ err, notificationId: id }, "an email could not be sent at once; the job loop will send it");
    return false;
  }
}
