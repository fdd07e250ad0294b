import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, storageLocations, studios } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { canWorkStock } from "./access";
import type { locationSchema } from "./schemas";

/** A bin or shelf of a studio, for receiving and moving stock. */
export async function createLocation(
  db: Db,
  actor: Actor,
  studioId: string,
  input: z.infer<typeof locationSchema>,
): Promise<Result<typeof storageLocations.$inferSelect, "forbidden" | "invalid">> {
  if (!canWorkStock(actor, studioId)) return fail("forbidden", { message: "You do not work in that studio." });
  return db.transaction(async (tx) => {
    const [studio] = await tx
      .select({ id: studios.id })
      .from(studios)
      .where(and(eq(studios.id, studioId), eq(studios.workspaceId, actor.workspaceId)));
    if (!studio) return fail("forbidden", { message: "You do not work in that studio." });
    const [row] = await tx
      .insert(storageLocations)
      .values({ workspaceId: actor.workspaceId, studioId, code: input.code, kind: input.kind })
      .onConflictDoNothing()
      .returning();
    if (!row) return fail("invalid", { fieldErrors: { code: [`${input.code} already exists in this studio`] } });
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "location.created",
      subjectType: "storage_location",
      subjectId: row.id,
      data: { code: input.code },
    });
    return ok(row);
  });
}
