import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rooms, studios, workspaces } from "@/db/schema";
import { findPublicAvailability } from "../bookings/find-availability";
import { shiftDate } from "../bookings/week";
import { UUID } from "./access";
import { localDate } from "./local-time";
import { listRoomPhotos } from "./room-photos";

/** How many days ahead the public page shows free times for. */
export const PUBLIC_DAYS = 7;
const NEXT_SLOTS = 4;

/** The page an operator sends to new creators: one studio of a workspace, signed in or not. */
export const publicStudioPath = (workspaceSlug: string, studioId: string) => `/s/${workspaceSlug}/${studioId}`;

/**
 * Everything the public studio page shows, and nothing else: the studio's name, address and clock, and each room
 * open for booking with its photos, size, features, hourly rate and free start times (for its shortest booking)
 * over the next days. Never a booking, a creator, a note or a closed room. Null for an unknown workspace or
 * studio (or one of another workspace).
 */
export async function loadPublicStudio(db: DbOrTx, input: { workspaceSlug: string; studioId: string; now: Date }) {
  if (!UUID.test(input.studioId)) return null;
  const [row] = await db
    .select({
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
      studio: {
        id: studios.id,
        name: studios.name,
        address: studios.address,
        timeZone: studios.timeZone,
        currency: studios.currency,
      },
    })
    .from(studios)
    .innerJoin(workspaces, eq(workspaces.id, studios.workspaceId))
    .where(and(eq(workspaces.slug, input.workspaceSlug), eq(studios.id, input.studioId)));
  if (!row) return null;
  const { workspace, studio } = row;
  const open = await db
    .select({
      id: rooms.id,
      name: rooms.name,
      kind: rooms.kind,
      capacity: rooms.capacity,
      features: rooms.features,
      links: rooms.photos,
      hourlyRateCents: rooms.hourlyRateCents,
      minMinutes: rooms.minMinutes,
    })
    .from(rooms)
    .where(and(eq(rooms.studioId, studio.id), eq(rooms.workspaceId, workspace.id), eq(rooms.active, true)))
    .orderBy(asc(rooms.name));
  const uploaded = await listRoomPhotos(db, { workspaceId: workspace.id, roomIds: open.map((r) => r.id) });
  const from = localDate(input.now, studio.timeZone);
  const dates = Array.from({ length: PUBLIC_DAYS }, (_, i) => shiftDate(from, i));
  const to = dates[dates.length - 1];

  const withAvailability = await Promise.all(
    open.map(async ({ links, ...room }) => {
      const found = await findPublicAvailability(db, {
        workspaceId: workspace.id,
        roomId: room.id,
        from,
        to,
        durationMinutes: room.minMinutes,
        now: input.now,
      });
      const slots = found?.slots ?? [];
      const days = dates.map((date) => {
        const starts = slots.filter((s) => localDate(s.start, studio.timeZone) === date).map((s) => s.start);
        return { date, freeStarts: starts.length, first: starts[0] ?? null };
      });
      const photos = [...uploaded.filter((p) => p.roomId === room.id).map((p) => p.src), ...links];
      return {
        ...room,
        photos,
        availability: { durationMinutes: room.minMinutes, days, next: slots.slice(0, NEXT_SLOTS).map((s) => s.start) },
      };
    }),
  );
  return { workspace: { slug: workspace.slug, name: workspace.name }, studio, rooms: withAvailability };
}
export type PublicStudio = NonNullable<Awaited<ReturnType<typeof loadPublicStudio>>>;
