import type { Role } from "@/db/schema";
import type { Actor } from "./grants";

// What each role's membership ties it to, and for whom it acts. `role` is a string where a form's choice is asked.

/** Owners and managers: every studio of the workspace, and every row in it (no studio or person filter). */
export function seesAllStudios(actor: Pick<Actor, "role">): boolean {
  return actor.role === "owner" || actor.role === "manager";
}

/** Staff: the membership names the studios its member works in, and limits them to those (at least one). */
export function isStudioScoped(role: string): boolean {
  return role === "staff";
}

/** Brand members: the membership names the brand company they act for; they see and ship only its samples. */
export function isBrandScoped(role: string): boolean {
  return role === "brand";
}

/**
 * Creators act for themselves only: they book, wait, reserve storage, check out and have feeds and samples as
 * themselves, and see "my" bookings and waitlist; every other role that books does it for a creator.
 */
export function actsForSelfOnly(actor: Pick<Actor, "role">): boolean {
  return actor.role === "creator";
}

/** A creator acting on a row that is theirs (their booking, their reservation). */
export function ownsAsCreator(actor: Pick<Actor, "role" | "userId">, row: { creatorId: string | null }): boolean {
  return actsForSelfOnly(actor) && row.creatorId === actor.userId;
}

/**
 * Whom a booking, a waitlist place, a storage reservation or a sample shipment can be for: a member who is a
 * creator of the workspace (not staff, a manager, an owner or a brand; nor someone who is no member).
 */
export function canBeBookedFor(role: Role | null | undefined): boolean {
  return role === "creator";
}

/** Roles an actor may give to others: only an owner makes owners; managers invite below themselves. */
export function assignableRoles(actor: Pick<Actor, "role">): Role[] {
  if (actor.role === "owner") return ["owner", "manager", "staff", "creator", "brand"];
  if (actor.role === "manager") return ["staff", "creator", "brand"];
  return [];
}

/** Whether an actor may change or remove a member who has `targetRole`. */
export function canManageMember(actor: Pick<Actor, "role">, targetRole: Role): boolean {
  if (actor.role === "owner") return true;
  if (actor.role === "manager") return targetRole !== "owner" && targetRole !== "manager";
  return false;
}

/**
 * Whether changing a member from `from` to `to` (null: removing them) takes an owner away. A workspace always keeps
 * at least one owner, so such a change is refused when it is the last.
 */
export function removesAnOwner(from: Role, to: Role | null): boolean {
  return from === "owner" && to !== "owner";
}
