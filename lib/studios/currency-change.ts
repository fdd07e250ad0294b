import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookings, charges, rooms, storageReservations, storageUnits } from "@/db/schema";
import { OUTSTANDING_CHARGE_STATUSES } from "../billing/charge-access";
import { plural } from "../format";

/** A booking that will still be charged: held, confirmed or checked in (its stored quote is what check-out charges). */
const CHARGEABLE_BOOKINGS = ["held", "confirmed", "checked_in"] as const;
/** A storage reservation whose nights are still to be charged (at the studio's currency when each night is over). */
const CHARGEABLE_RESERVATIONS = ["reserved", "active"] as const;

/**
 * Why a studio's currency cannot change to `to` now, or null when it can. Money of one studio is one currency, so
 * the change waits until nothing priced in the old one is still to be settled:
 * - open charges of the studio's bookings or storage (pending, invoiced or failed) must be paid or voided first;
 * - bookings still to be charged (held, confirmed, checked in) whose stored quote is in another currency must be
 *   completed or cancelled first: their price was agreed in it, so they are never re-priced;
 * - storage reservations not yet ended (their nightly rate was agreed in the old currency) likewise.
 * Re-saving the same currency is never refused.
 */
export async function currencyChangeBlocker(
  tx: DbOrTx,
  studio: { id: string; currency: string },
  to: string,
): Promise<string | null> {
  if (studio.currency === to) return null;
  const roomIds = tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.studioId, studio.id));
  const reservationIds = tx
    .select({ id: storageReservations.id })
    .from(storageReservations)
    .innerJoin(storageUnits, eq(storageUnits.id, storageReservations.unitId))
    .where(eq(storageUnits.studioId, studio.id));
  const bookingIds = tx.select({ id: bookings.id }).from(bookings).where(inArray(bookings.roomId, roomIds));
  const [[open], [future], [stored]] = await Promise.all([
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(charges)
      .where(
        and(
          inArray(charges.status, [...OUTSTANDING_CHARGE_STATUSES]),
          or(inArray(charges.bookingId, bookingIds), inArray(charges.storageReservationId, reservationIds)),
        ),
      ),
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(bookings)
      .where(
        and(
          inArray(bookings.roomId, roomIds),
          inArray(bookings.status, [...CHARGEABLE_BOOKINGS]),
          sql`${bookings.quote}->>'currency' is distinct from ${to}`,
        ),
      ),
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(storageReservations)
      .where(
        and(
          inArray(storageReservations.id, reservationIds),
          inArray(storageReservations.status, [...CHARGEABLE_RESERVATIONS]),
        ),
      ),
  ]);
  const why: string[] = [];
  if (open.n > 0)
    why.push(
      `${plural(open.n, "charge")} in ${studio.currency} ${open.n === 1 ? "is" : "are"} still open (not paid or void)`,
    );
  if (future.n > 0)
    why.push(
      `${plural(future.n, "booking")} still to be charged ${future.n === 1 ? "was" : "were"} priced in ${studio.currency}`,
    );
  if (stored.n > 0)
    why.push(
      `${plural(stored.n, "storage reservation")} still to be charged ${stored.n === 1 ? "was" : "were"} priced in ${studio.currency}`,
    );
  if (why.length === 0) return null;
  return `The currency cannot change while ${why.join("; ")}. Settle or void the charges, and complete or cancel those bookings, first.`;
}
