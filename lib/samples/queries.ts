import { and, asc, eq, exists, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  bookings,
  brands,
  rooms,
  shipmentEvents,
  shipmentItems,
  shipments,
  shipmentStatus,
  studios,
  users,
} from "@/db/schema";
import { keyset, pageLimit, toPage, type PageRequest } from "../api/pagination";
import { can, isBrandScoped, type Actor } from "../auth/permissions";
import { hasNul } from "../input";
import { visibleShipments } from "./access";
import { shipmentCounts, shipmentDiscrepancies } from "./rules";
import { shipmentListQuerySchema } from "./schemas";
import { compactCode, isUuid } from "@/kernel/ids";

type Shipment = typeof shipments.$inferSelect;

// Newest first, then id: a total order, so a page of the API starts exactly after the last row of the previous one.
const shipmentOrder = keyset("shipments", [{ expr: shipments.createdAt, type: "timestamptz" }], shipments.id, "desc");
/** `GET /api/v1/shipments`: the filters, `limit` (1–200, 50) and `cursor`. */
export const shipmentPageQuerySchema = shipmentListQuerySchema
  .omit({ limit: true })
  .extend(shipmentOrder.querySchema().shape);

type ShipmentFilters = { status?: string; studioId?: string; q?: string; limit?: number };

/**
 * Shipments the actor may see, newest first, with filters (status, studio, a code / tracking number / SKU), each
 * with its units received, missing and extra (shipmentCounts).
 */
export async function listShipments(db: DbOrTx, actor: Actor, q: ShipmentFilters & { page?: PageRequest } = {}) {
  const rows = await shipmentRows(db, actor, q);
  const items = await itemsOfShipments(
    db,
    rows.map((r) => r.shipment.id),
  );
  return rows.map((r) => ({
    ...r,
    counts: shipmentCounts(
      r.shipment.status,
      items.filter((i) => i.shipmentId === r.shipment.id),
    ),
  }));
}

function shipmentRows(db: DbOrTx, actor: Actor, q: ShipmentFilters & { page?: PageRequest }) {
  const where: (SQL | undefined)[] = [visibleShipments(actor)];
  if (q.page) where.push(shipmentOrder.after(q.page.after));
  const statuses = q.status
    ?.split(",")
    .map((s) => s.trim())
    .filter((s): s is Shipment["status"] => (shipmentStatus.enumValues as readonly string[]).includes(s));
  if (statuses?.length) where.push(inArray(shipments.status, statuses));
  if (q.studioId) where.push(eq(shipments.studioId, q.studioId));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(
      or(
        ilike(shipments.code, like),
        ilike(shipments.trackingNumber, like),
        exists(
          db
            .select({ one: sql`1` })
            .from(shipmentItems)
            .where(and(eq(shipmentItems.shipmentId, shipments.id), ilike(shipmentItems.sku, like))),
        ),
      ),
    );
  }
  return db
    .select({
      shipment: shipments,
      studioName: studios.name,
      brandName: brands.name,
      creatorEmail: users.email,
      creatorName: users.name,
      cursor: shipmentOrder.cursorColumn(),
    })
    .from(shipments)
    .innerJoin(studios, eq(studios.id, shipments.studioId))
    .leftJoin(brands, eq(brands.id, shipments.brandId))
    .leftJoin(users, eq(users.id, shipments.creatorId))
    .where(and(...where))
    .orderBy(...shipmentOrder.orderBy())
    .limit(q.page ? pageLimit(q.page) : (q.limit ?? 100));
}

/** One page of the shipments the actor may see, newest first, and the cursor of the next (null on the last). */
export async function listShipmentsPage(db: DbOrTx, actor: Actor, q: ShipmentFilters, page: PageRequest) {
  return toPage(await shipmentRows(db, actor, { ...q, page }), page);
}

/** The items of several shipments at once (for a list answered with its items). */
export async function itemsOfShipments(db: DbOrTx, shipmentIds: string[]) {
  return shipmentIds.length
    ? db
        .select()
        .from(shipmentItems)
        .where(inArray(shipmentItems.shipmentId, shipmentIds))
        .orderBy(asc(shipmentItems.sku))
    : [];
}

/** `code` is null for those who may not know it (brands: it is the check-in QR). */
export type ShipmentSession = {
  id: string;
  code: string | null;
  startsAt: Date;
  status: string;
  roomName: string;
  timeZone: string;
};

/**
 * The sessions a list of shipments was sent for (code, start, room and the studio's zone), by booking id. The
 * caller passes only booking ids of shipments the actor may already see, so no visibility rule is repeated here;
 * the workspace is still checked so an id can never reach across workspaces.
 */
