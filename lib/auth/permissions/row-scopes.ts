import { can, type Actor } from "./grants";
import { actsForSelfOnly, isBrandScoped, isStudioScoped, seesAllStudios } from "./roles";

/**
 * Which rows of a kind an actor sees, always within the actor's workspace: all of them, those of some studios, those
 * of one brand, those of one creator (the actor), or none. Each domain maps a scope onto its own columns with
 * `scopeWhere` (`scope-sql.ts`); an id outside the scope is answered exactly like one that does not exist.
 */
export type RowScope =
  | { rows: "workspace" }
  | { rows: "studios"; studioIds: string[] }
  | { rows: "brand"; brandId: string }
  | { rows: "creator"; creatorId: string }
  | { rows: "none" };

const NONE: RowScope = { rows: "none" };
const WORKSPACE: RowScope = { rows: "workspace" };

/** Staff: the studios they work in (a staff member with none sees nothing). */
function theirStudios(actor: Pick<Actor, "studioIds">): RowScope {
  return actor.studioIds.length ? { rows: "studios", studioIds: actor.studioIds } : NONE;
}

/** A brand member: their brand's rows (a membership not linked to a brand sees nothing). */
function theirBrand(actor: Pick<Actor, "brandId">): RowScope {
  return actor.brandId ? { rows: "brand", brandId: actor.brandId } : NONE;
}

/**
 * Bookings, and the series and waitlist entries behind them (also which bookings may be cancelled, moved or run:
 * the use case asks `findBooking`, which uses this): owners and managers the workspace's, staff those in rooms of
 * their studios, a creator their own, brands none.
 */
export function bookingScope(actor: Pick<Actor, "role" | "studioIds" | "userId">): RowScope {
  if (seesAllStudios(actor)) return WORKSPACE;
  if (isStudioScoped(actor.role)) return theirStudios(actor);
  if (actsForSelfOnly(actor)) return { rows: "creator", creatorId: actor.userId };
  return NONE;
}

/** Charges and invoices: who manages billing the workspace's, a creator their own; staff and brands none. */
export function chargeScope(actor: Pick<Actor, "role" | "userId">): RowScope {
  if (can(actor, "billing.manage")) return WORKSPACE;
  if (actsForSelfOnly(actor)) return { rows: "creator", creatorId: actor.userId };
  return NONE;
}

/**
 * Storage reservations: owners and managers the workspace's, staff those of units in their studios, a creator
 * their own, brands none.
 */
export function storageReservationScope(actor: Pick<Actor, "role" | "studioIds" | "userId">): RowScope {
  if (seesAllStudios(actor)) return WORKSPACE;
  if (isStudioScoped(actor.role)) return theirStudios(actor);
  if (actsForSelfOnly(actor)) return { rows: "creator", creatorId: actor.userId };
  return NONE;
}

/**
 * Sample shipments: owners and managers the workspace's, staff those sent to their studios, a brand member their
 * brand's, a creator those addressed to them.
 */
export function shipmentScope(actor: Pick<Actor, "role" | "studioIds" | "brandId" | "userId">): RowScope {
  if (seesAllStudios(actor)) return WORKSPACE;
  if (isStudioScoped(actor.role)) return theirStudios(actor);
  if (isBrandScoped(actor.role)) return theirBrand(actor);
  if (actsForSelfOnly(actor)) return { rows: "creator", creatorId: actor.userId };
  return NONE;
}

/**
 * Stock (inventory items): owners and managers the workspace's, staff what is in their studios, a brand member
 * what their brand owns, a creator what was given to them or sent for them.
 */
export function stockScope(actor: Pick<Actor, "role" | "studioIds" | "brandId" | "userId">): RowScope {
  return shipmentScope(actor);
}

/**
 * A brand's webhook endpoints and their deliveries: only a brand member linked to a brand (webhooks.manage), and
 * only that brand's.
 */
export function webhookScope(actor: Pick<Actor, "role" | "brandId">): RowScope {
  return can(actor, "webhooks.manage") ? theirBrand(actor) : NONE;
}
