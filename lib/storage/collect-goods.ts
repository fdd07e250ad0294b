import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, inventoryItems, storageReservations } from "@/db/schema";
import { type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { applyMovement, stockTransaction } from "../samples/stock";
import type { StorageError } from "./rules";
import { lockReservation } from "./access";

type Reservation = typeof storageReservations.$inferSelect;

/** Everything in the unit goes back to the creator ("collected"); the reservation ends. Nights already reserved stay owed. */
export async function collectGoods(
  db: Db,
  actor: Actor,
  reservationId: string,
  now: Date,
): Promise<Result<{ reservation: Reservation; units: number }, StorageError>> {
  return stockTransaction(
    db,
    async (tx): Promise<Result<{ reservation: Reservation; units: number }, StorageError>> => {
      const found = await lockReservation(tx, actor, reservationId);
      if (!found.ok) return found;
      const { reservation: r, unit } = found.value;
      if (r.status !== "active")
        return fail("wrong_status", {
          message: r.status === "ended" ? "The goods were already collected." : "Nothing is stored in this unit yet.",
        });
      const rows = await tx
        .select()
        .from(inventoryItems)
        .where(
          and(
            eq(inventoryItems.locationId, unit.locationId!),
            eq(inventoryItems.ownerCreatorId, r.creatorId),
            gt(inventoryItems.onHand, 0),
          ),
        )
        .orderBy(asc(inventoryItems.id))
        .for("update");
      let units = 0;
      for (const row of rows) {
        units += row.onHand;
        const collected = await applyMovement(tx, row, {
          kind: "collected",
          delta: -row.onHand,
          damagedDelta: -row.damaged,
          fromLocationId: unit.locationId,
          actorUserId: actor.userId,
          reason: `Collected from unit ${unit.code}`,
          now,
        });
        if (!collected.ok) return fail("insufficient", { message: "The stock changed meanwhile; try again." });
      }
      const [row] = await tx
        .update(storageReservations)
        .set({ status: "ended", checkedOutAt: now })
        .where(eq(storageReservations.id, r.id))
        .returning();
      await tx.insert(auditLog).values({
        workspaceId: r.workspaceId,
        actorUserId: actor.userId,
        action: "storage.goods_out",
        subjectType: "storage_reservation",
        subjectId: r.id,
        data: { units },
      });
      return ok({ reservation: row, units });
    },
  );
}
