import { randomUUID } from "node:crypto";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { roomPhotos } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { logger } from "../logger";
import { fail, ok, type Result } from "../result";
import { audit, denied, notFound, ownRoom, UUID } from "./access";
import { checkPhoto, MAX_UPLOADED_PHOTOS } from "./photo-rules";
import type { PhotoStorage } from "./photo-storage";

type PhotoError = "not_allowed" | "not_found" | "invalid";

/** Where an uploaded photo is served (by app/media/rooms/[photoId]); public, like the studio page that shows it. */
export const roomPhotoPath = (photoId: string) => `/media/rooms/${photoId}`;

const invalid = (message: string) => fail("invalid", { fieldErrors: { photo: [message] } });

/**
 * Adds an uploaded picture to a room of the actor's workspace. The bytes are checked (JPEG, PNG or WebP by their
 * content, at most 5 MB) before anything is stored; a bucket upload whose row then cannot be written is removed.
 */
export async function addRoomPhoto(
  db: Db,
  storage: PhotoStorage,
  actor: Actor,
  input: { roomId: string; bytes: Uint8Array },
  _now?: Date,
): Promise<Result<{ id: string }, PhotoError>> {
  const refused = denied(actor);
  if (refused) return refused;
  const checked = checkPhoto(input.bytes);
  if (!checked.ok) return invalid(checked.message);
  const found = await ownRoom(db, actor, input.roomId);
  if (!found) return notFound("room");
  const stored = await storage.put({
    key: `${actor.workspaceId}/${found.room.id}/${randomUUID()}`,
    bytes: input.bytes,
    contentType: checked.contentType,
  });
  const cleanUp = () =>
    storage
      .remove(stored)
      .catch((err: unknown) =>
        logger.warn({ err, objectKey: stored.objectKey }, "room photo: could not remove an orphaned upload"),
      );
  let result: Result<{ id: string }, PhotoError>;
  try {
    result = await db.transaction(async (tx) => {
      // The room row is locked so two uploads at once cannot both pass the limit.
      if (!(await ownRoom(tx, actor, found.room.id, { lock: true }))) return notFound("room");
      const [{ n }] = await tx.select({ n: count() }).from(roomPhotos).where(eq(roomPhotos.roomId, found.room.id));
      if (n >= MAX_UPLOADED_PHOTOS)
        return invalid(`A room keeps at most ${MAX_UPLOADED_PHOTOS} uploaded photos: remove one first.`);
      const [row] = await tx
        .insert(roomPhotos)
        .values({
          workspaceId: actor.workspaceId,
          roomId: found.room.id,
          contentType: checked.contentType,
          sizeBytes: input.bytes.length,
          ...stored,
        })
        .returning({ id: roomPhotos.id });
      await audit(
        tx,
        actor,
        "room.photo_added",
        { type: "room", id: found.room.id },
        { photoId: row.id, contentType: checked.contentType, sizeBytes: input.bytes.length, storage: storage.kind },
      );
      return ok({ id: row.id });
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  if (!result.ok) await cleanUp();
  return result;
}

/** Removes an uploaded photo of a room of the actor's workspace (its bytes too, wherever they are). */
export async function removeRoomPhoto(
  db: Db,
  storage: PhotoStorage,
  actor: Actor,
  input: { photoId: string },
  _now?: Date,
): Promise<Result<{ roomId: string }, PhotoError>> {
  const refused = denied(actor);
  if (refused) return refused;
  if (!UUID.test(input.photoId)) return notFound("photo");
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(roomPhotos)
      .where(and(eq(roomPhotos.id, input.photoId), eq(roomPhotos.workspaceId, actor.workspaceId)))
      .returning({ roomId: roomPhotos.roomId, bytes: roomPhotos.bytes, objectKey: roomPhotos.objectKey });
    if (!row) return null;
    await audit(tx, actor, "room.photo_removed", { type: "room", id: row.roomId }, { photoId: input.photoId });
    return row;
  });
  if (!removed) return notFound("photo");
  // After the commit: a failed bucket delete leaves an unreachable object, never a row without its bytes.
  await storage
    .remove({ bytes: null, objectKey: removed.objectKey })
    .catch((err: unknown) =>
      logger.warn({ err, objectKey: removed.objectKey }, "room photo: could not delete from the bucket"),
    );
  return ok({ roomId: removed.roomId });
}

/** The uploaded photos of rooms, oldest first, without their bytes. */
export async function listRoomPhotos(db: DbOrTx, input: { workspaceId: string; roomIds: string[] }) {
  if (input.roomIds.length === 0) return [];
  const rows = await db
    .select({
      id: roomPhotos.id,
      roomId: roomPhotos.roomId,
      contentType: roomPhotos.contentType,
      sizeBytes: roomPhotos.sizeBytes,
      createdAt: roomPhotos.createdAt,
    })
    .from(roomPhotos)
    .where(and(eq(roomPhotos.workspaceId, input.workspaceId), inArray(roomPhotos.roomId, input.roomIds)))
    .orderBy(asc(roomPhotos.createdAt), asc(roomPhotos.id));
  return rows.map((r) => ({ ...r, src: roomPhotoPath(r.id) }));
}

/** One uploaded photo to serve: its type and bytes, or null for an unknown id (or bytes gone from the bucket). */
export async function readRoomPhoto(db: DbOrTx, storage: PhotoStorage, photoId: string) {
  if (!UUID.test(photoId)) return null;
  const [row] = await db
    .select({ contentType: roomPhotos.contentType, bytes: roomPhotos.bytes, objectKey: roomPhotos.objectKey })
    .from(roomPhotos)
    .where(eq(roomPhotos.id, photoId));
  if (!row) return null;
  const bytes = await storage.read(row);
  return bytes ? { contentType: row.contentType, bytes } : null;
}
