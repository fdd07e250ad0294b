import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { inventoryItems, inventoryMovements, movementKind, storageLocations } from "@/db/schema";
import { fail, ok, type Fail, type Result } from "../result";
import { damagedMoved, stockAllows } from "./rules";

export type MovementKind = (typeof movementKind.enumValues)[number];
type Item = typeof inventoryItems.$inferSelect;
export type StockError = "not_found" | "forbidden" | "invalid" | "insufficient";
/** Stock that would go below zero: the sentence to show and the quantity's limit. */
export type Insufficient = Fail<"insufficient"> & { message: string; fieldErrors: Record<string, string[]> };

const insufficient = (row: Item): Insufficient =>
  fail("insufficient", {
    message: `Only ${row.onHand} of ${row.sku} ${row.name} ${row.onHand === 1 ? "is" : "are"} there.`,
    fieldErrors: { quantity: [`At most ${row.onHand}`] },
  });

/**
 * Runs a stock change in one transaction. A refusal rolls everything back, so a refused change writes nothing
 * (not even the empty row made for a place it would have gone to), and is returned as the value it is.
 */
export async function stockTransaction<T, E extends string>(
  db: Db,
  fn: (tx: Tx) => Promise<Result<T, E>>,
): Promise<Result<T, E>> {
  // Our own marker, recognised by identity: `instanceof` drizzle's TransactionRollbackError fails in the Next.js
  // build, where the driver and this module may hold different copies of drizzle-orm.
  const rollback = new Error("stock change refused: rolled back");
  let refused: Fail<E> | undefined;
  try {
    return await db.transaction(async (tx) => {
      const r = await fn(tx);
      if (!r.ok) {
        refused = r;
        throw rollback;
      }
      return r;
    });
  } catch (err) {
    if (err === rollback && refused) return refused;
    throw err;
  }
}

/**
 * The stock row of one shipment item at one place for one owner, created empty if missing, and locked. Every
 * change of stock goes through `applyMovement` on a locked row: on-hand is always the sum of its movements.
 */
type StockKey = {
  workspaceId: string;
  studioId: string;
  shipmentItemId: string | null;
  locationId: string | null;
  ownerBrandId: string | null;
  ownerCreatorId: string | null;
  sku: string;
  name: string;
};

export async function lockStockRow(tx: Tx, key: StockKey, now: Date): Promise<Item> {
  return (await findStockRow(tx, key, now, true))!;
}

async function findStockRow(tx: Tx, key: StockKey, now: Date, lock: boolean) {
  await tx
    .insert(inventoryItems)
    .values({ ...key, onHand: 0, damaged: 0, updatedAt: now })
    .onConflictDoNothing();
  const q = tx
    .select()
    .from(inventoryItems)
    .where(
      and(
        key.shipmentItemId
          ? eq(inventoryItems.shipmentItemId, key.shipmentItemId)
          : isNull(inventoryItems.shipmentItemId),
        eq(inventoryItems.sku, key.sku),
        key.locationId ? eq(inventoryItems.locationId, key.locationId) : isNull(inventoryItems.locationId),
        key.ownerBrandId ? eq(inventoryItems.ownerBrandId, key.ownerBrandId) : isNull(inventoryItems.ownerBrandId),
        key.ownerCreatorId
          ? eq(inventoryItems.ownerCreatorId, key.ownerCreatorId)
          : isNull(inventoryItems.ownerCreatorId),
      ),
    );
  const [row] = lock ? await q.for("update") : await q;
  return row;
}

/**
 * Changes one locked row by `delta` and writes the movement that explains it. Refuses to go below zero (before
 * writing anything); the caller's transaction must then roll back (`stockTransaction`).
 */
