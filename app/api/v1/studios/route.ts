import { apiRoute, methodNotAllowed, parseQuery } from "@/lib/api/handler";
import { pageJson } from "@/lib/api/pagination";
import { getDb } from "@/lib/db";
import { listStudiosPage, studioListQuerySchema } from "@/lib/studios/list-studios";

/** The workspace's studios with their bookable rooms. */
export const GET = apiRoute("studios.view", async ({ req, member }) => {
  const q = parseQuery(req, studioListQuerySchema);
  if (q instanceof Response) return q;
  const page = await listStudiosPage(getDb(), member, { limit: q.limit, after: q.cursor });
  return pageJson(req, page, (s) => ({
    id: s.id,
    name: s.name,
    timeZone: s.timeZone,
    address: s.address,
    currency: s.currency,
    rooms: s.rooms.map((r) => ({
      id: r.id,
      name: r.name,
      active: r.active,
      hourlyRateCents: r.hourlyRateCents,
      currency: s.currency,
      stepMinutes: r.stepMinutes,
      minMinutes: r.minMinutes,
      maxMinutes: r.maxMinutes,
      bufferMinutes: r.bufferMinutes,
      capacity: r.capacity,
      features: r.features,
    })),
  }));
});

export const POST = methodNotAllowed(["GET"]);
