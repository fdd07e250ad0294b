import type { Actor } from "./grants";
import { actsForSelfOnly, isStudioScoped, seesAllStudios } from "./roles";

/**
 * Which studios an actor works in (runs the floor, the desk, the storage board of): staff only the studios their
 * membership names; owners and managers every studio of the workspace; creators and brands none.
 */
export function canOperateStudio(actor: Pick<Actor, "role" | "studioIds">, studioId: string): boolean {
  if (seesAllStudios(actor)) return true;
  if (isStudioScoped(actor.role)) return actor.studioIds.includes(studioId);
  return false;
}

/**
 * Whether an actor may book a room of this studio: a creator any studio of the workspace, staff only the studios
 * they work in, managers and owners all (brands never book: they lack bookings.create). One rule for the booking,
 * the series, the waitlist and for which rooms are offered at all.
 */
export function canBookInStudio(actor: Pick<Actor, "role" | "studioIds">, studioId: string): boolean {
  return actsForSelfOnly(actor) || canOperateStudio(actor, studioId);
}

/**
 * Whether an actor may reserve a storage unit of this studio: as for booking, a creator in any studio, staff in
 * theirs, managers and owners in all (brands lack storage.use).
 */
export function canReserveStorageIn(actor: Pick<Actor, "role" | "studioIds">, studioId: string): boolean {
  return actsForSelfOnly(actor) || canOperateStudio(actor, studioId);
}
