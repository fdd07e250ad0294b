import { webhookScope, type Actor } from "../auth/permissions";

/**
 * The brand whose endpoints an actor manages, or null (`webhookScope`: only a brand member linked to a brand
 * manages webhooks, and only that brand's). Every query on endpoints and deliveries is filtered by this workspace
 * AND brand, so another brand's (or workspace's) id answers exactly like an id that does not exist.
 */
export function brandScope(
  actor: Pick<Actor, "role" | "workspaceId" | "brandId">,
): { workspaceId: string; brandId: string } | null {
  const scope = webhookScope(actor);
  return scope.rows === "brand" ? { workspaceId: actor.workspaceId, brandId: scope.brandId } : null;
}

export { isUuid } from "@/kernel/ids";
