import { getDb } from "@/lib/db";
import { configuredPhotoStorage } from "@/lib/studios/configured-photo-storage";
import { readRoomPhoto } from "@/lib/studios/room-photos";

export const dynamic = "force-dynamic";

/**
 * An uploaded room photo, for anyone (the public studio page shows them). A photo never changes under its id (a
 * new upload gets a new one), so browsers may keep it; a removed photo answers 404 from then on.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ photoId: string }> }) {
  const { photoId } = await params;
  const photo = await readRoomPhoto(getDb(), configuredPhotoStorage(), photoId);
  if (!photo) {
    return new Response("Not found", {
      status: 404,
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  }
  return new Response(new Blob([new Uint8Array(photo.bytes)], { type: photo.contentType }), {
    headers: {
      "content-type": photo.contentType,
      "content-length": String(photo.bytes.length),
      "cache-control": "public, max-age=86400",
      "content-disposition": "inline",
      "x-content-type-options": "nosniff",
    },
  });
}
