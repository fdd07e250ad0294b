import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { notifications } from "@/db/schema";

/** The outbox, newest first, optionally for one recipient (the dev mailbox and tests read it). */
export async function listOutbox(db: DbOrTx, input: { to?: string; limit: number }) {
  const q = db.select().from(notifications).orderBy(desc(notifications.createdAt)).limit(input.limit);
  return input.to ? q.where(eq(notifications.toEmail, input.to.trim().toLowerCase())) : q;
}
