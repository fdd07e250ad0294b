import Link from "next/link";
import { PrintButton } from "@/components/print-button";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { CalendarX2, DoorClosed } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect, Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Member } from "@/lib/auth/member";
import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import {
  floorSheet,
  operatedStudios,
  RUN_SHEET_STATUSES,
  runSheet,
  shiftDate,
  tzMidnight,
  type RunSheet,
} from "@/lib/operations/run-sheet";
import { localDate, toLocalInput } from "@/lib/studios/local-time";
import { STATUS_LABEL } from "./booking-labels";
import { DayList } from "./day-list";
import { BlockRoomForm, CheckInByCodeForm } from "./desk-forms";
import { AutoRefresh } from "./live";
import { Overruns } from "./overruns";
import { Timeline } from "./timeline";
import { clockRange } from "./timeline-layout";
import { appNow } from "@/lib/clock";
import { isSaneDate } from "@/lib/input";

export const metadata: Metadata = { title: "Run sheet" };

type Query = {
  studio?: string | string[];
  date?: string | string[];
  room?: string | string[];
  status?: string | string[];
};
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim().slice(0, 100) : "");

/** The sheet of an asked date, or the floor's "today" (floorSheet). */
async function loadSheet(
  db: ReturnType<typeof getDb>,
  member: Member,
  studio: { id: string; timeZone: string },
  date: string | null,
  now: Date,
): Promise<RunSheet | null> {
  return date ? runSheet(db, member, { studioId: studio.id, date }, now) : floorSheet(db, member, studio, now);
}

