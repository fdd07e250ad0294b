import { eq } from "drizzle-orm";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { auditLog, roomPhotos, rooms } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { checkPhoto, MAX_UPLOADED_PHOTOS, sniffPhotoType } from "./photo-rules";
import { databasePhotoStorage, s3PhotoStorage, type S3Sender } from "./photo-storage";
import { addRoomPhoto, listRoomPhotos, readRoomPhoto, removeRoomPhoto } from "./room-photos";
import { bookableStudios } from "./list-studios";
import { saveRoomDetails } from "./save-room-details";
import { updateRoomSchema } from "./schemas";

// A real 1×1 PNG, and the first bytes of a JPEG and a WebP file.
const PNG = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const WEBP = new Uint8Array([...Buffer.from("RIFF"), 0x24, 0, 0, 0, ...Buffer.from("WEBPVP8 ")]);
const SVG = new Uint8Array(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));

async function world() {
  const db = testDb();
  const { workspace, studio, room } = await makeWorkspace(db);
  const other = await makeWorkspace(db);
  const manager = (await makeMember(db, workspace.id, "manager")).actor;
  const owner = (await makeMember(db, workspace.id, "owner")).actor;
  const staff = (await makeMember(db, workspace.id, "staff", { studioIds: [studio.id] })).actor;
  const creator = (await makeMember(db, workspace.id, "creator")).actor;
  const otherManager = (await makeMember(db, other.workspace.id, "manager")).actor;
  return { db, workspace, studio, room, other, manager, owner, staff, creator, otherManager };
}

/** An in-memory bucket that answers the AWS SDK's own command objects, as S3 would. */
function fakeBucket(bucket: string) {
  const objects = new Map<string, { body: Uint8Array; contentType?: string }>();
  const client: S3Sender = {
    async send(command) {
      expect(command.input.Bucket).toBe(bucket);
      const key = String(command.input.Key);
      if (command instanceof PutObjectCommand) {
        objects.set(key, {
          body: new Uint8Array(command.input.Body as Uint8Array),
          contentType: command.input.ContentType,
        });
        return { ETag: '"x"' };
      }
      if (command instanceof GetObjectCommand) {
        const found = objects.get(key);
        if (!found) throw Object.assign(new Error("The specified key does not exist."), { name: "NoSuchKey" });
        return { Body: { transformToByteArray: async () => found.body }, ContentType: found.contentType };
      }
      if (command instanceof DeleteObjectCommand) {
        objects.delete(key);
        return {};
      }
      throw new Error("unexpected command");
    },
  };
  return { client, objects };
}

describe("photo rules", () => {
  it("know JPEG, PNG and WebP by their bytes, whatever the file claims, and refuse anything else", () => {
    expect(sniffPhotoType(PNG)).toBe("image/png");
    expect(sniffPhotoType(JPEG)).toBe("image/jpeg");
    expect(sniffPhotoType(WEBP)).toBe("image/webp");
    expect(sniffPhotoType(SVG)).toBeNull();
    expect(checkPhoto(SVG)).toEqual({ ok: false, message: "Choose a JPEG, PNG or WebP picture." });
    expect(checkPhoto(new Uint8Array())).toMatchObject({ ok: false });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    expect(checkPhoto(big)).toEqual({ ok: false, message: "The picture is larger than 5 MB: choose a smaller one." });
    expect(checkPhoto(big.subarray(0, 5 * 1024 * 1024))).toEqual({ ok: true, contentType: "image/png" });
  });
});

