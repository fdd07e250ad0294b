import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings, roomBlocks } from "@/db/schema";
import { can, canOperateStudio, type Actor } from "../auth/permissions";
import { OCCUPYING } from "../bookings/room-context";
import { fail, ok, type Result } from "../result";
import { audit, denied, notFound, ownRoom, UUID } from "./access";
import { localDateTimeToInstant } from "./local-time";
import type { RoomBlockInput } from "./schemas";
import { DAY_MS } from "@/kernel/time";

const MAX_BLOCK_MS = 366 * DAY_MS;

type BlockError = "not_allowed" | "not_found" | "invalid_time" | "in_past";

/**
 * Blocks a room for maintenance from `startsAt` to `endsAt`, both on the studio's wall clock. The room row is
 * locked as a booking locks it, so no booking slips in while the block is written. Bookings already in that time
 * stay (staff move or cancel them); their number comes back so the operator is told.
 */
export async function addRoomBlock(
  db: Db,
  actor: Actor,
  input: RoomBlockInput,
  now: Date,
): Promise<Result<{ id: string; overlappingBookings: number }, BlockError>> {
  // Managers set up blocks anywhere; staff block rooms of their own studios from the run sheet.
  const refused = can(actor, "rooms.block") ? null : denied(actor);
  if (refused) return refused;
  return db.transaction(async (tx) => {
    const found = await ownRoom(tx, actor, input.roomId, { lock: true });
    if (!found) return notFound("room");
    if (!canOperateStudio(actor, found.studio.id))
      return fail("not_allowed", { message: "You do not work in this studio." });
    const startsAt = localDateTimeToInstant(input.startsAt, found.studio.timeZone);
    const endsAt = localDateTimeToInstant(input.endsAt, found.studio.timeZone);
    if (!startsAt) return fail("invalid_time", { fieldErrors: { startsAt: ["That date does not exist."] } });
    if (!endsAt) return fail("invalid_time", { fieldErrors: { endsAt: ["That date does not exist."] } });
    if (endsAt <= startsAt)
      return fail("invalid_time", { fieldErrors: { endsAt: ["The end must be after the start."] } });
    if (endsAt.getTime() - startsAt.getTime() > MAX_BLOCK_MS) {
      return fail("invalid_time", { fieldErrors: { endsAt: ["Block at most 366 days at a time."] } });
    }
    if (endsAt <= now) return fail("in_past", { fieldErrors: { endsAt: ["That time is already over."] } });
    const [row] = await tx
      .insert(roomBlocks)
      .values({ workspaceId: actor.workspaceId, roomId: found.room.id, startsAt, endsAt, reason: input.reason })
      .returning({ id: roomBlocks.id });
    const [overlap] = await tx
      .select({ n: count() })
      .from(bookings)
      .where(
        and(
          eq(bookings.roomId, found.room.id),
          inArray(bookings.status, [...OCCUPYING]),
          lt(bookings.startsAt, endsAt),
          gt(bookings.endsAt, startsAt),
        ),
      );
    await audit(
      tx,
      actor,
      "room.block_added",
      { type: "room", id: found.room.id },
      { startsAt, endsAt, reason: input.reason },
    );
    return ok({ id: row.id, overlappingBookings: overlap.n });
  });
}

export async function removeRoomBlock(
  db: Db,
  actor: Actor,
  input: { blockId: string },
  _now?: Date,
): Promise<Result<{ id: string }, "not_allowed" | "not_found">> {
  const refused = denied(actor);
  if (refused) return refused;
  if (!UUID.test(input.blockId)) return notFound("block");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(roomBlocks)
      .where(and(eq(roomBlocks.id, input.blockId), eq(roomBlocks.workspaceId, actor.workspaceId)))
      .returning();
    if (!row) return notFound("block");
    await audit(
      tx,
      actor,
      "room.block_removed",
      { type: "room", id: row.roomId },
      { startsAt: row.startsAt, endsAt: row.endsAt },
    );
    return ok({ id: row.id });
  });
}
