import Link from "next/link";
import type { Overrun } from "@/lib/bookings/rules";
import { formatMoney } from "@/lib/format";
import { clockTime } from "@/lib/operations/floor-time";
import type { OverrunNow } from "@/lib/operations/overruns";

/** "$56.25 of overtime so far (3 blocks of 15 min)", or that nothing is charged yet within the grace period. */
export function overtimeSoFar(o: Overrun): string {
  if (o.blocks === 0) return "no overtime yet (within the grace period)";
  return `${formatMoney(o.overtimeCents, o.currency)} of overtime so far (${o.blocks} ${o.blocks === 1 ? "block" : "blocks"} of 15 min)`;
}

/**
 * Sessions still checked in past their end, at the top of the run sheet: who, where, how long, the overtime
 * accruing and who is waiting for the room, each with the way to check the creator out.
 */
export function Overruns({
  slug,
  overruns,
  timeZone,
  now,
}: {
  slug: string;
  overruns: OverrunNow[];
  timeZone: string;
  now: Date;
}) {
  if (overruns.length === 0) return null;
  return (
    <section
      aria-labelledby="overruns-heading"
      className="grid gap-2 rounded-md border border-destructive bg-destructive/5 p-4 print:hidden"
    >
      <h2 id="overruns-heading" className="text-lg font-semibold">
        Overrunning now
      </h2>
      <ul className="grid gap-2 text-sm">
        {overruns.map((o) => (
          <li key={o.booking.id} className="flex flex-wrap items-baseline gap-x-2">
            <span>
              {o.creatorName} is {o.overrun.minutes} min past the {clockTime(o.booking.endsAt, timeZone)} end in{" "}
              {o.roomName}: {overtimeSoFar(o.overrun)}.
              {o.next
                ? o.next.startsAt <= now
                  ? ` ${o.next.creatorName}'s session (${o.next.code}) is waiting for the room.`
                  : ` ${o.next.creatorName}'s session (${o.next.code}) starts at ${clockTime(o.next.startsAt, timeZone)}.`
                : ""}
            </span>
            <Link
              className="font-medium text-primary underline underline-offset-4"
              href={`/w/${slug}/bookings/${o.booking.id}`}
            >
              Check {o.creatorName} out
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
