import { describe, expect, it } from "vitest";
import { s3Settings } from "./configured-photo-storage";

const unset = {
  S3_BUCKET: undefined,
  S3_REGION: "us-east-1",
  S3_ENDPOINT: undefined,
  S3_ACCESS_KEY_ID: undefined,
  S3_SECRET_ACCESS_KEY: undefined,
  S3_FORCE_PATH_STYLE: "false" as const,
  S3_PREFIX: "room-photos/",
};

describe("where uploaded photos go", () => {
  it("is the database without S3_BUCKET, and the bucket with it, keys only when both are given", () => {
    expect(s3Settings(unset)).toBeNull();
    expect(
      s3Settings({
        ...unset,
        S3_BUCKET: "photos",
        S3_ENDPOINT: "http://127.0.0.1:9000",
        S3_FORCE_PATH_STYLE: "true",
        S3_ACCESS_KEY_ID: "minio",
        S3_SECRET_ACCESS_KEY: "minio-secret",
      }),
    ).toEqual({
      bucket: "photos",
      prefix: "room-photos/",
      client: {
        region: "us-east-1",
        endpoint: "http://127.0.0.1:9000",
        forcePathStyle: true,
        credentials: { accessKeyId: "minio", secretAccessKey: "minio-secret" },
      },
    });
    expect(s3Settings({ ...unset, S3_BUCKET: "photos" })?.client.credentials).toBeUndefined();
  });
});