export async function applyMovement(
  tx: Tx,
  row: Item,
  m: {
    kind: MovementKind;
    delta: number;
    damagedDelta?: number;
    fromLocationId?: string | null;
    toLocationId?: string | null;
    bookingId?: string | null;
    actorUserId: string | null;
    reason?: string;
    transferId?: string | null;
    now: Date;
  },
): Promise<Result<Item, "insufficient">> {
  const damagedDelta = m.damagedDelta ?? 0;
  if (!stockAllows(row, m.delta, damagedDelta)) return insufficient(row);
  const [updated] = await tx
    .update(inventoryItems)
    .set({
      onHand: sql`${inventoryItems.onHand} + ${m.delta}`,
      damaged: sql`least(${inventoryItems.damaged} + ${damagedDelta}, ${inventoryItems.onHand} + ${m.delta})`,
      updatedAt: m.now,
    })
    .where(eq(inventoryItems.id, row.id))
    .returning();
  await tx.insert(inventoryMovements).values({
    workspaceId: row.workspaceId,
    inventoryItemId: row.id,
    kind: m.kind,
    quantityDelta: m.delta,
    fromLocationId: m.fromLocationId ?? null,
    toLocationId: m.toLocationId ?? null,
    bookingId: m.bookingId ?? null,
    actorUserId: m.actorUserId,
    reason: m.reason ?? "",
    transferId: m.transferId ?? null,
    createdAt: m.now,
  });
  return ok(updated);
}

/**
 * Moves `quantity` from one row to another place/owner: two movements sharing a transfer id. Rows are locked in
 * id order, so two moves between the same places never deadlock. Damaged units move only when nothing else is
 * left (`damagedMoved`). Refuses more than the row holds; the caller's transaction must then roll back.
 */
export async function transfer(
  tx: Tx,
  from: Item,
  to: { locationId: string | null; ownerBrandId: string | null; ownerCreatorId: string | null },
  input: {
    quantity: number;
    kind: MovementKind;
    bookingId?: string | null;
    actorUserId: string | null;
    reason?: string;
    now: Date;
  },
): Promise<Result<{ source: Item; target: Item }, "insufficient">> {
  const key = {
    workspaceId: from.workspaceId,
    studioId: from.studioId,
    shipmentItemId: from.shipmentItemId,
    sku: from.sku,
    name: from.name,
    ...to,
  };
  const transferId = crypto.randomUUID();
  const targetId = (await findStockRow(tx, key, input.now, false))!.id;
  if (targetId === from.id) return ok({ source: from, target: from });
  const locked = await tx
    .select()
    .from(inventoryItems)
    .where(inArray(inventoryItems.id, [from.id, targetId]))
    .orderBy(asc(inventoryItems.id))
    .for("update");
  const source = locked.find((r) => r.id === from.id)!;
  const target = locked.find((r) => r.id === targetId)!;
  if (!stockAllows(source, -input.quantity)) return insufficient(source);
  const damaged = damagedMoved(source, input.quantity);
  const out = await applyMovement(tx, source, {
    kind: input.kind,
    delta: -input.quantity,
    damagedDelta: -damaged,
    fromLocationId: source.locationId,
    toLocationId: to.locationId,
    bookingId: input.bookingId,
    actorUserId: input.actorUserId,
    reason: input.reason,
    transferId,
    now: input.now,
  });
  if (!out.ok) return out;
  const into = await applyMovement(tx, target, {
    kind: input.kind,
    delta: input.quantity,
    damagedDelta: damaged,
    fromLocationId: source.locationId,
    toLocationId: to.locationId,
    bookingId: input.bookingId,
    actorUserId: input.actorUserId,
    reason: input.reason,
    transferId,
    now: input.now,
  });
  if (!into.ok) return into;
  return ok({ source: out.value, target: into.value });
}

/** The place that stands for a room while samples are on its set (made on first use). */
export async function roomLocation(
  tx: Tx,
  input: { workspaceId: string; studioId: string; roomId: string; roomName: string },
) {
  await tx
    .insert(storageLocations)
    .values({
      workspaceId: input.workspaceId,
      studioId: input.studioId,
      code: `Set: ${input.roomName}`.slice(0, 40),
      kind: "room",
      roomId: input.roomId,
    })
    .onConflictDoNothing();
  const [loc] = await tx.select().from(storageLocations).where(eq(storageLocations.roomId, input.roomId));
  return loc;
}
