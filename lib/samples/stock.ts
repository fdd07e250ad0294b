import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { inventoryItems, inventoryMovements, movementKind, storageLocations } from "@/db/schema";

export type MovementKind = (typeof movementKind.enumValues)[number];
type Item = typeof inventoryItems.$inferSelect;

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

/** Changes one locked row by `delta` and writes the movement that explains it. Refuses to go below zero. */
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
) {
  const damagedDelta = m.damagedDelta ?? 0;
  if (row.onHand + m.delta < 0 || row.damaged + damagedDelta < 0) throw new InsufficientStock(row, -m.delta);
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
  return updated;
}

/** Thrown inside a transaction (rolling it back) when stock would go negative; use cases turn it into a message. */
export class InsufficientStock extends Error {
  constructor(
    readonly row: Item,
    readonly wanted: number,
  ) {
    super(`only ${row.onHand} on hand`);
  }
}

/**
 * Moves `quantity` from one row to another place/owner: two movements sharing a transfer id. Rows are locked in
 * id order, so two moves between the same places never deadlock. Damaged units move first out of a row only
 * when nothing else is left (damage stays with the unit as far as we can tell).
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
) {
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
  if (targetId === from.id) return { source: from, target: from };
  const locked = await tx
    .select()
    .from(inventoryItems)
    .where(inArray(inventoryItems.id, [from.id, targetId]))
    .orderBy(asc(inventoryItems.id))
    .for("update");
  const source = locked.find((r) => r.id === from.id)!;
  const target = locked.find((r) => r.id === targetId)!;
  if (source.onHand < input.quantity) throw new InsufficientStock(source, input.quantity);
  const healthy = source.onHand - source.damaged;
  const damagedMoved = Math.max(0, input.quantity - healthy);
  const out = await applyMovement(tx, source, {
    kind: input.kind,
    delta: -input.quantity,
    damagedDelta: -damagedMoved,
    fromLocationId: source.locationId,
    toLocationId: to.locationId,
    bookingId: input.bookingId,
    actorUserId: input.actorUserId,
    reason: input.reason,
    transferId,
    now: input.now,
  });
  const into = await applyMovement(tx, target, {
    kind: input.kind,
    delta: input.quantity,
    damagedDelta: damagedMoved,
    fromLocationId: source.locationId,
    toLocationId: to.locationId,
    bookingId: input.bookingId,
    actorUserId: input.actorUserId,
    reason: input.reason,
    transferId,
    now: input.now,
  });
  return { source: out, target: into };
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
