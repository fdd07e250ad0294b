import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { seedBusyFloor } from "./demo-floor";
import { demoRoomPicture } from "./demo-photos";
import {
  addOns,
  bookings,
  brands,
  charges,
  invoices,
  memberships,
  pricingRules,
  roomPhotos,
  rooms,
  storageLocations,
  storageUnits,
  studios,
  users,
  workspaces,
  type OpeningHours,
} from "../schema";
import { DAY_MS } from "../../kernel/time";

/** Dev-only password of every demo account (documented in the README). */
export const DEMO_PASSWORD = "livebase-demo";
export const DEMO_DOMAIN = "demo.livebase.test";

const every = (opens: string, closes: string): OpeningHours =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens, closes }));

/** True when the demo workspace is missing (a fresh database). */
export async function needsDemoSeed(db: Db) {
  const rows = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, "demo"));
  return rows.length === 0;
}

/**
 * Creates workspace `demo` (two studios in two time zones, 7 rooms, hours past midnight) and the demo
 * accounts, plus a second workspace the owner also belongs to. Refuses to run in production.
 */
export async function seedDemo(db: Db, env: { nodeEnv?: string }, now = new Date()) {
  if (env.nodeEnv === "production") throw new Error("Refusing to seed demo data with NODE_ENV=production");
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [demo] = await tx
      .insert(workspaces)
      .values({
        slug: "demo",
        name: "Demo Live Studios",
        currency: "USD",
        policies: {
          minNoticeMinutes: 60,
          bookingWindowDays: 90,
          holdMinutes: 15,
          freeCancellationHours: 24,
          lateCancelFeePercent: 50,
          noShowFeePercent: 100,
        },
      })
      .returning();
    const [northside] = await tx
      .insert(workspaces)
      .values({ slug: "northside", name: "Northside Streams", currency: "USD" })
      .returning();

    const [la] = await tx
      .insert(studios)
      .values({
        workspaceId: demo.id,
        name: "Los Angeles – Arts District",
        currency: "USD",
        // Prices exclude sales tax: it is added on top, as its own line.
        taxMode: "exclusive",
        taxRate: "9.5",
        taxName: "CA sales tax",
        address: "820 E 3rd St, Los Angeles, CA 90013",
        timeZone: "America/Los_Angeles",
        // Open 09:00 to 02:00 the next morning; round the clock on Friday and Saturday.
        openingHours: every("09:00", "02:00").map((h) =>
          h.weekday === 5 || h.weekday === 6 ? { ...h, opens: "00:00", closes: "00:00" } : h,
        ),
      })
      .returning();
    const [sh] = await tx
      .insert(studios)
      .values({
        workspaceId: demo.id,
        name: "Shanghai – Jing'an",
        // Priced in yuan: the workspace's currency (USD) is only the default of a new studio.
        currency: "CNY",
        // Prices include VAT: the tax is carved out of them, as its own line.
        taxMode: "inclusive",
        taxRate: "6",
        taxName: "VAT",
        address: "1601 Nanjing W Rd, Jing'an, Shanghai",
        timeZone: "Asia/Shanghai",
        openingHours: every("10:00", "03:00"),
      })
      .returning();
    const [ns] = await tx
      .insert(studios)
      .values({
        workspaceId: northside.id,
        name: "Northside Loft",
        currency: "USD",
        timeZone: "America/Chicago",
        openingHours: every("08:00", "23:00"),
      })
      .returning();

    // Amounts are in minor units of each studio's currency: Los Angeles in cents ($65.00), Shanghai in fen (¥300.00).
    const demoRooms = await tx
      .insert(rooms)
      .values([
        {
          workspaceId: demo.id,
          studioId: la.id,
          name: "Set A – Beauty",
          kind: "beauty",
          capacity: 2,
          features: ["ring light", "vanity", "3 cameras"],
          hourlyRateCents: 6500,
          stepMinutes: 30,
          minMinutes: 60,
          maxMinutes: 480,
          bufferMinutes: 15,
        },
        {
          workspaceId: demo.id,
          studioId: la.id,
          name: "Set B – Fashion",
          kind: "fashion",
          capacity: 4,
          features: ["clothing rail", "full-length mirror", "softboxes"],
          hourlyRateCents: 8000,
          stepMinutes: 30,
          minMinutes: 120,
          maxMinutes: 600,
          bufferMinutes: 30,
        },
        {
          workspaceId: demo.id,
          studioId: la.id,
          name: "Set C – Kitchen",
          kind: "food",
          capacity: 3,
          features: ["induction hob", "overhead camera"],
          hourlyRateCents: 9500,
          stepMinutes: 60,
          minMinutes: 120,
          maxMinutes: 480,
          bufferMinutes: 45,
        },
        {
          workspaceId: demo.id,
          studioId: la.id,
          name: "Booth D – Compact",
          kind: "tabletop",
          capacity: 1,
          features: ["tabletop", "key light"],
          hourlyRateCents: 3500,
          stepMinutes: 15,
          minMinutes: 30,
          maxMinutes: 240,
          bufferMinutes: 10,
        },
        {
          workspaceId: demo.id,
          studioId: sh.id,
          name: "Room 1 – Jewellery",
          kind: "tabletop",
          capacity: 2,
          features: ["macro lens", "light box"],
          hourlyRateCents: 30000,
          stepMinutes: 30,
          minMinutes: 60,
          maxMinutes: 360,
          bufferMinutes: 15,
        },
        {
          workspaceId: demo.id,
          studioId: sh.id,
          name: "Room 2 – Home & Living",
          kind: "lifestyle",
          capacity: 3,
          features: ["sofa set", "2 cameras"],
          hourlyRateCents: 38000,
          stepMinutes: 30,
          minMinutes: 60,
          maxMinutes: 480,
          bufferMinutes: 20,
        },
        {
          workspaceId: demo.id,
          studioId: sh.id,
          name: "Room 3 – Big Stage",
          kind: "stage",
          capacity: 6,
          features: ["LED wall", "4 cameras", "teleprompter"],
          hourlyRateCents: 80000,
          stepMinutes: 60,
          minMinutes: 120,
          maxMinutes: 720,
          bufferMinutes: 60,
        },
        {
          workspaceId: northside.id,
          studioId: ns.id,
          name: "Loft Set",
          kind: "lifestyle",
          capacity: 3,
          features: ["window light"],
          hourlyRateCents: 5000,
          stepMinutes: 30,
          minMinutes: 60,
          maxMinutes: 360,
          bufferMinutes: 15,
        },
      ])
      .returning();

    // A photo of each set, kept as uploaded photos are (the public studio page and Book a set show them).
    await tx.insert(roomPhotos).values(
      demoRooms.map((r, i) => {
        const bytes = demoRoomPicture((i * 47 + 200) % 360);
        return { workspaceId: r.workspaceId, roomId: r.id, contentType: "image/png", sizeBytes: bytes.length, bytes };
      }),
    );

    // Peak evenings: Friday and Saturday nights cost more in every LA room; Set A also on weekday evenings.
    const laRooms = demoRooms.filter((r) => r.studioId === la.id);
    await tx.insert(pricingRules).values([
      ...laRooms.flatMap((r) =>
        [5, 6].map((weekday) => ({
          workspaceId: demo.id,
          roomId: r.id,
          name: "Weekend prime time",
          weekday,
          startsAt: "18:00",
          endsAt: "23:00",
          multiplier: "1.50",
        })),
      ),
      ...[1, 2, 3, 4].map((weekday) => ({
        workspaceId: demo.id,
        roomId: laRooms[0].id,
        name: "Evening",
        weekday,
        startsAt: "19:00",
        endsAt: "22:00",
        rateCents: 8000,
      })),
    ]);
    await tx.insert(addOns).values([
      { workspaceId: demo.id, studioId: la.id, name: "Extra ring light kit", pricing: "flat", priceCents: 2500 },
      { workspaceId: demo.id, studioId: la.id, name: "Host assistant", pricing: "per_hour", priceCents: 3500 },
      { workspaceId: demo.id, studioId: la.id, name: "Teleprompter", pricing: "flat", priceCents: 1500 },
      { workspaceId: demo.id, studioId: sh.id, name: "Bilingual host", pricing: "per_hour", priceCents: 28000 },
    ]);

    // Overnight storage units, each with the inventory place its goods sit in ("Unit <code>"), as createStorageUnit makes them.
    const demoUnits = [
      { studioId: la.id, code: "A1", size: "S", nightlyRateCents: 1500 },
      { studioId: la.id, code: "A2", size: "M", nightlyRateCents: 2500 },
      { studioId: la.id, code: "B1", size: "L", nightlyRateCents: 4000 },
      { studioId: sh.id, code: "S1", size: "M", nightlyRateCents: 12000 },
      { studioId: sh.id, code: "S2", size: "XL", nightlyRateCents: 35000 },
    ];
    const unitPlaces = await tx
      .insert(storageLocations)
      .values(
        demoUnits.map((u) => ({ workspaceId: demo.id, studioId: u.studioId, code: `Unit ${u.code}`, kind: "unit" })),
      )
      .returning();
    const units = await tx
      .insert(storageUnits)
      .values(
        demoUnits.map((u) => ({
          workspaceId: demo.id,
          ...u,
          locationId: unitPlaces.find((p) => p.studioId === u.studioId && p.code === `Unit ${u.code}`)!.id,
        })),
      )
      .returning();

    const [glow] = await tx.insert(brands).values({ workspaceId: demo.id, name: "Glow Cosmetics" }).returning();

    const people = [
      { key: "owner", name: "Olivia Owner" },
      { key: "manager", name: "Marco Manager" },
      { key: "staff", name: "Sam Staff" },
      { key: "creator", name: "Chloe Creator" },
      { key: "creator2", name: "Kai Creator" },
      { key: "brand", name: "Bea Brand" },
      // The busy floor's creators (demo-floor.ts): the journeys that follow Chloe and Kai are not changed by them.
      { key: "lena", name: "Lena Live" },
      { key: "marcus", name: "Marcus Moore" },
    ] as const;
    const created = await tx
      .insert(users)
      .values(
        people.map((p) => ({
          name: p.name,
          email: `${p.key}@${DEMO_DOMAIN}`,
          passwordHash,
          emailVerified: new Date(0),
        })),
      )
      .returning();
    const id = (key: string) => created.find((u) => u.email === `${key}@${DEMO_DOMAIN}`)!.id;

    await tx.insert(memberships).values([
      { workspaceId: demo.id, userId: id("owner"), role: "owner" },
      { workspaceId: demo.id, userId: id("manager"), role: "manager" },
      { workspaceId: demo.id, userId: id("staff"), role: "staff", studioIds: [la.id] },
      { workspaceId: demo.id, userId: id("creator"), role: "creator" },
      { workspaceId: demo.id, userId: id("creator2"), role: "creator" },
      { workspaceId: demo.id, userId: id("brand"), role: "brand", brandId: glow.id },
      { workspaceId: demo.id, userId: id("lena"), role: "creator" },
      { workspaceId: demo.id, userId: id("marcus"), role: "creator" },
      { workspaceId: northside.id, userId: id("owner"), role: "owner" },
      { workspaceId: northside.id, userId: id("creator"), role: "creator" },
    ]);

    await seedBillingHistory(
      tx,
      { workspaceId: demo.id, rooms: demoRooms, chloe: id("creator"), kai: id("creator2"), staff: id("staff") },
      now,
    );
    const a2 = units.find((u) => u.studioId === la.id && u.code === "A2")!;
    await seedBusyFloor(
      tx,
      {
        workspaceId: demo.id,
        timeZone: la.timeZone,
        openingHours: la.openingHours,
        studioId: la.id,
        rooms: laRooms,
        lena: id("lena"),
        marcus: id("marcus"),
        staff: id("staff"),
        unitA2: a2.id,
        unitA2Rate: a2.nightlyRateCents,
      },
      now,
    );
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
const HOUR = 3_600_000;

/**
 * A little history so Billing and Reports have something to show: Chloe's two past sessions (one invoiced and
 * paid at the desk, one invoiced and still owed) and Kai's no-show (its fee waits to be invoiced). Stripe is not
 * connected in the demo, so the invoices are ledger-only ("not sent"), exactly as the app would have made them.
 */
async function seedBillingHistory(
  tx: Tx,
  w: {
    workspaceId: string;
    rooms: { id: string; name: string; hourlyRateCents: number; bufferMinutes: number }[];
    chloe: string;
    kai: string;
    staff: string;
  },
  now: Date,
) {
  const day = (n: number, hour: number) => new Date(Math.floor(now.getTime() / DAY_MS - n) * DAY_MS + hour * HOUR);
  const past = [
    {
      creator: w.chloe,
      room: w.rooms[0],
      start: day(9, 2),
      hours: 3,
      status: "completed" as const,
      settled: true,
      addOn: { name: "Extra ring light kit", cents: 2500 },
    },
    {
      creator: w.chloe,
      room: w.rooms[1],
      start: day(3, 3),
      hours: 2,
      status: "completed" as const,
      settled: false,
      addOn: null,
    },
    {
      creator: w.kai,
      room: w.rooms[3],
      start: day(2, 4),
      hours: 1,
      status: "no_show" as const,
      settled: false,
      addOn: null,
    },
  ];
  for (const [i, p] of past.entries()) {
    const end = new Date(p.start.getTime() + p.hours * HOUR);
    const roomCents = p.room.hourlyRateCents * p.hours;
    const quote = {
      currency: "USD",
      minutes: p.hours * 60,
      subtotalCents: roomCents + (p.addOn?.cents ?? 0),
      totalCents: roomCents + (p.addOn?.cents ?? 0),
      lines: [
        {
          kind: "room_time" as const,
          description: `${p.room.name}, ${p.hours} h`,
          quantity: p.hours * 60,
          unitAmountCents: p.room.hourlyRateCents,
          amountCents: roomCents,
          startsAt: p.start.toISOString(),
          endsAt: end.toISOString(),
        },
        ...(p.addOn
          ? [
              {
                kind: "add_on" as const,
                description: p.addOn.name,
                quantity: 1,
                unitAmountCents: p.addOn.cents,
                amountCents: p.addOn.cents,
              },
            ]
          : []),
      ],
    };
    const [b] = await tx
      .insert(bookings)
      .values({
        workspaceId: w.workspaceId,
        roomId: p.room.id,
        creatorId: p.creator,
        code: ["DMA-HST", "DMB-PST", "DMC-NSW"][i],
        status: p.status,
        startsAt: p.start,
        endsAt: end,
        blockedUntil: new Date(end.getTime() + p.room.bufferMinutes * 60_000),
        quote,
        checkedInAt: p.status === "completed" ? p.start : null,
        checkedOutAt: p.status === "completed" ? end : null,
        createdBy: p.creator,
        createdAt: new Date(p.start.getTime() - 7 * DAY_MS),
        updatedAt: end,
      })
      .returning();
    // The rows the app writes at check-out (one per quote line) and for a 100 % no-show fee, keyed the same way; the
    // seed builds them itself because db/ never imports lib/.
    const drafts =
      p.status === "completed"
        ? quote.lines.map((l, n) => ({
            kind: l.kind,
            description: `${l.description} (${b.code})`,
            quantity: 1,
            unitAmountCents: l.amountCents,
            amountCents: l.amountCents,
            currency: "USD",
            idempotencyKey: `${l.kind}:${b.id}:${n}`,
          }))
        : [
            {
              kind: "no_show_fee" as const,
              description: `No-show at ${p.room.name}, ${b.code} (100 %)`,
              quantity: 1,
              unitAmountCents: quote.totalCents,
              amountCents: quote.totalCents,
              currency: "USD",
              idempotencyKey: `no_show_fee:${b.id}`,
            },
          ];
    if (p.status === "completed") {
      const total = drafts.reduce((n, d) => n + d.amountCents, 0);
      const [inv] = await tx
        .insert(invoices)
        .values({
          workspaceId: w.workspaceId,
          creatorId: p.creator,
          groupKey: `booking:${b.id}`,
          bookingId: b.id,
          description: `Session ${b.code} in ${p.room.name}`,
          status: p.settled ? "paid" : "not_sent",
          amountDueCents: total,
          amountPaidCents: p.settled ? total : 0,
          currency: "USD",
          createdAt: new Date(end.getTime() + HOUR),
          paidAt: p.settled ? new Date(end.getTime() + 2 * HOUR) : null,
        })
        .returning();
      await tx.insert(charges).values(
        drafts.map((d) => ({
          ...d,
          workspaceId: w.workspaceId,
          creatorId: p.creator,
          bookingId: b.id,
          status: p.settled ? ("paid" as const) : ("invoiced" as const),
          invoiceId: inv.id,
          createdBy: w.staff,
          createdAt: end,
        })),
      );
    } else {
      await tx.insert(charges).values(
        drafts.map((d) => ({
          ...d,
          workspaceId: w.workspaceId,
          creatorId: p.creator,
          bookingId: b.id,
          createdBy: w.staff,
          createdAt: new Date(p.start.getTime() + 20 * 60_000),
        })),
      );
    }
  }
}
