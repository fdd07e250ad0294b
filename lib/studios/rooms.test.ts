import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, rooms } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { quotePrice } from "../pricing";
import { addPricingRule, removePricingRule } from "./pricing-rules";
import { addRoomBlock, removeRoomBlock } from "./room-blocks";
import { createRoom, updateRoom } from "./rooms";
import { createRoomSchema, pricingRuleSchema, roomBlockSchema, updateRoomSchema } from "./schemas";
import { loadRoomSetup, loadStudioSetup } from "./setup-queries";

const now = new Date("2026-10-20T17:00:00Z");
const form = {
  name: "Set E – Studio",
  kind: "beauty",
  capacity: "2",
  features: "ring light, vanity",
  photos: "",
  hourlyRate: "60",
  stepMinutes: "30",
  minMinutes: "60",
  maxMinutes: "480",
  bufferMinutes: "15",
  active: "on",
};
const newRoom = (studioId: string, input: Record<string, string> = {}) =>
  createRoomSchema("USD").parse({ ...form, ...input, studioId });
const editRoom = (roomId: string, input: Record<string, string> = {}) =>
  updateRoomSchema("USD").parse({ ...form, ...input, roomId });
const block = (roomId: string, startsAt: string, endsAt: string) =>
  roomBlockSchema.parse({ roomId, startsAt, endsAt, reason: "Repaint" });
const rule = (roomId: string, input: Record<string, string>) =>
  pricingRuleSchema("USD").parse({
    roomId,
    name: "Friday night",
    weekday: "5",
    startsAt: "18:00",
    endsAt: "23:00",
    ...input,
  });

async function world() {
  const db = testDb();
  const { workspace, studio, room } = await makeWorkspace(db);
  const other = await makeWorkspace(db);
  const manager = (await makeMember(db, workspace.id, "manager")).actor;
  const creator = await makeMember(db, workspace.id, "creator");
  return { db, workspace, studio, room, other, manager, creator };
}

describe("rooms", () => {
  it("are created in a studio of the workspace and edited, the rate kept in cents", async () => {
    const { db, manager, studio } = await world();
    const created = await createRoom(
      db,
      manager,
      newRoom(studio.id, { hourlyRate: "72.50", photos: "https://cdn.example.com/e.jpg" }),
    );
    if (!created.ok) throw new Error(created.error);
    const [before] = await db.select().from(rooms).where(eq(rooms.id, created.value.id));
    expect(before).toMatchObject({ hourlyRateCents: 7250, photos: ["https://cdn.example.com/e.jpg"], active: true });
    const updated = await updateRoom(
      db,
      manager,
      editRoom(created.value.id, {
        name: "Set E – Beauty",
        stepMinutes: "15",
        minMinutes: "45",
        active: "",
        photos: "https://cdn.example.com/e.jpg",
      }),
    );
    expect(updated.ok).toBe(true);
    const [row] = await db.select().from(rooms).where(eq(rooms.id, created.value.id));
    expect(row).toMatchObject({
      studioId: studio.id,
      name: "Set E – Beauty",
      kind: "beauty",
      features: ["ring light", "vanity"],
      photos: ["https://cdn.example.com/e.jpg"],
      hourlyRateCents: 6000,
      stepMinutes: 15,
      minMinutes: 45,
      maxMinutes: 480,
      bufferMinutes: 15,
      active: false,
    });
    expect((await loadStudioSetup(db, manager, studio.id, now))?.rooms.map((r) => r.name)).toEqual([
      "Set A",
      "Set E – Beauty",
    ]);
  });

  it("refuse a name already used in the studio, another workspace's studio or room, and staff", async () => {
    const { db, manager, studio, room, other, workspace } = await world();
    expect(await createRoom(db, manager, newRoom(studio.id, { name: "set a" }))).toMatchObject({
      ok: false,
      error: "name_taken",
    });
    expect(await createRoom(db, manager, newRoom(other.studio.id))).toMatchObject({
      ok: false,
      error: "not_found",
      message: "That studio does not exist.",
    });
    expect(await updateRoom(db, manager, editRoom(other.room.id))).toMatchObject({
      ok: false,
      error: "not_found",
      message: "That room does not exist.",
    });
    const staff = (await makeMember(db, workspace.id, "staff", { studioIds: [studio.id] })).actor;
    expect(await updateRoom(db, staff, editRoom(room.id))).toMatchObject({ ok: false, error: "not_allowed" });
    const [untouched] = await db.select().from(rooms).where(eq(rooms.id, other.room.id));
    expect(untouched.name).toBe("Set A");
  });
});

