import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rooms, studios } from "@/db/schema";
import { keyset, pageLimit, toPage, type PageRequest } from "../api/pagination";
import { can, canBookInStudio, type Actor } from "../auth/permissions";
import { listRoomPhotos } from "./room-photos";

// By name, then id (two studios may share a name): a total order for the API's pages.
const studioOrder = keyset("studios", [{ expr: studios.name, type: "text" }], studios.id, "asc");
/** `GET /api/v1/studios`: `limit` (1–200, 50) and `cursor`. */
export const studioListQuerySchema = studioOrder.querySchema();

/** The workspace's studios with their rooms, for every role that may view them (rates are public to members). */
export async function listStudios(db: DbOrTx, actor: Actor, page?: PageRequest) {
  const studioQuery = db
    .select({ studio: studios, cursor: studioOrder.cursorColumn() })
    .from(studios)
    .where(and(eq(studios.workspaceId, actor.workspaceId), page ? studioOrder.after(page.after) : undefined))
    .orderBy(...studioOrder.orderBy())
    .$dynamic();
  const [studioRows, roomRows] = await Promise.all([
    page ? studioQuery.limit(pageLimit(page)) : studioQuery,
    db.select().from(rooms).where(eq(rooms.workspaceId, actor.workspaceId)).orderBy(asc(rooms.name)),
  ]);
  return studioRows.map(({ studio: s, cursor }) => ({
    ...s,
    cursor,
    rooms: roomRows.filter(
      // Inactive rooms are shown to who sets studios up (to reactivate them), to nobody else.
      (r) => r.studioId === s.id && (r.active || can(actor, "studios.manage")),
    ),
  }));
}

/**
 * The studios and active rooms an actor may book (staff: only the studios they work in), for the booking pages.
 * A room's `photos` there are its uploaded photos (served by /media) and then its linked ones.
 */
export async function bookableStudios(db: DbOrTx, actor: Actor) {
  const list = (await listStudios(db, actor))
    .filter((s) => canBookInStudio(actor, s.id))
    .map((s) => ({ ...s, rooms: s.rooms.filter((r) => r.active) }));
  const uploaded = await listRoomPhotos(db, {
    workspaceId: actor.workspaceId,
    roomIds: list.flatMap((s) => s.rooms.map((r) => r.id)),
  });
  const photosOf = (roomId: string) => uploaded.filter((p) => p.roomId === roomId).map((p) => p.src);
  return list.map((s) => ({ ...s, rooms: s.rooms.map((r) => ({ ...r, photos: [...photosOf(r.id), ...r.photos] })) }));
}

/** One page of listStudios and the cursor of the next page (null on the last). */
export async function listStudiosPage(db: DbOrTx, actor: Actor, page: PageRequest) {
  return toPage(await listStudios(db, actor, page), page);
}
