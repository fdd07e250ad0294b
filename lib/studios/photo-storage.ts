import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";

/**
 * Where the bytes of uploaded room photos live. The row in room_photos is always in the database; its bytes are
 * either in that row (`bytes`) or in an S3-compatible bucket (`objectKey`). Choosing the home is the storage's
 * only job, so the use cases stay the same whichever is configured.
 */
export type StoredPhoto = { bytes: Uint8Array | null; objectKey: string | null };

export type PhotoStorage = {
  readonly kind: "database" | "s3";
  /** Keeps the bytes under `key` (unique per photo); answers what the row must hold. */
  put(input: { key: string; bytes: Uint8Array; contentType: string }): Promise<StoredPhoto>;
  /** The bytes of a stored photo, or null when they are gone. */
  read(photo: StoredPhoto): Promise<Uint8Array | null>;
  /** Forgets the bytes (the row is deleted by the caller). */
  remove(photo: StoredPhoto): Promise<void>;
};

/** The default: the bytes go into the row itself (bytea). Nothing to set up, backed up with the database. */
export const databasePhotoStorage: PhotoStorage = {
  kind: "database",
  put: async ({ bytes }) => ({ bytes, objectKey: null }),
  read: async (photo) => photo.bytes,
  remove: async () => {},
};

/** The part of the AWS SDK's S3Client these commands need (a fake in tests, never the network). */
export type S3Sender = { send(command: PutObjectCommand | GetObjectCommand | DeleteObjectCommand): Promise<unknown> };

const isMissing = (error: unknown) => {
  const name = (error as { name?: string } | null)?.name;
  return name === "NoSuchKey" || name === "NotFound";
};

/**
 * Bytes in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO…), under `<prefix><key>`. Photos are served
 * through our own /media route, so the bucket stays private.
 */
export function s3PhotoStorage(client: S3Sender, bucket: string, prefix = "room-photos/"): PhotoStorage {
  return {
    kind: "s3",
    async put({ key, bytes, contentType }) {
      const objectKey = `${prefix}${key}`;
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
        }),
      );
      return { bytes: null, objectKey };
    },
    async read(photo) {
      if (photo.bytes) return photo.bytes;
      if (!photo.objectKey) return null;
      try {
        const out = (await client.send(new GetObjectCommand({ Bucket: bucket, Key: photo.objectKey }))) as {
          Body?: { transformToByteArray(): Promise<Uint8Array> };
        };
        return out.Body ? await out.Body.transformToByteArray() : null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async remove(photo) {
      if (!photo.objectKey) return;
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: photo.objectKey }));
    },
  };
}
