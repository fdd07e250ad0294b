import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pricingRules } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { audit, denied, notFound, ownRoom, UUID } from "./access";
import type { PricingRuleInput } from "./schemas";

export const MAX_RULES_PER_ROOM = 50;

/**
 * Adds a peak-pricing rule to a room: on a local weekday, from `startsAt` to `endsAt` (passing midnight when
 * `endsAt <= startsAt`), an hourly rate or a multiplier of the room rate. Where rules overlap the higher rate
 * applies (see compilePeakRules). Quotes already given keep their price.
 */
export async function addPricingRule(
  db: Db,
  actor: Actor,
  input: PricingRuleInput,
  _now?: Date,
): Promise<Result<{ id: string }, "not_allowed" | "not_found" | "too_many">> {
  const refused = denied(actor);
  if (refused) return refused;
  return db.transaction(async (tx) => {
    const found = await ownRoom(tx, actor, input.roomId, { lock: true });
    if (!found) return notFound("room");
    const [existing] = await tx.select({ n: count() }).from(pricingRules).where(eq(pricingRules.roomId, found.room.id));
    if (existing.n >= MAX_RULES_PER_ROOM) {
      return fail("too_many", {
        message: `A room can have at most ${MAX_RULES_PER_ROOM} peak rules. Remove one first.`,
      });
    }
    const [row] = await tx
      .insert(pricingRules)
      .values({
        workspaceId: actor.workspaceId,
        roomId: found.room.id,
        name: input.name,
        weekday: input.weekday,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        rateCents: input.rateCents,
        multiplier: input.multiplier,
      })
      .returning({ id: pricingRules.id });
    await audit(
      tx,
      actor,
      "room.pricing_rule_added",
      { type: "room", id: found.room.id },
      { ...input, roomId: undefined },
    );
    return ok({ id: row.id });
  });
}

export async function removePricingRule(
  db: Db,
  actor: Actor,
  input: { ruleId: string },
  _now?: Date,
): Promise<Result<{ id: string }, "not_allowed" | "not_found">> {
  const refused = denied(actor);
  if (refused) return refused;
  if (!UUID.test(input.ruleId)) return notFound("peak rule");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(pricingRules)
      .where(and(eq(pricingRules.id, input.ruleId), eq(pricingRules.workspaceId, actor.workspaceId)))
      .returning();
    if (!row) return notFound("peak rule");
    await audit(
      tx,
      actor,
      "room.pricing_rule_removed",
      { type: "room", id: row.roomId },
      { name: row.name, weekday: row.weekday },
    );
    return ok({ id: row.id });
  });
}