export async function sessionsOfShipments(
  db: DbOrTx,
  actor: Actor,
  bookingIds: string[],
): Promise<Map<string, ShipmentSession>> {
  const ids = [...new Set(bookingIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: bookings.id,
      code: bookings.code,
      startsAt: bookings.startsAt,
      status: bookings.status,
      roomName: rooms.name,
      timeZone: studios.timeZone,
    })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .where(and(eq(bookings.workspaceId, actor.workspaceId), inArray(bookings.id, ids)));
  const mayKnowCode = can(actor, "bookings.code");
  return new Map(rows.map((r) => [r.id, { ...r, code: mayKnowCode ? r.code : null }]));
}

/** One shipment with its items, timeline and session, if the actor may see it (else null: answered as 404). */
export async function findShipment(db: DbOrTx, actor: Actor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      shipment: shipments,
      studio: studios,
      brandName: brands.name,
      creatorEmail: users.email,
      creatorName: users.name,
    })
    .from(shipments)
    .innerJoin(studios, eq(studios.id, shipments.studioId))
    .leftJoin(brands, eq(brands.id, shipments.brandId))
    .leftJoin(users, eq(users.id, shipments.creatorId))
    .where(and(eq(shipments.id, id), visibleShipments(actor)));
  if (!row) return null;
  const items = await db
    .select()
    .from(shipmentItems)
    .where(eq(shipmentItems.shipmentId, id))
    .orderBy(asc(shipmentItems.sku));
  const events = await db
    .select({ event: shipmentEvents, actorName: users.name, actorEmail: users.email })
    .from(shipmentEvents)
    .leftJoin(users, eq(users.id, shipmentEvents.actorUserId))
    .where(eq(shipmentEvents.shipmentId, id))
    .orderBy(asc(shipmentEvents.createdAt), asc(shipmentEvents.id));
  const [booking] = row.shipment.bookingId
    ? await db
        .select({ booking: bookings, roomName: rooms.name })
        .from(bookings)
        .innerJoin(rooms, eq(rooms.id, bookings.roomId))
        .where(eq(bookings.id, row.shipment.bookingId))
    : [];
  // The session's code is its check-in QR: not for brands (they see when and where, not the code).
  const session = booking
    ? { ...booking, booking: { ...booking.booking, code: can(actor, "bookings.code") ? booking.booking.code : null } }
    : null;
  return { ...row, items, events, booking: session, discrepancies: shipmentDiscrepancies(row.shipment.status, items) };
}
export type ShipmentDetail = NonNullable<Awaited<ReturnType<typeof findShipment>>>;

/**
 * The shipment for what was scanned or typed at the desk: its code (with or without the "SH-" prefix, any case,
 * dashes optional) or its tracking number. Only shipments the actor may see; null when there is none.
 */
export async function findShipmentForDesk(db: DbOrTx, actor: Actor, scanned: string): Promise<Shipment | null> {
  const raw = scanned.trim().slice(0, 120);
  // No label carries a NUL character, and Postgres text cannot hold one: it matches nothing.
  if (!raw || hasNul(raw)) return null;
  const compact = compactCode(raw).replace(/^SH/, "");
  const code = compact.length === 6 ? `SH-${compact.slice(0, 3)}-${compact.slice(3)}` : null;
  const [row] = await db
    .select()
    .from(shipments)
    .where(
      and(
        visibleShipments(actor),
        or(
          code ? eq(shipments.code, code) : sql`false`,
          ilike(shipments.trackingNumber, raw.replace(/[%_\\]/g, "\\$&")),
        ),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The creators, their upcoming sessions and the studios a shipment can be addressed to. */
export async function shipmentTargets(db: DbOrTx, actor: Actor, now: Date) {
  const studioRows = await db
    .select({ id: studios.id, name: studios.name })
    .from(studios)
    .where(eq(studios.workspaceId, actor.workspaceId))
    .orderBy(asc(studios.name));
  const creators = await db.execute<{ id: string; name: string | null; email: string }>(sql`
    select u.id, u.name, u.email from memberships m join users u on u.id = m.user_id
    where m.workspace_id = ${actor.workspaceId} and m.role = 'creator' order by lower(coalesce(u.name, u.email))`);
  const sessions = await db
    .select({
      id: bookings.id,
      code: bookings.code,
      creatorId: bookings.creatorId,
      startsAt: bookings.startsAt,
      roomName: rooms.name,
      studioId: rooms.studioId,
    })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .where(
      and(
        eq(bookings.workspaceId, actor.workspaceId),
        inArray(bookings.status, ["held", "confirmed"]),
        sql`${bookings.startsAt} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(500);
  const brandRows = isBrandScoped(actor.role)
    ? []
    : await db
        .select({ id: brands.id, name: brands.name })
        .from(brands)
        .where(eq(brands.workspaceId, actor.workspaceId))
        .orderBy(asc(brands.name));
  // A booking's code is also its check-in QR: brands choose a session by creator, date and room, never by code.
  const visibleSessions = can(actor, "bookings.code") ? sessions : sessions.map((x) => ({ ...x, code: "" }));
  return { studios: studioRows, creators: [...creators], sessions: visibleSessions, brands: brandRows };
}