describe("maintenance blocks", () => {
  it("are entered on the studio's clock (across the fall-back change) and stored as instants", async () => {
    const { db, manager, room } = await world();
    // Sunday 1 Nov 2026: Los Angeles goes from PDT (-7) back to PST (-8) at 02:00.
    const added = await addRoomBlock(db, manager, block(room.id, "2026-11-01T00:00", "2026-11-01T06:00"), now);
    expect(added).toMatchObject({ ok: true, value: { overlappingBookings: 0 } });
    const setup = await loadRoomSetup(db, manager, room.id, now);
    expect(setup?.blocks.map((b) => [b.startsAt.toISOString(), b.endsAt.toISOString(), b.reason])).toEqual([
      ["2026-11-01T07:00:00.000Z", "2026-11-01T14:00:00.000Z", "Repaint"],
    ]);
    // Spring forward on Sunday 14 March 2027 (02:00 → 03:00): 01:00–04:00 on the clock is two real hours.
    const spring = await addRoomBlock(db, manager, block(room.id, "2027-03-14T01:00", "2027-03-14T04:00"), now);
    expect(spring.ok).toBe(true);
    const [, second] = (await loadRoomSetup(db, manager, room.id, now))!.blocks;
    expect(second.endsAt.getTime() - second.startsAt.getTime()).toBe(2 * 3_600_000);
  });

  it("tell how many bookings they overlap, refuse times already over, and stay in their workspace", async () => {
    const { db, manager, room, creator, other, workspace } = await world();
    const startsAt = new Date("2026-10-23T01:00:00Z");
    await db.insert(bookings).values({
      workspaceId: workspace.id,
      roomId: room.id,
      creatorId: creator.user.id,
      code: `T${randomUUID().slice(0, 5)}`,
      status: "confirmed",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7_200_000),
      blockedUntil: new Date(startsAt.getTime() + 8_100_000),
      quote: {},
    });
    // 22 Oct 17:00–19:00 in Los Angeles = 23 Oct 00:00–02:00 UTC: overlaps the booking's first hour.
    const added = await addRoomBlock(db, manager, block(room.id, "2026-10-22T17:00", "2026-10-22T19:00"), now);
    expect(added).toMatchObject({ ok: true, value: { overlappingBookings: 1 } });
    expect(await addRoomBlock(db, manager, block(room.id, "2026-10-19T08:00", "2026-10-20T09:00"), now)).toMatchObject({
      ok: false,
      error: "in_past",
    });
    expect(await addRoomBlock(db, manager, block(room.id, "2026-02-30T08:00", "2026-12-01T09:00"), now)).toMatchObject({
      ok: false,
      error: "invalid_time",
    });
    expect(
      await addRoomBlock(db, manager, block(other.room.id, "2026-12-01T08:00", "2026-12-01T09:00"), now),
    ).toMatchObject({ ok: false, error: "not_found" });
    if (!added.ok) throw new Error(added.error);
    const outsider = (await makeMember(db, other.workspace.id, "manager")).actor;
    expect(await removeRoomBlock(db, outsider, { blockId: added.value.id })).toMatchObject({
      ok: false,
      error: "not_found",
      message: "That block does not exist.",
    });
    expect(await removeRoomBlock(db, manager, { blockId: added.value.id })).toMatchObject({ ok: true });
    expect((await loadRoomSetup(db, manager, room.id, now))?.blocks).toEqual([]);
  });
});

describe("peak pricing rules", () => {
  it("price the room's Friday evening in quotes, as a rate or as a multiplier", async () => {
    const { db, manager, room } = await world();
    expect((await addPricingRule(db, manager, rule(room.id, { priceKind: "rate", price: "90" }))).ok).toBe(true);
    expect(
      (
        await addPricingRule(
          db,
          manager,
          rule(room.id, {
            name: "",
            weekday: "6",
            startsAt: "22:00",
            endsAt: "02:00",
            priceKind: "multiplier",
            price: "1.25",
          }),
        )
      ).ok,
    ).toBe(true);
    const setup = (await loadRoomSetup(db, manager, room.id, now))!;
    expect(setup.rules.map((r) => [r.name, r.weekday, r.startsAt, r.endsAt, r.rateCents, r.multiplier])).toEqual([
      ["Friday night", 5, "18:00:00", "23:00:00", 9000, null],
      ["Peak", 6, "22:00:00", "02:00:00", null, "1.25"],
    ]);
    const quote = (start: string, end: string) =>
      quotePrice({
        timeZone: setup.studio.timeZone,
        start: new Date(start),
        end: new Date(end),
        roomName: room.name,
        hourlyRateCents: setup.room.hourlyRateCents,
        currency: "USD",
        peakRules: setup.rules,
        addOns: [],
      });
    // Friday 23 Oct, 17:00–19:00 in Los Angeles: one base hour ($50), one peak hour ($90).
    expect(
      quote("2026-10-24T00:00:00Z", "2026-10-24T02:00:00Z").lines.map((l) => [l.description, l.amountCents]),
    ).toEqual([
      ["Set A, 17:00–18:00", 5000],
      ["Set A, 18:00–19:00 (peak: Friday night)", 9000],
    ]);
    // Sunday 01:00–02:00 is still Saturday's rule, past midnight: $50 × 1.25.
    expect(quote("2026-10-25T08:00:00Z", "2026-10-25T09:00:00Z").totalCents).toBe(6250);
  });

  it("are removed, and only in the actor's own workspace", async () => {
    const { db, manager, room, other } = await world();
    const added = await addPricingRule(db, manager, rule(room.id, { priceKind: "rate", price: "90" }));
    if (!added.ok) throw new Error(added.error);
    expect(await addPricingRule(db, manager, rule(other.room.id, { priceKind: "rate", price: "90" }))).toMatchObject({
      ok: false,
      error: "not_found",
    });
    const outsider = (await makeMember(db, other.workspace.id, "owner")).actor;
    expect(await removePricingRule(db, outsider, { ruleId: added.value.id })).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(await removePricingRule(db, manager, { ruleId: added.value.id })).toMatchObject({ ok: true });
    expect((await loadRoomSetup(db, manager, room.id, now))?.rules).toEqual([]);
  });
});
