import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { READINESS_LABEL } from "@/lib/samples/rules";
import { creatorOf, STATUS_BADGE, STATUS_LABEL, type SheetRoom } from "./booking-labels";
import { overtimeSoFar } from "./overruns";
import { blockRange, clockRange } from "./timeline-layout";

/**
 * The day room by room, in time order, with every detail in words: the view for a screen reader, a small screen
 * and paper (the timeline and the controls are left off the print).
 */
export function DayList({ slug, rooms, timeZone }: { slug: string; rooms: SheetRoom[]; timeZone: string }) {
  return (
    <div className="grid gap-6 print:gap-4">
      {rooms.map(({ room, bookings, blocks }) => {
        const entries = [
          ...bookings.map((b) => ({ at: b.booking.startsAt, key: b.booking.id, booking: b, block: null })),
          ...blocks.map((block) => ({ at: block.startsAt, key: block.id, booking: null, block })),
        ].sort((x, y) => x.at.getTime() - y.at.getTime());
        return (
          <section
            key={room.id}
            aria-labelledby={`list-room-${room.id}`}
            className="grid gap-2 break-inside-avoid-page"
          >
            <h3 id={`list-room-${room.id}`} className="font-semibold">
              {room.name}
            </h3>
            {entries.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing booked or blocked in this room.</p>
            ) : (
              <ol className="grid gap-2">
                {entries.map((e) =>
                  e.booking ? (
                    <li
                      key={e.key}
                      className="grid gap-1 rounded-md border border-border p-3 text-sm print:rounded-none print:p-2"
                    >
                      <p className="flex flex-wrap items-center gap-2">
                        <span className="font-mono tabular-nums">
                          {clockRange(e.booking.booking.startsAt, e.booking.booking.endsAt, timeZone)}
                        </span>
                        <Link
                          className="font-medium underline underline-offset-4"
                          href={`/w/${slug}/bookings/${e.booking.booking.id}`}
                        >
                          {creatorOf(e.booking)}
                        </Link>
                        <Badge variant={STATUS_BADGE[e.booking.booking.status] ?? "secondary"}>
                          {STATUS_LABEL[e.booking.booking.status] ?? e.booking.booking.status}
                        </Badge>
                        <span className="font-mono text-xs text-muted-foreground">{e.booking.booking.code}</span>
                      </p>
                      <dl className="grid gap-x-4 gap-y-0.5 text-muted-foreground sm:grid-cols-[auto_minmax(0,1fr)]">
                        {e.booking.overrun ? (
                          <Detail term="Overrun">
                            <span className="font-medium text-destructive">
                              {e.booking.overrun.minutes} min past the end, {overtimeSoFar(e.booking.overrun)}
                            </span>
                          </Detail>
                        ) : null}
                        <Detail term="Samples">
                          {e.booking.samples?.state
                            ? `${READINESS_LABEL[e.booking.samples.state]} (${e.booking.samples.items.length} ${e.booking.samples.items.length === 1 ? "item" : "items"})`
                            : "None expected"}
                        </Detail>
                        <Detail term="Storage">
                          {e.booking.storage.length ? e.booking.storage.join(", ") : "No unit"}
                        </Detail>
                        {e.booking.addOns.length ? <Detail term="Add-ons">{e.booking.addOns.join(", ")}</Detail> : null}
                        {e.booking.booking.notes ? <Detail term="Notes">{e.booking.booking.notes}</Detail> : null}
                        {e.booking.booking.blockedUntil > e.booking.booking.endsAt ? (
                          <Detail term="Turnover">
                            until{" "}
                            {
                              clockRange(e.booking.booking.endsAt, e.booking.booking.blockedUntil, timeZone).split(
                                "–",
                              )[1]
                            }
                          </Detail>
                        ) : null}
                      </dl>
                    </li>
                  ) : e.block ? (
                    <li
                      key={e.key}
                      className="rounded-md border border-dashed border-border p-3 text-sm print:rounded-none print:p-2"
                    >
                      <span className="font-mono tabular-nums">
                        {blockRange(e.block.startsAt, e.block.endsAt, timeZone)}
                      </span>{" "}
                      <span className="font-medium">Maintenance</span>
                      {e.block.reason ? `: ${e.block.reason}` : ""}
                    </li>
                  ) : null,
                )}
              </ol>
            )}
          </section>
        );
      })}
    </div>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-foreground">{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
