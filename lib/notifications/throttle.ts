import { and, count, eq, gt, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { notifications } from "@/db/schema";

export const EMAIL_WINDOW_MINUTES = 15;

/**
 * Whether another email of these kinds may go to this address now: sign-in links and reset mails can be asked
 * for by anyone, so without a cap the app could be used to flood someone's inbox.
 */
export async function mayEmail(db: DbOrTx, input: { to: string; kinds: string[]; max: number; now: Date }) {
  const since = new Date(input.now.getTime() - EMAIL_WINDOW_MINUTES * 60_000);
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(
      and(
        eq(notifications.toEmail, input.to),
        inArray(notifications.kind, input.kinds),
        gt(notifications.createdAt, since),
      ),
    );
  return row.n < input.max;
}