describe("room photos in the database", () => {
  it("are uploaded by owners and managers, served with their type, listed, audited and removed", async () => {
    const { db, room, workspace, manager, owner } = await world();
    const added = await addRoomPhoto(db, databasePhotoStorage, manager, { roomId: room.id, bytes: PNG });
    if (!added.ok) throw new Error(added.error);
    expect(await addRoomPhoto(db, databasePhotoStorage, owner, { roomId: room.id, bytes: JPEG })).toMatchObject({
      ok: true,
    });

    const served = await readRoomPhoto(db, databasePhotoStorage, added.value.id);
    expect(served?.contentType).toBe("image/png");
    expect(Buffer.from(served!.bytes).equals(Buffer.from(PNG))).toBe(true);
    const listed = await listRoomPhotos(db, { workspaceId: workspace.id, roomIds: [room.id] });
    expect(listed.map((p) => [p.contentType, p.src])).toEqual([
      ["image/png", `/media/rooms/${added.value.id}`],
      ["image/jpeg", expect.stringMatching(/^\/media\/rooms\//)],
    ]);
    const [log] = await db.select().from(auditLog).where(eq(auditLog.subjectId, room.id));
    expect(log).toMatchObject({
      action: "room.photo_added",
      actorUserId: manager.userId,
      data: { photoId: added.value.id, contentType: "image/png", storage: "database" },
    });

    expect(await removeRoomPhoto(db, databasePhotoStorage, manager, { photoId: added.value.id })).toEqual({
      ok: true,
      value: { roomId: room.id },
    });
    expect(await readRoomPhoto(db, databasePhotoStorage, added.value.id)).toBeNull();
    expect(await listRoomPhotos(db, { workspaceId: workspace.id, roomIds: [room.id] })).toHaveLength(1);
    const actions = (
      await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, room.id))
    ).map((r) => r.action);
    expect(actions).toContain("room.photo_removed");
  });

  it("refuse staff, creators, another workspace's room or photo, and a file that is not a picture", async () => {
    const { db, room, other, manager, staff, creator, otherManager } = await world();
    expect(await addRoomPhoto(db, databasePhotoStorage, staff, { roomId: room.id, bytes: PNG })).toMatchObject({
      ok: false,
      error: "not_allowed",
    });
    expect(await addRoomPhoto(db, databasePhotoStorage, creator, { roomId: room.id, bytes: PNG })).toMatchObject({
      ok: false,
      error: "not_allowed",
    });
    expect(await addRoomPhoto(db, databasePhotoStorage, otherManager, { roomId: room.id, bytes: PNG })).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(await addRoomPhoto(db, databasePhotoStorage, manager, { roomId: other.room.id, bytes: PNG })).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(await addRoomPhoto(db, databasePhotoStorage, manager, { roomId: room.id, bytes: SVG })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { photo: ["Choose a JPEG, PNG or WebP picture."] },
    });
    expect(await db.select().from(roomPhotos).where(eq(roomPhotos.roomId, room.id))).toEqual([]);

    const added = await addRoomPhoto(db, databasePhotoStorage, manager, { roomId: room.id, bytes: PNG });
    if (!added.ok) throw new Error(added.error);
    expect(await removeRoomPhoto(db, databasePhotoStorage, otherManager, { photoId: added.value.id })).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(await removeRoomPhoto(db, databasePhotoStorage, staff, { photoId: added.value.id })).toMatchObject({
      ok: false,
      error: "not_allowed",
    });
    expect(await removeRoomPhoto(db, databasePhotoStorage, manager, { photoId: "not-an-id" })).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(await readRoomPhoto(db, databasePhotoStorage, added.value.id)).not.toBeNull();
    expect(await readRoomPhoto(db, databasePhotoStorage, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await readRoomPhoto(db, databasePhotoStorage, "../etc/passwd")).toBeNull();
  });
});

