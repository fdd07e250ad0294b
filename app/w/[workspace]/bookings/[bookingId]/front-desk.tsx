import type { FoundBooking } from "@/lib/bookings/find-booking";
import { clockTime } from "@/lib/operations/floor-time";
import { studioDate } from "@/lib/operations/run-sheet";
import type { Policies } from "@/lib/policies/policies";
import type { Quote } from "@/lib/pricing";
import { FloorActions } from "../booking-actions";
import { CheckOutForm, ExtendForm, NoShowForm, UndoNoShowForm } from "../front-desk-forms";

const MINUTE = 60_000;

/**
 * What the front desk can do with this booking now, by its status and the workspace's floor policies (the use
 * cases check the same rules again): check in from the policy's minutes before the start, check out or extend a
 * session in progress, mark a no-show after the grace period, undo a no-show on the day.
 */
export function FrontDesk({ slug, found, policies, now }: { slug: string; found: FoundBooking; policies: Policies; now: Date }) {
  const { booking: b, room, studio } = found;
  const t = now.getTime();
  const zone = studio.timeZone;
  const start = b.startsAt.getTime();
  if (b.status === "confirmed") {
    const canCheckIn = t >= start - policies.checkInOpensMinutes * MINUTE && t < b.endsAt.getTime();
    const canNoShow = t >= start + policies.noShowGraceMinutes * MINUTE;
    if (!canCheckIn && !canNoShow) return <p className="text-sm text-muted-foreground">Check-in opens {policies.checkInOpensMinutes} minutes before the start.</p>;
    return (
      <div className="grid gap-4">
        {canCheckIn ? <FloorActions workspace={slug} bookingId={b.id} actions={[{ op: "check_in", label: "Check in", pending: "Checking in…" }]} /> : null}
        {canNoShow ? (
          <NoShowForm
            workspace={slug}
            bookingId={b.id}
            feeNote={policies.noShowFeePercent > 0 ? `The no-show fee is ${policies.noShowFeePercent} % of the booking. The rest of the slot is offered to walk-ins and the waitlist.` : "No fee is charged for a no-show."}
          />
        ) : null}
      </div>
    );
  }
  if (b.status === "checked_in") {
    const quote = b.quote as Quote;
    return (
      <div className="grid gap-5">
        <CheckOutForm
          workspace={slug}
          bookingId={b.id}
          timeZone={zone}
          now={now.toISOString()}
          endsAt={b.endsAt.toISOString()}
          terms={{ graceMinutes: policies.overtimeGraceMinutes, ratePercent: policies.overtimeRatePercent, hourlyRateCents: room.hourlyRateCents, currency: quote.currency }}
        />
        <ExtendForm workspace={slug} bookingId={b.id} timeZone={zone} endsAt={b.endsAt.toISOString()} suggested={clockTime(new Date(Math.max(b.endsAt.getTime(), t) + 30 * MINUTE), zone)} />
      </div>
    );
  }
  if (b.status === "no_show") {
    return studioDate(b.startsAt, zone) === studioDate(now, zone) ? (
      <UndoNoShowForm workspace={slug} bookingId={b.id} />
    ) : (
      <p className="text-sm text-muted-foreground">This booking was a no-show. A no-show can only be undone on the day of the session.</p>
    );
  }
  return <p className="text-sm text-muted-foreground">Nothing to do: this booking is {b.status.replace("_", " ")}.</p>;
}
