import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { rooms } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { audit, denied, notFound, ownRoom, ownStudio } from "./access";
import type { RoomInput } from "./schemas";

type RoomError = "not_allowed" | "not_found" | "name_taken";

const nameTaken = () => fail("name_taken", { fieldErrors: { name: ["Another room of this studio has that name."] } });

async function nameInUse(db: DbOrTx, studioId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: rooms.id })
    .from(rooms)
    .where(
      and(
        eq(rooms.studioId, studioId),
        sql`lower(${rooms.name}) = lower(${name})`,
        exceptId ? ne(rooms.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

const columns = (input: RoomInput) => ({
  name: input.name,
  kind: input.kind,
  capacity: input.capacity,
  features: input.features,
  photos: input.photos,
  hourlyRateCents: input.hourlyRateCents,
  stepMinutes: input.stepMinutes,
  minMinutes: input.minMinutes,
  maxMinutes: input.maxMinutes,
  bufferMinutes: input.bufferMinutes,
  active: input.active,
});

/** Adds a room (a set) to a studio of the workspace. The studio row is locked while the name is checked. */
export async function createRoom(
  db: Db,
  actor: Actor,
  input: RoomInput & { studioId: string },
  _now?: Date,
): Promise<Result<{ id: string }, RoomError>> {
  const refused = denied(actor);
  if (refused) return refused;
  return db.transaction(async (tx) => {
    const studio = await ownStudio(tx, actor, input.studioId, { lock: true });
    if (!studio) return notFound("studio");
    if (await nameInUse(tx, studio.id, input.name)) return nameTaken();
    const [row] = await tx
      .insert(rooms)
      .values({ workspaceId: actor.workspaceId, studioId: studio.id, ...columns(input) })
      .returning({ id: rooms.id });
    await audit(
      tx,
      actor,
      "room.created",
      { type: "room", id: row.id },
      { name: input.name, hourlyRateCents: input.hourlyRateCents },
    );
    return ok({ id: row.id });
  });
}

/**
 * Changes a room. Bookings already made keep their times and their price quote; the new rules apply to the
 * bookings made from now on. The room row is locked like a booking locks it, so no booking is checked against
 * half-changed rules.
 */
export async function updateRoom(
  db: Db,
  actor: Actor,
  input: RoomInput & { roomId: string },
  _now?: Date,
): Promise<Result<{ id: string }, RoomError>> {
  const refused = denied(actor);
  if (refused) return refused;
  return db.transaction(async (tx) => {
    const found = await ownRoom(tx, actor, input.roomId, { lock: true });
    if (!found) return notFound("room");
    if (await nameInUse(tx, found.studio.id, input.name, found.room.id)) return nameTaken();
    await tx.update(rooms).set(columns(input)).where(eq(rooms.id, found.room.id));
    const changes = Object.fromEntries(
      Object.entries(columns(input)).filter(
        ([key, value]) => JSON.stringify(found.room[key as keyof typeof found.room]) !== JSON.stringify(value),
      ),
    );
    await audit(tx, actor, "room.updated", { type: "room", id: found.room.id }, changes);
    return ok({ id: found.room.id });
  });
}
