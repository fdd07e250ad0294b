import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
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
};

/** Writes an email to the outbox; call it inside the transaction of the event that causes it. */
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
    })
    .returning({ id: notifications.id });
  return row.id;
}

const MAX_ATTEMPTS = 5;

/**
 * Delivers queued emails over SMTP. Rows are claimed with `for update skip locked`, so several instances can
 * run this at once without sending a message twice. Without SMTP the outbox is left as it is (dev mailbox).
 */
export async function deliverQueuedEmails(db: Db, config: { smtpUrl?: string; from: string }, limit = 20) {
  if (!config.smtpUrl) return 0;
  const transport = createTransport(config.smtpUrl);
  let sent = 0;
  await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(notifications)
      .where(and(inArray(notifications.status, ["queued", "failed"]), lt(notifications.attempts, MAX_ATTEMPTS)))
      .orderBy(asc(notifications.createdAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const n of due) {
      try {
        await transport.sendMail({
          from: config.from,
          to: n.toEmail,
          subject: n.subject,
          text: n.text,
          html: n.html ?? undefined,
          attachments: n.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        });
        await tx
          .update(notifications)
          .set({ status: "sent", sentAt: sql`now()`, attempts: n.attempts + 1, lastError: null })
          .where(eq(notifications.id, n.id));
        sent++;
      } catch (err) {
        logger.warn({ err, notificationId: n.id }, "email delivery failed");
        await tx
          .update(notifications)
          .set({ status: "failed", attempts: n.attempts + 1, lastError: String(err instanceof Error ? err.message : err).slice(0, 500) })
          .where(eq(notifications.id, n.id));
      }
    }
  });
  return sent;
}
