import { localDate } from "../studios/local-time";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, storageReservations } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { applyMovement, lockStockRow, stockTransaction } from "../samples/stock";
import type { StoreGoodsInput } from "./schemas";
import type { StorageError } from "./rules";
import { lockReservation } from "./access";

type Reservation = typeof storageReservations.$inferSelect;

/** Goods into the unit (the creator's own, written to the inventory ledger as "stored"), from its first night on. */
export async function storeGoods(
  db: Db,
  actor: Actor,
  reservationId: string,
  input: StoreGoodsInput,
  now: Date,
): Promise<Result<Reservation, StorageError>> {
  return stockTransaction(db, async (tx): Promise<Result<Reservation, StorageError>> => {
    const found = await lockReservation(tx, actor, reservationId);
    if (!found.ok) return found;
    const { reservation: r, unit, studio } = found.value;
    if (r.status !== "reserved" && r.status !== "active")
      return fail("wrong_status", { message: `This reservation is ${r.status}.` });
    const today = localDate(now, studio.timeZone);
    if (today < r.firstNight) return fail("wrong_status", { message: `Goods can be checked in from ${r.firstNight}.` });
    if (!unit.locationId) throw new Error(`storage unit ${unit.id} has no location`);
    for (const item of input.items) {
      const row = await lockStockRow(
        tx,
        {
          workspaceId: r.workspaceId,
          studioId: studio.id,
          shipmentItemId: null,
          locationId: unit.locationId,
          ownerBrandId: null,
          ownerCreatorId: r.creatorId,
          sku: item.sku,
          name: item.name,
        },
        now,
      );
      const stored = await applyMovement(tx, row, {
        kind: "stored",
        delta: item.quantity,
        toLocationId: unit.locationId,
        actorUserId: actor.userId,
        reason: `Stored in unit ${unit.code}`,
        now,
      });
      if (!stored.ok) return stored;
    }
    const [row] = await tx
      .update(storageReservations)
      .set({ status: "active", checkedInAt: r.checkedInAt ?? now })
      .where(eq(storageReservations.id, r.id))
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: r.workspaceId,
      actorUserId: actor.userId,
      action: "storage.goods_in",
      subjectType: "storage_reservation",
      subjectId: r.id,
      data: { items: input.items },
    });
    return ok(row);
  });
}
