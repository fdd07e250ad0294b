import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { READINESS_LABEL } from "@/lib/samples/rules";
import { creatorOf, STATUS_BADGE, STATUS_LABEL, type SheetRoom } from "./booking-labels";
import { NowLine } from "./live";
import { overtimeSoFar } from "./overruns";
import { assignLanes, blockRange, clockRange, hourMarks, placeSpan, type Window } from "./timeline-layout";

// Each hour gets enough room for a block of an hour to show its creator and times; a phone scrolls sideways.
const HOUR_REM = 7;
const LANE_REM = 7.5;
const ROOM_COLUMN = "w-36";

/** The left edge of a status: colour repeats what the badge says in words. */
const STATUS_EDGE: Record<string, string> = {
  held: "border-l-muted-foreground border-dashed",
  confirmed: "border-l-primary",
  checked_in: "border-l-success",
  completed: "border-l-border",
  no_show: "border-l-destructive",
};

const HATCH = { backgroundImage: "repeating-linear-gradient(135deg, var(--border) 0 4px, transparent 4px 9px)" };

/**
 * The day as a timeline: one row per room, the window's hours across (on the studio's clock), each session a
 * link to its booking, positioned by percentage, with its turnover buffer hatched after it, and maintenance
 * blocks with their reason. Screen readers get each session as a link named "creator, time, status"; the list
 * below the timeline has every detail in reading order (and is what prints).
 */
export function Timeline({
  slug,
  rooms,
  window,
  timeZone,
  now,
  label,
}: {
  slug: string;
  rooms: SheetRoom[];
  window: Window;
  timeZone: string;
  now: Date;
  label: string;
}) {
  const marks = hourMarks(window, timeZone);
  const hours = (window.end.getTime() - window.start.getTime()) / 3_600_000;
  return (
    // The hours do not fit on a phone: the box scrolls sideways and takes keyboard focus to do so.
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      data-timeline-scroll
      className="overflow-x-auto rounded-md border border-border focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <div className="relative" style={{ minWidth: `${9 + hours * HOUR_REM}rem` }}>
        <div className="flex border-b border-border" aria-hidden>
          <div
            className={cn(
              "sticky left-0 z-20 shrink-0 bg-card px-2 py-2 text-xs font-medium text-muted-foreground",
              ROOM_COLUMN,
            )}
          >
            Room
          </div>
          <div className="relative h-8 flex-1">
            {marks.map((m) => (
              <span
                key={m.at.getTime()}
                className={cn(
                  "absolute top-2 whitespace-nowrap text-xs tabular-nums text-muted-foreground",
                  m.left < 2 ? "pl-1" : m.left > 98 ? "-translate-x-full pr-1" : "-translate-x-1/2",
                )}
                style={{ left: `${m.left}%` }}
              >
                {m.label}
              </span>
            ))}
          </div>
        </div>
        {rooms.map((r) => (
          <RoomRow
            key={r.room.id}
            slug={slug}
            row={r}
            window={window}
            timeZone={timeZone}
            marks={marks.map((m) => m.left)}
          />
        ))}
        <div className="pointer-events-none absolute bottom-0 left-36 right-0 top-8 z-10" aria-hidden>
          <NowLine
            key={now.toISOString()}
            start={window.start.toISOString()}
            end={window.end.toISOString()}
            now={now.toISOString()}
            timeZone={timeZone}
          />
        </div>
      </div>
    </div>
  );
}

