import { and, eq, gt, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { waitlistEntries } from "@/db/schema";
import { listFreeSlots, listTakenSlots, type Interval } from "../availability";
import { actsForSelfOnly, type Actor } from "../auth/permissions";
import { getPolicies, type Policies } from "../policies/policies";
import { policiesFor } from "./create-booking";
import { loadRoomContext } from "./room-context";
import { DAY_MS } from "@/kernel/time";

/**
 * Free start times of one room for a booking of `durationMinutes`, for the local dates [from, to] of its
 * studio, and the taken ones: starts every rule allows but another booking or hold occupies (listTakenSlots),
 * which a creator can join the waitlist for. For a creator, `waiting` are the times they already wait for in
 * this room. Reads without locking: the booking transaction checks again.
 */
export async function findAvailability(
  db: DbOrTx,
  actor: Actor,
  input: { roomId: string; from: string; to: string; durationMinutes: number; now: Date },
) {
  const found = await roomSlots(db, {
    ...input,
    workspaceId: actor.workspaceId,
    policyFor: (studioId, policies) => policiesFor(actor, studioId, policies),
  });
  if (!found) return null;
  const { ctx, slots, taken, from, to } = found;
  const waiting: Interval[] =
    actsForSelfOnly(actor) && taken.length > 0
      ? await db
          .select({ start: waitlistEntries.startsAt, end: waitlistEntries.endsAt })
          .from(waitlistEntries)
          .where(
            and(
              eq(waitlistEntries.roomId, ctx.room.id),
              eq(waitlistEntries.creatorId, actor.userId),
              inArray(waitlistEntries.status, ["waiting", "offered"]),
              lt(waitlistEntries.startsAt, to),
              gt(waitlistEntries.endsAt, from),
            ),
          )
      : [];
  return { room: ctx.room, studio: ctx.studio, slots, taken, waiting };
}

/**
 * The same free start times as a creator of the workspace is offered (minimum notice and booking window
 * included), for a visitor who is nobody yet: the public studio page. Only times, never whose the busy ones are.
 */
export async function findPublicAvailability(
  db: DbOrTx,
  input: { workspaceId: string; roomId: string; from: string; to: string; durationMinutes: number; now: Date },
) {
  const found = await roomSlots(db, { ...input, policyFor: (_studioId, policies) => policies });
  return found ? { room: found.ctx.room, studio: found.ctx.studio, slots: found.slots } : null;
}

async function roomSlots(
  db: DbOrTx,
  input: {
    workspaceId: string;
    roomId: string;
    from: string;
    to: string;
    durationMinutes: number;
    now: Date;
    policyFor: (studioId: string, policies: Policies) => Policies;
  },
) {
  // The local dates become instants only once the room's zone is known; a day either side covers every zone.
  const from = new Date(new Date(`${input.from}T00:00:00Z`).getTime() - 2 * DAY_MS);
  const to = new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 3 * DAY_MS);
  const [ctx, policies] = await Promise.all([
    loadRoomContext(db, { workspaceId: input.workspaceId, roomId: input.roomId, from, to }),
    getPolicies(db, input.workspaceId),
  ]);
  if (!ctx) return null;
  if (!ctx.room.active) return { ctx, slots: [], taken: [], from, to };
  const rules = {
    timeZone: ctx.studio.timeZone,
    openingHours: ctx.studio.openingHours,
    closures: ctx.closures,
    room: ctx.room,
    policy: input.policyFor(ctx.studio.id, policies),
    now: input.now,
    from: input.from,
    to: input.to,
    durationMinutes: input.durationMinutes,
  };
  const slots = listFreeSlots({ ...rules, busy: ctx.busy });
  const taken = listTakenSlots({ ...rules, busy: ctx.blocks, taken: ctx.booked });
  return { ctx, slots, taken, from, to };
}
