import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { studioClosures } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { audit, denied, notFound, ownStudio, UUID } from "./access";
import { localDate } from "./local-time";
import type { ClosureInput } from "./schemas";

/**
 * Closes a studio for a day or a range of local days (both inclusive). Bookings already made in it stay: the
 * closure stops new ones. A range that is already over is refused (it would change nothing).
 */
export async function addClosure(
  db: Db,
  actor: Actor,
  input: ClosureInput,
  now: Date,
): Promise<Result<{ id: string }, "not_allowed" | "not_found" | "in_past">> {
  const refused = denied(actor);
  if (refused) return refused;
  return db.transaction(async (tx) => {
    const studio = await ownStudio(tx, actor, input.studioId);
    if (!studio) return notFound("studio");
    if (input.endsOn < localDate(now, studio.timeZone)) {
      return fail("in_past", {
        fieldErrors: { endsOn: ["That closure is already over. Choose today or a later day."] },
      });
    }
    const [row] = await tx
      .insert(studioClosures)
      .values({
        workspaceId: actor.workspaceId,
        studioId: studio.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        reason: input.reason,
      })
      .returning({ id: studioClosures.id });
    await audit(
      tx,
      actor,
      "studio.closure_added",
      { type: "studio", id: studio.id },
      { startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason },
    );
    return ok({ id: row.id });
  });
}

export async function removeClosure(
  db: Db,
  actor: Actor,
  input: { closureId: string },
  _now?: Date,
): Promise<Result<{ id: string }, "not_allowed" | "not_found">> {
  const refused = denied(actor);
  if (refused) return refused;
  if (!UUID.test(input.closureId)) return notFound("closure");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(studioClosures)
      .where(and(eq(studioClosures.id, input.closureId), eq(studioClosures.workspaceId, actor.workspaceId)))
      .returning();
    if (!row) return notFound("closure");
    await audit(
      tx,
      actor,
      "studio.closure_removed",
      { type: "studio", id: row.studioId },
      { startsOn: row.startsOn, endsOn: row.endsOn },
    );
    return ok({ id: row.id });
  });
}
