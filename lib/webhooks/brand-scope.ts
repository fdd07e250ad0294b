import { can, type Actor } from "../auth/permissions";

/**
 * The brand whose endpoints an actor manages, or null: only a brand member linked to a brand manages webhooks,
 * and only that brand's. Every query on endpoints and deliveries is filtered by this workspace AND brand, so
 * another brand's (or workspace's) id answers exactly like an id that does not exist.
 */
export function brandScope(
  actor: Pick<Actor, "role" | "workspaceId" | "brandId">,
): { workspaceId: string; brandId: string } | null {
  if (!can(actor, "webhooks.manage") || !actor.brandId) return null;
  return { workspaceId: actor.workspaceId, brandId: actor.brandId };
}

export { isUuid } from "@/kernel/ids";
