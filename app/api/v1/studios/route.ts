import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { getDb } from "@/lib/db";
import { listStudios } from "@/lib/studios/list-studios";

/** The workspace's studios with their bookable rooms. */
export const GET = apiRoute("studios.view", async ({ member }) => {
  const list = await listStudios(getDb(), member);
  return json({
    data: list.map((s) => ({
      id: s.id,
      name: s.name,
      timeZone: s.timeZone,
      address: s.address,
      rooms: s.rooms.map((r) => ({
        id: r.id,
        name: r.name,
        active: r.active,
        hourlyRateCents: r.hourlyRateCents,
        currency: member.currency,
        stepMinutes: r.stepMinutes,
        minMinutes: r.minMinutes,
        maxMinutes: r.maxMinutes,
        bufferMinutes: r.bufferMinutes,
        capacity: r.capacity,
        features: r.features,
      })),
    })),
  });
});

export const POST = methodNotAllowed(["GET"]);
