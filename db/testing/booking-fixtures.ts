import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { addOns, pricingRules, rooms, studios, type OpeningHours } from "../schema";
import { makeMember, makeWorkspace } from "./factories";

export const everyDay = (opens: string, closes: string): OpeningHours =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens, closes }));

/**
 * A workspace with a Los Angeles studio open 09:00–02:00 every day and one room (30-minute steps, 1–8 hours,
 * 15-minute buffer, $60/h), a Friday-evening peak rule, two add-ons, a creator, a staff member of the studio and
 * a manager. Default policies (1 h notice, 90 days, 15-minute holds, free cancellation until 24 h before, 50 %).
 */
export async function bookingWorld(db: Db) {
  const { workspace, studio: spare } = await makeWorkspace(db);
  const [studio] = await db
    .update(studios)
    .set({ timeZone: "America/Los_Angeles", openingHours: everyDay("09:00", "02:00") })
    .where(eq(studios.id, spare.id))
    .returning();
  const [room] = await db
    .insert(rooms)
    .values({
      workspaceId: workspace.id,
      studioId: studio.id,
      name: "Set B",
      hourlyRateCents: 6000,
      stepMinutes: 30,
      minMinutes: 60,
      maxMinutes: 480,
      bufferMinutes: 15,
    })
    .returning();
  await db.insert(pricingRules).values({
    workspaceId: workspace.id,
    roomId: room.id,
    name: "Friday evening",
    weekday: 5,
    startsAt: "18:00",
    endsAt: "23:00",
    rateCents: 9000,
  });
  const [light, host] = await db
    .insert(addOns)
    .values([
      { workspaceId: workspace.id, studioId: studio.id, name: "Ring light kit", pricing: "flat", priceCents: 2500 },
      { workspaceId: workspace.id, studioId: studio.id, name: "Host assistant", pricing: "per_hour", priceCents: 3000 },
    ])
    .returning();
  const creator = await makeMember(db, workspace.id, "creator");
  const creator2 = await makeMember(db, workspace.id, "creator");
  const staff = await makeMember(db, workspace.id, "staff", { studioIds: [studio.id] });
  const manager = await makeMember(db, workspace.id, "manager");
  return { workspace, studio, room, addOns: { light, host }, creator, creator2, staff, manager };
}