function RoomRow({
  slug,
  row,
  window,
  timeZone,
  marks,
}: {
  slug: string;
  row: SheetRoom;
  window: Window;
  timeZone: string;
  marks: number[];
}) {
  const { room } = row;
  const { lanes, placed } = assignLanes(
    row.bookings.map((b) => ({ b, from: b.booking.startsAt, to: b.booking.blockedUntil })),
  );
  return (
    <div className="flex border-b border-border last:border-b-0">
      <div
        className={cn(
          "sticky left-0 z-20 grid shrink-0 content-start gap-1 border-r border-border bg-card p-2",
          ROOM_COLUMN,
        )}
      >
        <p className="text-sm font-medium leading-tight">{room.name}</p>
        {room.active ? (
          <Link
            className="text-xs text-primary underline underline-offset-4 print:hidden"
            href={`/w/${slug}/book/${room.id}`}
          >
            Add a walk-in<span className="sr-only"> to {room.name}</span>
          </Link>
        ) : (
          <p className="text-xs text-muted-foreground">Not bookable</p>
        )}
      </div>
      <div className="relative flex-1" style={{ height: `${lanes * LANE_REM + 0.5}rem` }}>
        {marks.map((left) => (
          <span key={left} aria-hidden className="absolute inset-y-0 w-px bg-border" style={{ left: `${left}%` }} />
        ))}
        {row.blocks.map((block) => {
          const at = placeSpan(block.startsAt, block.endsAt, window);
          if (!at) return null;
          const range = blockRange(block.startsAt, block.endsAt, timeZone);
          return (
            <div
              key={block.id}
              className="absolute inset-y-1 overflow-hidden rounded-md border border-border p-1 text-xs"
              style={{ left: `${at.left}%`, width: `${at.width}%`, ...HATCH }}
              title={`Maintenance ${range}${block.reason ? `: ${block.reason}` : ""}`}
            >
              <span className="inline-block max-w-full truncate rounded bg-card px-1 font-medium">
                Maintenance {range}
                {block.reason ? `: ${block.reason}` : ""}
              </span>
            </div>
          );
        })}
        {placed.map(({ b, lane }) => {
          const booking = b.booking;
          const session = placeSpan(booking.startsAt, booking.endsAt, window);
          const buffer =
            booking.blockedUntil > booking.endsAt ? placeSpan(booking.endsAt, booking.blockedUntil, window) : null;
          const range = clockRange(booking.startsAt, booking.endsAt, timeZone);
          const status = STATUS_LABEL[booking.status] ?? booking.status;
          const top = `${lane * LANE_REM + 0.25}rem`;
          const height = `${LANE_REM - 0.5}rem`;
          const details = [
            b.samples?.state ? `Samples: ${READINESS_LABEL[b.samples.state]}` : null,
            b.storage.length ? `Storage ${b.storage.join(", ")}` : null,
            b.addOns.length ? b.addOns.join(", ") : null,
            booking.notes ? `Notes: ${booking.notes}` : null,
          ].filter((d): d is string => d !== null);
          return (
            <div key={booking.id}>
              {buffer ? (
                <div
                  aria-hidden
                  className="absolute rounded-r-md border border-dashed border-border"
                  style={{ left: `${buffer.left}%`, width: `${buffer.width}%`, top, height, ...HATCH }}
                  title={`Turnover until ${clockRange(booking.endsAt, booking.blockedUntil, timeZone).split("–")[1]}`}
                />
              ) : null}
              {session ? (
                <Link
                  href={`/w/${slug}/bookings/${booking.id}`}
                  aria-label={`${creatorOf(b)}, ${range}, ${status.toLowerCase()}${b.overrun ? `, overrunning by ${b.overrun.minutes} min` : ""}`}
                  title={[
                    `${creatorOf(b)}, ${range}, ${status}`,
                    ...(b.overrun ? [`Overrunning by ${b.overrun.minutes} min: ${overtimeSoFar(b.overrun)}`] : []),
                    ...details,
                  ].join("\n")}
                  className={cn(
                    "absolute z-[5] grid content-start gap-0.5 overflow-hidden rounded-md border border-l-4 border-border bg-card px-2 py-1 text-xs leading-4 shadow-sm hover:bg-muted focus-visible:z-30 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    STATUS_EDGE[booking.status],
                  )}
                  style={{ left: `${session.left}%`, width: `${session.width}%`, top, height }}
                >
                  <span className="truncate font-medium">{creatorOf(b)}</span>
                  <span className="truncate tabular-nums">{range}</span>
                  <span className="truncate">
                    <Badge variant={STATUS_BADGE[booking.status] ?? "secondary"}>{status}</Badge>
                    {b.overrun ? (
                      <Badge variant="destructive" className="ml-1">
                        +{b.overrun.minutes} min
                      </Badge>
                    ) : null}
                  </span>
                  {details.map((d) => (
                    <span key={d} className="truncate text-muted-foreground">
                      {d}
                    </span>
                  ))}
                </Link>
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
