import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, storageLocations, storageUnits, studios } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { toMinorUnits } from "../money";
import { fail, ok, type Result } from "../result";
import type { StorageError } from "./rules";

type Unit = typeof storageUnits.$inferSelect;

/** A unit of a studio, with the inventory place its goods sit in. Owners and managers set units up. */
export async function createStorageUnit(
  db: Db,
  actor: Actor,
  studioId: string,
  input: { code: string; size: string; nightlyRate: number | string },
): Promise<Result<Unit & { currency: string }, StorageError>> {
  if (!can(actor, "storage.manage"))
    return fail("forbidden", { message: "Only owners and managers set up storage units." });
  return db.transaction(async (tx) => {
    const [studio] = await tx
      .select({ id: studios.id, currency: studios.currency })
      .from(studios)
      .where(and(eq(studios.id, studioId), eq(studios.workspaceId, actor.workspaceId)));
    if (!studio) return fail("not_found");
    // The rate is typed in the studio's currency, whose minor unit may not be a cent (JPY has none).
    const rate = toMinorUnits(input.nightlyRate, studio.currency);
    if (!rate.ok) return fail("invalid", { fieldErrors: { nightlyRate: [rate.message] } });
    const [loc] = await tx
      .insert(storageLocations)
      .values({ workspaceId: actor.workspaceId, studioId, code: `Unit ${input.code}`, kind: "unit" })
      .onConflictDoNothing()
      .returning();
    if (!loc)
      return fail("invalid", {
        fieldErrors: { code: [`A place called “Unit ${input.code}” already exists in this studio`] },
      });
    const [unit] = await tx
      .insert(storageUnits)
      .values({
        workspaceId: actor.workspaceId,
        studioId,
        code: input.code,
        size: input.size,
        nightlyRateCents: rate.minor,
        locationId: loc.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!unit) return fail("invalid", { fieldErrors: { code: [`Unit ${input.code} already exists in this studio`] } });
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "storage_unit.created",
      subjectType: "storage_unit",
      subjectId: unit.id,
      data: { code: input.code },
    });
    return ok({ ...unit, currency: studio.currency });
  });
}