describe("room photos in an S3-compatible bucket", () => {
  it("keep their bytes in the bucket, not the row, and leave it when removed", async () => {
    const { db, room, workspace, manager } = await world();
    const bucket = fakeBucket("livebase-photos");
    const s3 = s3PhotoStorage(bucket.client, "livebase-photos", "rooms/");
    const added = await addRoomPhoto(db, s3, manager, { roomId: room.id, bytes: WEBP });
    if (!added.ok) throw new Error(added.error);

    const [row] = await db.select().from(roomPhotos).where(eq(roomPhotos.id, added.value.id));
    expect(row.bytes).toBeNull();
    expect(row.objectKey).toMatch(new RegExp(`^rooms/${workspace.id}/${room.id}/[0-9a-f-]{36}$`));
    expect(row).toMatchObject({ contentType: "image/webp", sizeBytes: WEBP.length });
    expect(bucket.objects.get(row.objectKey!)).toMatchObject({ contentType: "image/webp" });

    const served = await readRoomPhoto(db, s3, added.value.id);
    expect(served?.contentType).toBe("image/webp");
    expect(Buffer.from(served!.bytes).equals(Buffer.from(WEBP))).toBe(true);

    expect(await removeRoomPhoto(db, s3, manager, { photoId: added.value.id })).toMatchObject({ ok: true });
    expect(bucket.objects.size).toBe(0);
    expect(await readRoomPhoto(db, s3, added.value.id)).toBeNull();
  });

  it("serve photos kept in the database before the bucket was configured, and 404 when the object is gone", async () => {
    const { db, room, manager } = await world();
    const before = await addRoomPhoto(db, databasePhotoStorage, manager, { roomId: room.id, bytes: PNG });
    const bucket = fakeBucket("b-1");
    const s3 = s3PhotoStorage(bucket.client, "b-1");
    if (!before.ok) throw new Error(before.error);
    expect((await readRoomPhoto(db, s3, before.value.id))?.contentType).toBe("image/png");
    const inBucket = await addRoomPhoto(db, s3, manager, { roomId: room.id, bytes: PNG });
    if (!inBucket.ok) throw new Error(inBucket.error);
    bucket.objects.clear();
    expect(await readRoomPhoto(db, s3, inBucket.value.id)).toBeNull();
  });

  it("remove the uploaded object when the room already has its most photos", async () => {
    const { db, room, manager } = await world();
    const bucket = fakeBucket("b-2");
    const s3 = s3PhotoStorage(bucket.client, "b-2");
    for (let i = 0; i < MAX_UPLOADED_PHOTOS; i++)
      expect((await addRoomPhoto(db, s3, manager, { roomId: room.id, bytes: PNG })).ok).toBe(true);
    expect(await addRoomPhoto(db, s3, manager, { roomId: room.id, bytes: PNG })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { photo: [`A room keeps at most ${MAX_UPLOADED_PHOTOS} uploaded photos: remove one first.`] },
    });
    expect(bucket.objects.size).toBe(MAX_UPLOADED_PHOTOS);
  });
});

describe("the booking pages", () => {
  it("show a room's uploaded photos before its linked ones", async () => {
    const { db, room, studio, manager, creator } = await world();
    await db
      .update(rooms)
      .set({ photos: ["https://cdn.example.com/a.jpg"] })
      .where(eq(rooms.id, room.id));
    const added = await addRoomPhoto(db, databasePhotoStorage, manager, { roomId: room.id, bytes: PNG });
    if (!added.ok) throw new Error(added.error);
    const [listed] = (await bookableStudios(db, creator)).filter((s) => s.id === studio.id);
    expect(listed.rooms.find((r) => r.id === room.id)?.photos).toEqual([
      `/media/rooms/${added.value.id}`,
      "https://cdn.example.com/a.jpg",
    ]);
  });
});

describe("the room form's save", () => {
  const details = (roomId: string, name: string) =>
    updateRoomSchema("USD").parse({
      roomId,
      name,
      kind: "set",
      capacity: "2",
      features: "",
      photos: "",
      hourlyRate: "50",
      stepMinutes: "30",
      minMinutes: "60",
      maxMinutes: "480",
      bufferMinutes: "15",
      active: "on",
    });

  it("saves nothing when the chosen file is not a picture, and the details with the photo when it is", async () => {
    const { db, room, manager } = await world();
    expect(
      await saveRoomDetails(db, databasePhotoStorage, manager, { ...details(room.id, "Set A – renamed"), photo: SVG }),
    ).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { photo: ["Choose a JPEG, PNG or WebP picture."] },
    });
    expect((await db.select({ name: rooms.name }).from(rooms).where(eq(rooms.id, room.id)))[0].name).toBe("Set A");
    expect(await db.select().from(roomPhotos).where(eq(roomPhotos.roomId, room.id))).toEqual([]);

    const saved = await saveRoomDetails(db, databasePhotoStorage, manager, {
      ...details(room.id, "Set A – renamed"),
      photo: PNG,
    });
    expect(saved).toMatchObject({ ok: true, value: { id: room.id, photoId: expect.any(String) } });
    expect((await db.select({ name: rooms.name }).from(rooms).where(eq(rooms.id, room.id)))[0].name).toBe(
      "Set A – renamed",
    );
    expect(
      await saveRoomDetails(db, databasePhotoStorage, manager, { ...details(room.id, "Set A"), photo: null }),
    ).toEqual({ ok: true, value: { id: room.id, photoId: null } });
  });
});
