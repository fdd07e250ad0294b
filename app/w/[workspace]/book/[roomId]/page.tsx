import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Member } from "@/lib/auth/member";
import { can } from "@/lib/auth/permissions";
import { canBookInStudio } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { listCreators } from "@/lib/bookings/creators";
import { findAvailability } from "@/lib/bookings/find-availability";
import { localDate } from "@/lib/studios/local-time";
import { findBooking } from "@/lib/bookings/find-booking";
import { findRoomWithStudio, loadStudioAddOns } from "@/lib/bookings/room-context";
import { isIsoDate, localParts, shiftDate, weekDates } from "@/lib/bookings/week";
import { getDb } from "@/lib/db";
import { formatDuration, formatMoney } from "@/lib/format";
import { SlotPicker } from "./slot-picker";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Choose a time" };

type Search = { week?: string; duration?: string; reschedule?: string };

export default async function RoomPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; roomId: string }>;
  searchParams: Promise<Search>;
}) {
  const { workspace, roomId } = await params;
  const search = await searchParams;
  const member = await requireMember({ workspace, permission: "bookings.create" });
  const db = getDb();
  const now = appNow();
  const moving = search.reschedule ? await findBooking(db, member, search.reschedule) : null;
  if (search.reschedule && (!moving || moving.booking.roomId !== roomId)) notFound();

  const found = await findRoomWithStudio(db, { workspaceId: member.workspaceId, roomId });
  // A room of a studio the member may not book in is not offered (staff book only where they work).
  if (!found || !canBookInStudio(member, found.studio.id)) notFound();
  const { room, studio } = found;
  const durations: number[] = [];
  for (let m = room.minMinutes; m <= room.maxMinutes; m += room.stepMinutes) durations.push(m);
  const movingMinutes = moving
    ? Math.round((moving.booking.endsAt.getTime() - moving.booking.startsAt.getTime()) / 60_000)
    : null;
  const wanted = Number(search.duration ?? movingMinutes ?? room.minMinutes);
  const duration = durations.includes(wanted) ? wanted : room.minMinutes;
  // A move opens on the week of the booking being moved (its own date at the studio), not on today's.
  const anchor = isIsoDate(search.week)
    ? search.week
    : localDate(moving && moving.booking.startsAt > now ? moving.booking.startsAt : now, studio.timeZone);
  const days = weekDates(anchor);
  const labels = days.map((date) => localParts(new Date(`${date}T12:00:00Z`), "UTC").label);
  const base = `/w/${member.workspaceSlug}/book/${room.id}`;
  const link = (week: string) =>
    `${base}?week=${week}&duration=${duration}${moving ? `&reschedule=${moving.booking.id}` : ""}`;

  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${member.workspaceSlug}/book`}>
            Book a set
          </Link>{" "}
          / {studio.name}
        </p>
        <h1 className="text-2xl font-semibold">{moving ? `Move booking ${moving.booking.code}` : room.name}</h1>
        <p className="text-muted-foreground">
          {formatMoney(room.hourlyRateCents, studio.currency)} / hour (peak times may cost more; the price is shown
          before you confirm) · times in <strong>{studio.timeZone}</strong>
        </p>
      </header>
      {!room.active ? <Alert variant="destructive">This room is not open for booking.</Alert> : null}
      <form className="flex flex-wrap items-end gap-3" aria-label="Session length and week">
        {moving ? <input type="hidden" name="reschedule" value={moving.booking.id} /> : null}
        <input type="hidden" name="week" value={anchor} />
        <div className="grid gap-2">
          <Label htmlFor="duration">Session length</Label>
          <NativeSelect id="duration" name="duration" defaultValue={String(duration)} className="w-40">
            {durations.map((m) => (
              <option key={m} value={m}>
                {formatDuration(m)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline">
          Show free times
        </Button>
        {!moving ? (
          <Button asChild variant="ghost">
            <Link href={`${base}/series?duration=${duration}`}>Book every week…</Link>
          </Button>
        ) : null}
      </form>
      <nav aria-label="Weeks" className="flex items-center gap-2">
        <Button asChild variant="outline" size="sm">
          <Link href={link(shiftDate(days[0], -7))} aria-label="Previous week">
            <ChevronLeft aria-hidden /> Previous
          </Link>
        </Button>
        <span className="text-sm font-medium">
          {labels[0]} – {labels[6]}
        </span>
        <Button asChild variant="outline" size="sm">
          <Link href={link(shiftDate(days[0], 7))} aria-label="Next week">
            Next <ChevronRight aria-hidden />
          </Link>
        </Button>
      </nav>
      {/* The gate and the room are settled above (a 404 stays a 404); the slow part streams in with a placeholder. */}
      <Suspense key={`${anchor}-${duration}`} fallback={<WeekSkeleton />}>
        <WeekSlots
          member={member}
          roomId={room.id}
          timeZone={studio.timeZone}
          days={days}
          labels={labels}
          duration={duration}
          now={now}
          moving={moving?.booking.id ?? null}
          studioId={studio.id}
          currency={studio.currency}
        />
      </Suspense>
    </div>
  );
}

function WeekSkeleton() {
  return (
    <div role="status" aria-live="polite" className="grid gap-3">
      <p className="text-sm text-muted-foreground">Finding free times…</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="h-40 animate-pulse rounded-md bg-muted" />
        ))}
      </div>
    </div>
  );
}

async function WeekSlots(props: {
  member: Member;
  roomId: string;
  studioId: string;
  /** The studio's: its add-ons are priced in it. */
  currency: string;
  timeZone: string;
  days: string[];
  labels: string[];
  duration: number;
  now: Date;
  moving: string | null;
}) {
  const { member, timeZone } = props;
  const db = getDb();
  const [result, addOns, creators] = await Promise.all([
    findAvailability(db, member, {
      roomId: props.roomId,
      from: props.days[0],
      to: props.days[6],
      durationMinutes: props.duration,
      now: props.now,
    }),
    props.moving ? [] : loadStudioAddOns(db, { workspaceId: member.workspaceId, studioId: props.studioId }),
    !props.moving && can(member, "bookings.act_for_others") ? listCreators(db, member.workspaceId) : null,
  ]);
  const slot = (s: { start: Date; end: Date }) => `${s.start.toISOString()}|${s.end.toISOString()}`;
  const waiting = new Set((result?.waiting ?? []).map(slot));
  // Free starts to pick, and (not while moving a booking) the taken ones to wait for, in the order of the day.
  const all = [
    ...(result?.slots ?? []).map((s) => ({ ...s, taken: false })),
    ...(props.moving ? [] : (result?.taken ?? [])).map((s) => ({ ...s, taken: true })),
  ];
  all.sort((a, b) => a.start.getTime() - b.start.getTime());
  const byDay = props.days.map((date, i) => ({
    date,
    label: props.labels[i],
    slots: all
      .filter((s) => localParts(s.start, timeZone).date === date)
      .map((s) => ({
        value: slot(s),
        time: `${localParts(s.start, timeZone).time}–${localParts(s.end, timeZone).time}`,
        taken: s.taken,
        waiting: waiting.has(slot(s)),
      })),
  }));
  return (
    <SlotPicker
      workspace={member.workspaceSlug}
      roomId={props.roomId}
      days={byDay}
      timeZone={timeZone}
      addOns={addOns.map((a) => ({
        id: a.id,
        label: `${a.name} (${formatMoney(a.priceCents, props.currency)}${a.pricing === "per_hour" ? " / hour" : ""})`,
      }))}
      creators={creators?.map((c) => ({ id: c.id, label: c.name ? `${c.name} (${c.email})` : c.email })) ?? null}
      rescheduleId={props.moving}
    />
  );
}