export default async function RunSheetPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Query>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "bookings.operate" });
  const query = await searchParams;
  const db = getDb();
  const now = appNow();
  const slug = member.workspaceSlug;
  const studios = await operatedStudios(db, member);
  if (studios.length === 0) {
    return (
      <div className="grid max-w-4xl gap-6">
        <h1 className="text-2xl font-semibold">Run sheet</h1>
        <EmptyState
          title={can(member, "studios.manage") ? "No studios yet" : "You are not assigned to a studio"}
          icon={<DoorClosed />}
        >
          {can(member, "studios.manage") ? (
            <Link className="underline underline-offset-4" href={`/w/${slug}/setup`}>
              Add a studio in Setup
            </Link>
          ) : (
            "Ask a manager to add you to the studio you work in."
          )}
        </EmptyState>
      </div>
    );
  }
  const askedStudio = one(query.studio);
  // Another studio's id (or junk) is answered like a page that does not exist, as everywhere else.
  const studio = askedStudio ? studios.find((s) => s.id === askedStudio) : studios[0];
  if (!studio) notFound();
  const askedDate = one(query.date);
  const sheet = await loadSheet(db, member, studio, isSaneDate(askedDate) ? askedDate : null, now);
  if (!sheet) notFound();

  const zone = studio.timeZone;
  const roomFilter = sheet.rooms.some((r) => r.room.id === one(query.room)) ? one(query.room) : "";
  const statusFilter = (RUN_SHEET_STATUSES as readonly string[]).includes(one(query.status)) ? one(query.status) : "";
  const rooms = sheet.rooms
    .filter((r) => !roomFilter || r.room.id === roomFilter)
    .map((r) => (statusFilter ? { ...r, bookings: r.bookings.filter((b) => b.booking.status === statusFilter) } : r));
  const sessions = rooms.reduce((n, r) => n + r.bookings.length, 0);
  const dateLabel = format(new Date(tzMidnight(sheet.date, zone).getTime() + 12 * 3_600_000), "EEEE d MMMM yyyy", {
    in: tz(zone),
  });
  const live = now >= sheet.window.start && now <= sheet.window.end;
  const [opens, closes] = clockRange(sheet.window.start, sheet.window.end, zone).split("–");
  const hours = `${opens} to ${closes}${localDate(sheet.window.end, zone) !== sheet.date ? " the next day" : ""}`;
  const href = (date?: string) => {
    const q = new URLSearchParams({ studio: studio.id });
    if (date) q.set("date", date);
    if (roomFilter) q.set("room", roomFilter);
    if (statusFilter) q.set("status", statusFilter);
    return `/w/${slug}/run-sheet?${q}`;
  };
  // A block starts at the next quarter hour from now (or from the opening, for a later day), for an hour.
  const blockFrom = new Date(Math.ceil(Math.max(now.getTime(), sheet.window.start.getTime()) / 900_000) * 900_000);
  const blockDefaults = {
    from: toLocalInput(blockFrom, zone),
    to: toLocalInput(new Date(blockFrom.getTime() + 3_600_000), zone),
  };

  return (
    <div className="grid gap-6">
      <AutoRefresh seconds={30} />
      <header className="grid gap-1">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h1 className="text-2xl font-semibold">Run sheet</h1>
          {/* On paper: the room-by-room list (the timeline and the controls are screen-only). */}
          <PrintButton label="Print the room-by-room list" variant="outline" />
        </div>
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{studio.name}</span> · <span data-testid="sheet-date">{dateLabel}</span>
          {live ? (
            <Badge variant="success" className="print:hidden">
              Open now
            </Badge>
          ) : null}
        </p>
        <p className="text-sm text-muted-foreground">
          Times are the studio&apos;s ({zone}); the day runs {hours}.{" "}
          <span className="print:hidden">The sheet updates itself every 30 seconds.</span>
        </p>
      </header>

      <div className="grid gap-3 print:hidden">
        <nav aria-label="Days" className="flex flex-wrap gap-2">
          <Button asChild variant="outline" size="sm">
            <Link href={href(shiftDate(sheet.date, -1))}>
              Previous day<span className="sr-only">, {shiftDate(sheet.date, -1)}</span>
            </Link>
          </Button>
          <Button asChild variant="outline" size="sm">
            <Link href={href()}>Today</Link>
          </Button>
          <Button asChild variant="outline" size="sm">
            <Link href={href(shiftDate(sheet.date, 1))}>
              Next day<span className="sr-only">, {shiftDate(sheet.date, 1)}</span>
            </Link>
          </Button>
        </nav>
        {/* A GET form: the choice is in the URL, so the sheet can be reloaded, shared or printed as it is. */}
        <form
          method="get"
          aria-label="Choose the day"
          key={`${studio.id}:${sheet.date}:${roomFilter}:${statusFilter}`}
          className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,14rem))_auto]"
        >
          {studios.length > 1 ? (
            <div className="grid gap-2">
              <Label htmlFor="sheet-studio">Studio</Label>
              <NativeSelect id="sheet-studio" name="studio" defaultValue={studio.id}>
                {studios.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : (
            <input type="hidden" name="studio" value={studio.id} />
          )}
          <div className="grid gap-2">
            <Label htmlFor="sheet-date">Date</Label>
            <Input id="sheet-date" name="date" type="date" defaultValue={sheet.date} />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="sheet-room">Room</Label>
            <NativeSelect id="sheet-room" name="room" defaultValue={roomFilter}>
              <option value="">All rooms</option>
              {sheet.rooms.map((r) => (
                <option key={r.room.id} value={r.room.id}>
                  {r.room.name}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="sheet-status">Status</Label>
            <NativeSelect id="sheet-status" name="status" defaultValue={statusFilter}>
              <option value="">All statuses</option>
              {RUN_SHEET_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button type="submit" variant="secondary">
            Show
          </Button>
        </form>
        {askedDate && !isSaneDate(askedDate) ? (
          <Alert variant="destructive">“{askedDate}” is not a date between 2000 and 2100: showing today instead.</Alert>
        ) : null}
      </div>

      {sheet.closedBy ? (
        <Alert variant="destructive">
          {studio.name} is closed on this day{sheet.closedBy.reason ? `: ${sheet.closedBy.reason}` : ""}. Sessions
          booked before the closure still show below.
        </Alert>
      ) : sheet.open.length === 0 ? (
        <Alert>
          {studio.name} does not open on{" "}
          {format(new Date(tzMidnight(sheet.date, zone).getTime() + 12 * 3_600_000), "EEEE", { in: tz(zone) })}s: the
          sheet shows {hours}.
        </Alert>
      ) : null}

      <Overruns slug={slug} overruns={sheet.overruns} timeZone={zone} now={now} />

      <Card className="print:hidden">
        <CardHeader>
          <CardTitle>Desk</CardTitle>
          <CardDescription>Check creators in as they arrive, and take a room out of service.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <CheckInByCodeForm workspace={slug} studioId={studio.id} studioName={studio.name} />
          {sheet.rooms.length > 0 ? (
            <details className="group rounded-md border border-border p-4" open={false}>
              <summary className="cursor-pointer font-medium">Block a room…</summary>
              <div className="mt-4">
                <BlockRoomForm
                  workspace={slug}
                  rooms={sheet.rooms.map((r) => ({ id: r.room.id, name: r.room.name }))}
                  timeZone={zone}
                  defaults={blockDefaults}
                />
              </div>
            </details>
          ) : null}
        </CardContent>
      </Card>

      {sheet.rooms.length === 0 ? (
        <EmptyState title="This studio has no rooms yet" icon={<DoorClosed />}>
          {can(member, "studios.manage") ? (
            <Link className="underline underline-offset-4" href={`/w/${slug}/setup/studios/${studio.id}`}>
              Add a room to {studio.name}
            </Link>
          ) : (
            "A manager adds rooms in Setup."
          )}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="timeline-heading" className="grid min-w-0 gap-3 print:hidden">
            <h2 id="timeline-heading" className="text-xl font-semibold">
              Timeline
            </h2>
            {sessions === 0 ? (
              <p className="text-sm text-muted-foreground">
                {statusFilter || roomFilter
                  ? "No sessions match these filters on this day."
                  : "No sessions on this day yet."}
              </p>
            ) : null}
            <Timeline
              slug={slug}
              rooms={rooms}
              window={sheet.window}
              timeZone={zone}
              now={now}
              label={`Timeline of ${studio.name}, ${dateLabel}, ${hours} studio time (scrolls sideways)`}
            />
          </section>
          <section aria-labelledby="list-heading" className="grid gap-3">
            <h2 id="list-heading" className="text-xl font-semibold">
              The day, room by room
            </h2>
            {sessions === 0 && rooms.every((r) => r.blocks.length === 0) ? (
              <EmptyState
                title={statusFilter || roomFilter ? "No sessions match these filters" : "No sessions on this day"}
                icon={<CalendarX2 />}
              >
                {statusFilter || roomFilter ? (
                  <Link
                    className="underline underline-offset-4"
                    href={`/w/${slug}/run-sheet?${new URLSearchParams({ studio: studio.id, date: sheet.date })}`}
                  >
                    Show every room and status
                  </Link>
                ) : (
                  "Walk-ins can be added from the timeline, per room."
                )}
              </EmptyState>
            ) : (
              <DayList slug={slug} rooms={rooms} timeZone={zone} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
