import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditLog, bookings, charges, users } from "@/db/schema";

type Booking = typeof bookings.$inferSelect;

/** What became of a booking that is over without having run to its end: when, by whom, why, and what it cost. */
export type BookingOutcome = {
  status: "cancelled" | "expired" | "no_show" | "completed";
  at: Date | null;
  /** Who cancelled or marked it (a name, or an email when there is no name); null for the system. */
  by: string | null;
  reason: string;
  fees: { description: string; cents: number; currency: string }[];
};

const ENDED = ["cancelled", "expired", "no_show", "completed"] as const;
const ACTION: Partial<Record<Booking["status"], string>> = {
  cancelled: "booking.cancelled",
  no_show: "booking.no_show",
};

/**
 * How a booking ended, for its page: a cancelled one names its fee and reason, an expired hold says it lapsed, a
 * missed one its fee. Null while the booking is still open (held, confirmed, checked in).
 */
export async function bookingOutcome(db: DbOrTx, b: Booking): Promise<BookingOutcome | null> {
  const status = ENDED.find((s) => s === b.status);
  if (!status) return null;
  const action = ACTION[b.status];
  const [entry] = action
    ? await db
        .select({ data: auditLog.data, at: auditLog.createdAt, name: users.name, email: users.email })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .where(
          and(
            eq(auditLog.workspaceId, b.workspaceId),
            eq(auditLog.subjectType, "booking"),
            eq(auditLog.subjectId, b.id),
            eq(auditLog.action, action),
          ),
        )
        .orderBy(desc(auditLog.createdAt))
        .limit(1)
    : [];
  const fees = await db
    .select({ description: charges.description, cents: charges.amountCents, currency: charges.currency })
    .from(charges)
    .where(
      and(
        eq(charges.workspaceId, b.workspaceId),
        eq(charges.bookingId, b.id),
        inArray(charges.kind, ["late_cancel_fee", "no_show_fee"]),
        ne(charges.status, "void"),
      ),
    );
  const data = (entry?.data ?? {}) as { reason?: unknown };
  const at =
    status === "cancelled"
      ? b.cancelledAt
      : status === "completed"
        ? b.checkedOutAt
        : status === "expired"
          ? (b.holdExpiresAt ?? b.updatedAt)
          : (entry?.at ?? b.updatedAt);
  return {
    status,
    at,
    by: entry ? entry.name || entry.email || null : null,
    reason: typeof data.reason === "string" ? data.reason : "",
    fees,
  };
}
