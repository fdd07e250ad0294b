import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { addOns } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { ok, type Result } from "../result";
import { audit, denied, notFound, ownStudio, UUID } from "./access";
import type { AddOnInput } from "./schemas";

type AddOnError = "not_allowed" | "not_found";

/** Adds an add-on (equipment, a host assistant…) a studio offers with its rooms: a flat price or per hour. */
export async function createAddOn(
  db: Db,
  actor: Actor,
  input: AddOnInput & { studioId: string },
  _now?: Date,
): Promise<Result<{ id: string }, AddOnError>> {
  const refused = denied(actor);
  if (refused) return refused;
  return db.transaction(async (tx) => {
    const studio = await ownStudio(tx, actor, input.studioId);
    if (!studio) return notFound("studio");
    const [row] = await tx
      .insert(addOns)
      .values({
        workspaceId: actor.workspaceId,
        studioId: studio.id,
        name: input.name,
        pricing: input.pricing,
        priceCents: input.price,
      })
      .returning({ id: addOns.id });
    await audit(
      tx,
      actor,
      "add_on.created",
      { type: "add_on", id: row.id },
      { name: input.name, pricing: input.pricing, priceCents: input.price },
    );
    return ok({ id: row.id });
  });
}

/** Changes an add-on's name and price. Bookings already made keep the price they were quoted. */
export async function updateAddOn(
  db: Db,
  actor: Actor,
  input: AddOnInput & { addOnId: string },
  _now?: Date,
): Promise<Result<{ id: string }, AddOnError>> {
  const refused = denied(actor);
  if (refused) return refused;
  if (!UUID.test(input.addOnId)) return notFound("add-on");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(addOns)
      .set({ name: input.name, pricing: input.pricing, priceCents: input.price })
      .where(and(eq(addOns.id, input.addOnId), eq(addOns.workspaceId, actor.workspaceId)))
      .returning({ id: addOns.id });
    if (!row) return notFound("add-on");
    await audit(
      tx,
      actor,
      "add_on.updated",
      { type: "add_on", id: row.id },
      { name: input.name, pricing: input.pricing, priceCents: input.price },
    );
    return ok({ id: row.id });
  });
}

/** Deactivates an add-on (no new booking can choose it; past bookings keep it) or offers it again. */
export async function setAddOnActive(
  db: Db,
  actor: Actor,
  input: { addOnId: string; active: boolean },
  _now?: Date,
): Promise<Result<{ id: string; name: string }, AddOnError>> {
  const refused = denied(actor);
  if (refused) return refused;
  if (!UUID.test(input.addOnId)) return notFound("add-on");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(addOns)
      .set({ active: input.active })
      .where(and(eq(addOns.id, input.addOnId), eq(addOns.workspaceId, actor.workspaceId)))
      .returning({ id: addOns.id, name: addOns.name });
    if (!row) return notFound("add-on");
    await audit(tx, actor, input.active ? "add_on.activated" : "add_on.deactivated", { type: "add_on", id: row.id });
    return ok(row);
  });
}
