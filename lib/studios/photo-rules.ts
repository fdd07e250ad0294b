import { ROOM_PHOTO_MAX_BYTES, ROOM_PHOTO_TYPES } from "@/db/schema";

export type PhotoType = (typeof ROOM_PHOTO_TYPES)[number];

/** The file input's `accept`: what the picker offers (the server still checks the bytes). */
export const ROOM_PHOTO_ACCEPT = ROOM_PHOTO_TYPES.join(",");

/** Uploaded photos a room keeps (linked ones are counted by the room form's own limit). */
export const MAX_UPLOADED_PHOTOS = 10;

/**
 * What an image's first bytes say it is: JPEG, PNG or WebP, else null. The type a browser declares is not
 * trusted: it comes from the file's name, and an SVG or HTML file renamed .png must never be served as an image.
 */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
  if (bytes.length >= 8 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (bytes.length >= 3 && at(0, 0xff, 0xd8, 0xff)) return "image/jpeg";
  // RIFF <size> WEBP
  if (bytes.length >= 12 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "image/webp";
  return null;
}

const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export { ROOM_PHOTO_MAX_BYTES };
/** Said by the server, and by the form as soon as such a file is chosen (it is then never sent). */
export const PHOTO_TOO_LARGE = `The picture is larger than ${MB(ROOM_PHOTO_MAX_BYTES)}: choose a smaller one.`;

/** Why an uploaded file cannot be a room photo (a message for the form's field), or its type. */
export function checkPhoto(bytes: Uint8Array): { ok: true; contentType: PhotoType } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: "The file is empty: choose a JPEG, PNG or WebP picture." };
  if (bytes.length > ROOM_PHOTO_MAX_BYTES) return { ok: false, message: PHOTO_TOO_LARGE };
  const contentType = sniffPhotoType(bytes);
  if (!contentType) return { ok: false, message: "Choose a JPEG, PNG or WebP picture." };
  return { ok: true, contentType };
}
