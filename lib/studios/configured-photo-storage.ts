import { S3Client } from "@aws-sdk/client-s3";
import { getEnv, type Env } from "../env";
import { databasePhotoStorage, s3PhotoStorage, type PhotoStorage } from "./photo-storage";

/** The S3 settings of the environment, or null when no bucket is configured (photos then go to the database). */
export function s3Settings(
  env: Pick<
    Env,
    | "S3_BUCKET"
    | "S3_REGION"
    | "S3_ENDPOINT"
    | "S3_ACCESS_KEY_ID"
    | "S3_SECRET_ACCESS_KEY"
    | "S3_FORCE_PATH_STYLE"
    | "S3_PREFIX"
  >,
) {
  if (!env.S3_BUCKET) return null;
  return {
    bucket: env.S3_BUCKET,
    prefix: env.S3_PREFIX,
    client: {
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE === "true",
      credentials:
        env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
          : undefined,
    },
  };
}

let cached: PhotoStorage | null = null;

/** Where this deployment keeps uploaded photos: its bucket when S3_BUCKET is set, else the database. */
export function configuredPhotoStorage(): PhotoStorage {
  if (cached) return cached;
  const s3 = s3Settings(getEnv());
  cached = s3 ? s3PhotoStorage(new S3Client(s3.client), s3.bucket, s3.prefix) : databasePhotoStorage;
  return cached;
}
