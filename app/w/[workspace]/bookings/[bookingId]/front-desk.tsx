import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { FoundBooking } from "@/lib/bookings/find-booking";
import { noShowDueAt, type RoomBefore } from "@/lib/bookings/rules";
import type { OverrunNow } from "@/lib/operations/overruns";
import { clockTime } from "@/lib/operations/floor-time";
import { localDate } from "@/lib/studios/local-time";
import type { Policies } from "@/lib/policies/policies";
import type { Quote } from "@/lib/pricing";
import { FloorActions } from "../booking-actions";
import { CheckOutForm, ExtendForm, NoShowForm, UndoNoShowForm } from "../front-desk-forms";
import { overtimeSoFar } from "../../run-sheet/overruns";
import { MINUTE_MS } from "@/kernel/time";

/**
 * What the front desk can do with this booking now, by its status and the workspace's floor policies (the use
 * cases check the same rules again): check in from the policy's minutes before the start, check out or extend a
 * session in progress (flagged when it overruns its end), mark a no-show after the grace period (never while an
 * overrun before it is still in the room: staff are sent to check that creator out), undo a no-show on the day.
 */
export function FrontDesk({
  slug,
  found,
  policies,
  now,
  roomBefore,
  overrun,
}: {
  slug: string;
  found: FoundBooking;
  policies: Policies;
  now: Date;
  roomBefore: RoomBefore | null;
  overrun: OverrunNow | null;
}) {
  const { booking: b, room, studio } = found;
  const t = now.getTime();
  const zone = studio.timeZone;
  const start = b.startsAt.getTime();
  if (b.status === "confirmed") {
    const canCheckIn = t >= start - policies.checkInOpensMinutes * MINUTE_MS && t < b.endsAt.getTime();
    const due = roomBefore
      ? noShowDueAt(b, policies.noShowGraceMinutes, roomBefore)
      : new Date(start + policies.noShowGraceMinutes * MINUTE_MS);
    const canNoShow = due !== null && t >= due.getTime();
    const occupier = roomBefore?.occupiedBy;
    const occupied =
      occupier && t >= occupier.endsAt.getTime() + MINUTE_MS ? (
        <Alert variant="destructive" data-testid="room-occupied">
          The room is still occupied: {occupier.creatorName}&apos;s session ({occupier.code}) is{" "}
          {Math.floor((t - occupier.endsAt.getTime()) / MINUTE_MS)} min past its end. This session is not marked a
          no-show until that creator is checked out.{" "}
          <Link className="font-medium underline underline-offset-4" href={`/w/${slug}/bookings/${occupier.id}`}>
            Check {occupier.creatorName} out
          </Link>
        </Alert>
      ) : null;
    if (!canCheckIn && !canNoShow) {
      return (
        <div className="grid gap-4">
          {occupied}
          <p className="text-sm text-muted-foreground">
            Check-in opens {policies.checkInOpensMinutes} minutes before the start.
          </p>
        </div>
      );
    }
    return (
      <div className="grid gap-4">
        {occupied}
        {canCheckIn ? (
          <FloorActions
            workspace={slug}
            bookingId={b.id}
            actions={[{ op: "check_in", label: "Check in", pending: "Checking in…" }]}
          />
        ) : null}
        {canNoShow ? (
          <NoShowForm
            workspace={slug}
            bookingId={b.id}
            feeNote={
              policies.noShowFeePercent > 0
                ? `The no-show fee is ${policies.noShowFeePercent} % of the booking. The rest of the slot is offered to walk-ins and the waitlist.`
                : "No fee is charged for a no-show."
            }
          />
        ) : null}
      </div>
    );
  }
  if (b.status === "checked_in") {
    const quote = b.quote as Quote;
    return (
      <div className="grid gap-5">
        {overrun ? (
          <Alert variant="destructive" data-testid="overrun">
            Overrunning: {overrun.overrun.minutes} min past the {clockTime(b.endsAt, zone)} end,{" "}
            {overtimeSoFar(overrun.overrun)}. Check the creator out when they leave
            {overrun.next
              ? overrun.next.startsAt <= now
                ? ": the next session in this room is waiting."
                : `: the next session in this room starts at ${clockTime(overrun.next.startsAt, zone)}.`
              : "."}
          </Alert>
        ) : null}
        <CheckOutForm
          workspace={slug}
          bookingId={b.id}
          timeZone={zone}
          now={now.toISOString()}
          endsAt={b.endsAt.toISOString()}
          terms={{
            graceMinutes: policies.overtimeGraceMinutes,
            ratePercent: policies.overtimeRatePercent,
            hourlyRateCents: room.hourlyRateCents,
            currency: quote.currency,
          }}
        />
        <ExtendForm
          workspace={slug}
          bookingId={b.id}
          timeZone={zone}
          endsAt={b.endsAt.toISOString()}
          suggested={clockTime(new Date(Math.max(b.endsAt.getTime(), t) + 30 * MINUTE_MS), zone)}
        />
      </div>
    );
  }
  if (b.status === "no_show") {
    return localDate(b.startsAt, zone) === localDate(now, zone) ? (
      <UndoNoShowForm workspace={slug} bookingId={b.id} />
    ) : (
      <p className="text-sm text-muted-foreground">
        This booking was a no-show. A no-show can only be undone on the day of the session.
      </p>
    );
  }
  return <p className="text-sm text-muted-foreground">Nothing to do: this booking is {b.status.replace("_", " ")}.</p>;
}
