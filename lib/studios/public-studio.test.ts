import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, rooms, studios } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { findAvailability } from "../bookings/find-availability";
import { databasePhotoStorage } from "./photo-storage";
import { loadPublicStudio, PUBLIC_DAYS, publicStudioPath } from "./public-studio";
import { addRoomPhoto } from "./room-photos";

// Tuesday 20 October 2026, 10:00 in Los Angeles.
const now = new Date("2026-10-20T17:00:00Z");
const PNG = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);

async function world() {
  const db = testDb();
  const { workspace, studio, room } = await makeWorkspace(db);
  const everyDay = Array.from({ length: 7 }, (_, weekday) => ({ weekday, opens: "09:00", closes: "17:00" }));
  await db
    .update(studios)
    .set({ openingHours: everyDay, address: "1 Mateo St, Los Angeles" })
    .where(eq(studios.id, studio.id));
  await db
    .update(rooms)
    .set({ features: ["ring light", "vanity"], capacity: 3, photos: ["https://cdn.example.com/a.jpg"] })
    .where(eq(rooms.id, room.id));
  const manager = (await makeMember(db, workspace.id, "manager")).actor;
  const creator = await makeMember(db, workspace.id, "creator");
  return { db, workspace, studio, room, manager, creator };
}

describe("the public studio page", () => {
  it("shows each room open for booking with its photos, size, features, rate and the free times a creator is offered", async () => {
    const { db, workspace, studio, room, manager, creator } = await world();
    await db.insert(rooms).values({
      workspaceId: workspace.id,
      studioId: studio.id,
      name: "Set Z – closed",
      hourlyRateCents: 9000,
      active: false,
    });
    const photo = await addRoomPhoto(db, databasePhotoStorage, manager, { roomId: room.id, bytes: PNG });
    if (!photo.ok) throw new Error(photo.error);
    // Someone's 12:00–13:00 today (blocked until 13:15 by the buffer), with a private note.
    await db.insert(bookings).values({
      workspaceId: workspace.id,
      roomId: room.id,
      creatorId: creator.user.id,
      code: "PUB1",
      status: "confirmed",
      notes: "Secret launch of Glow X",
      startsAt: new Date("2026-10-20T19:00:00Z"),
      endsAt: new Date("2026-10-20T20:00:00Z"),
      blockedUntil: new Date("2026-10-20T20:15:00Z"),
      quote: { currency: "USD", lines: [], subtotalCents: 5000, totalCents: 5000, minutes: 60 },
    });

    const page = await loadPublicStudio(db, { workspaceSlug: workspace.slug, studioId: studio.id, now });
    expect(page?.workspace).toEqual({ slug: workspace.slug, name: workspace.name });
    expect(page?.studio).toEqual({
      id: studio.id,
      name: studio.name,
      address: "1 Mateo St, Los Angeles",
      timeZone: "America/Los_Angeles",
      currency: "USD",
    });
    expect(page?.rooms.map((r) => r.name)).toEqual(["Set A"]);
    const [set] = page!.rooms;
    expect(set).toMatchObject({
      capacity: 3,
      features: ["ring light", "vanity"],
      hourlyRateCents: 5000,
      photos: [`/media/rooms/${photo.value.id}`, "https://cdn.example.com/a.jpg"],
    });

    // Today: an hour's notice from 10:00, then 11:00–16:00 every 30 minutes, less 11:00–13:00 (the booking and its buffer).
    const days = set.availability.days;
    expect(days).toHaveLength(PUBLIC_DAYS);
    expect(days[0]).toEqual({ date: "2026-10-20", freeStarts: 6, first: new Date("2026-10-20T20:30:00Z") });
    expect(days[1]).toEqual({ date: "2026-10-21", freeStarts: 15, first: new Date("2026-10-21T16:00:00Z") });
    expect(set.availability.next).toEqual(
      ["20:30", "21:00", "21:30", "22:00"].map((t) => new Date(`2026-10-20T${t}:00Z`)),
    );

    // The same free times as a creator of the workspace is offered (not the staff's, who skip the notice).
    const asCreator = await findAvailability(db, creator.actor, {
      roomId: room.id,
      from: "2026-10-20",
      to: "2026-10-26",
      durationMinutes: 60,
      now,
    });
    expect(days.reduce((n, d) => n + d.freeStarts, 0)).toBe(asCreator?.slots.length);
    const asManager = await findAvailability(db, manager, {
      roomId: room.id,
      from: "2026-10-20",
      to: "2026-10-20",
      durationMinutes: 60,
      now,
    });
    expect(asManager!.slots.length).toBeGreaterThan(days[0].freeStarts);

    // Nothing private: no booking, no creator, no note, no closed room, no booking rules beyond the shortest session.
    const text = JSON.stringify(page);
    for (const secret of ["Secret launch", creator.user.email, creator.user.name, "PUB1", "Set Z", workspace.id])
      expect(text).not.toContain(secret);
  });

  it("is not found for an unknown workspace or studio, or a studio of another workspace", async () => {
    const { db, workspace, studio } = await world();
    const other = await makeWorkspace(db);
    expect(await loadPublicStudio(db, { workspaceSlug: "no-such-workspace", studioId: studio.id, now })).toBeNull();
    expect(await loadPublicStudio(db, { workspaceSlug: other.workspace.slug, studioId: studio.id, now })).toBeNull();
    expect(await loadPublicStudio(db, { workspaceSlug: workspace.slug, studioId: other.studio.id, now })).toBeNull();
    expect(await loadPublicStudio(db, { workspaceSlug: workspace.slug, studioId: "not-a-uuid", now })).toBeNull();
    expect(publicStudioPath(workspace.slug, studio.id)).toBe(`/s/${workspace.slug}/${studio.id}`);
  });
});
