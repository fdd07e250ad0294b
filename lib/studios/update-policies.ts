import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { cardPolicyRefusal } from "../billing/booking-gate";
import { readPolicies, type Policies } from "../policies/policies";
import { fail, ok, type Result } from "../result";
import { audit, denied } from "./access";

/**
 * Stores the workspace's booking and fee policies (all of them, so what is stored is exactly what the form showed).
 * A card on file "always required" is refused while Stripe is not connected.
 * New rules apply to what happens from now on: bookings already made keep their times; fees are worked out when
 * a cancellation or a no-show happens.
 */
export async function updatePolicies(
  db: Db,
  actor: Actor,
  input: Policies,
  _now?: Date,
  opts: { stripeConnected?: boolean } = {},
): Promise<Result<Policies, "not_allowed" | "invalid">> {
  const refused = denied(actor, "policies.manage");
  if (refused) return { ...refused, message: "You cannot change the workspace policies." };
  // A card required while no card can be added would stop every booking.
  const cardRefusal = cardPolicyRefusal(input.cardOnFile, opts.stripeConnected);
  if (cardRefusal) return fail("invalid", { fieldErrors: { cardOnFile: [cardRefusal] } });
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ policies: workspaces.policies })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId))
      .for("update");
    const policies = readPolicies(input);
    await tx.update(workspaces).set({ policies }).where(eq(workspaces.id, actor.workspaceId));
    await audit(
      tx,
      actor,
      "workspace.policies_updated",
      { type: "workspace", id: actor.workspaceId },
      { from: readPolicies(before?.policies), to: policies },
    );
    return ok(policies);
  });
}
