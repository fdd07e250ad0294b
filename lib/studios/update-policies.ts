import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { readPolicies, type Policies } from "../policies/policies";
import { ok, type Result } from "../result";
import { audit, denied } from "./access";

/**
 * Stores the workspace's booking and fee policies (all of them, so what is stored is exactly what the form showed).
 * New rules apply to what happens from now on: bookings already made keep their times; fees are worked out when
 * a cancellation or a no-show happens.
 */
export async function updatePolicies(db: Db, actor: Actor, input: Policies, _now?: Date): Promise<Result<Policies, "not_allowed">> {
  const refused = denied(actor, "policies.manage");
  if (refused) return { ...refused, message: "You cannot change the workspace policies." };
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ policies: workspaces.policies }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("update");
    const policies = readPolicies(input);
    await tx.update(workspaces).set({ policies }).where(eq(workspaces.id, actor.workspaceId));
    await audit(tx, actor, "workspace.policies_updated", { type: "workspace", id: actor.workspaceId }, { from: readPolicies(before?.policies), to: policies });
    return ok(policies);
  });
}
