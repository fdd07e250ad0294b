import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { can, canBookInStudio } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { listCreators } from "@/lib/bookings/creators";
import { localDate } from "@/lib/studios/local-time";
import { findRoomWithStudio } from "@/lib/bookings/room-context";
import { getDb } from "@/lib/db";
import { formatDuration, formatMoney } from "@/lib/format";
import { SeriesForm } from "./series-form";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Book every week" };

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** A weekly series in one room: the pattern, then every date checked (free or why not), then book the free ones or none. */
export default async function SeriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; roomId: string }>;
  searchParams: Promise<{ duration?: string }>;
}) {
  const { workspace, roomId } = await params;
  const member = await requireMember({ workspace, permission: "bookings.create" });
  const db = getDb();
  const found = await findRoomWithStudio(db, { workspaceId: member.workspaceId, roomId });
  // A room of a studio the member may not book in is not offered (staff book only where they work).
  if (!found || !canBookInStudio(member, found.studio.id)) notFound();
  const { room, studio } = found;
  const durations: number[] = [];
  for (let m = room.minMinutes; m <= room.maxMinutes; m += room.stepMinutes) durations.push(m);
  const starts: string[] = [];
  for (let m = 0; m < 24 * 60; m += Math.max(room.stepMinutes, 5)) starts.push(clock(m));
  const wanted = Number((await searchParams).duration);
  const creators = can(member, "bookings.act_for_others") ? await listCreators(db, member.workspaceId) : null;

  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${member.workspaceSlug}/book/${room.id}`}>
            {room.name}
          </Link>{" "}
          / Every week
        </p>
        <h1 className="text-2xl font-semibold">Book {room.name} every week</h1>
        <p className="text-muted-foreground">
          {formatMoney(room.hourlyRateCents, studio.currency)} / hour (peak times may cost more) · times in{" "}
          <strong>{studio.timeZone}</strong>, the same wall-clock time every week (also across daylight-saving changes)
        </p>
      </header>
      {!room.active ? <Alert variant="destructive">This room is not open for booking.</Alert> : null}
      <SeriesForm
        workspace={member.workspaceSlug}
        roomId={room.id}
        today={localDate(appNow(), studio.timeZone)}
        durations={durations.map((m) => ({ value: String(m), label: formatDuration(m) }))}
        defaultDuration={String(durations.includes(wanted) ? wanted : room.minMinutes)}
        starts={starts}
        creators={creators?.map((c) => ({ id: c.id, label: c.name ? `${c.name} (${c.email})` : c.email })) ?? null}
      />
    </div>
  );
}
