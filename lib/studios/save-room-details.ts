import type { Db } from "@/db/client";
import type { Actor } from "../auth/permissions";
import { fail, ok } from "../result";
import { checkPhoto } from "./photo-rules";
import type { PhotoStorage } from "./photo-storage";
import { addRoomPhoto } from "./room-photos";
import { updateRoom } from "./rooms";
import type { RoomInput } from "./schemas";

/**
 * The room form's save: the room's details, then the photo chosen with them, if any. A file that is not a
 * picture refuses the whole form (nothing saved, the field says why), so the operator fixes one thing at once.
 */
export async function saveRoomDetails(
  db: Db,
  storage: PhotoStorage,
  actor: Actor,
  input: RoomInput & { roomId: string; photo: Uint8Array | null },
  now?: Date,
) {
  if (input.photo) {
    const checked = checkPhoto(input.photo);
    if (!checked.ok) return fail("invalid", { fieldErrors: { photo: [checked.message] } });
  }
  const saved = await updateRoom(db, actor, input, now);
  if (!saved.ok || !input.photo) return saved.ok ? ok({ id: saved.value.id, photoId: null }) : saved;
  const added = await addRoomPhoto(db, storage, actor, { roomId: saved.value.id, bytes: input.photo }, now);
  if (!added.ok)
    return fail(added.error, { message: "The room was saved, but not the photo.", fieldErrors: added.fieldErrors });
  return ok({ id: saved.value.id, photoId: added.value.id });
}
