import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, bookings, memberships, users } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { resetPassword } from "../auth/accounts";
import { listOutbox } from "../notifications/mailbox";
import { createBooking } from "./create-booking";
import { createBookingSchema } from "./schemas";
import { DAY_MS } from "@/kernel/time";

// Addresses unique to this run: the test database is kept between runs, and a user is unique by email.
const run = crypto.randomUUID().slice(0, 8);

// Tuesday 1 Dec 2026, 09:05 in Los Angeles: someone is standing at the desk.
const at = new Date("2026-12-01T17:05:00Z");
const la = (local: string) => new Date(`${local}-08:00`);
const walkIn = (
  roomId: string,
  extra: Record<string, unknown>,
  start = "2026-12-01T09:30:00",
  end = "2026-12-01T10:30:00",
) => createBookingSchema.parse({ roomId, startsAt: la(start).toISOString(), endsAt: la(end).toISOString(), ...extra });

describe("a walk-in who is not a member yet (issue 11, item 12)", () => {
  it("is booked by staff in one step: a new account (no password), a creator membership, the booking, and an email to choose a password", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const r = await createBooking(
      db,
      walkIn(w.room.id, { newCreator: { email: `Mia.New.${run}@Example.test`, name: "Mia New" } }),
      w.staff.actor,
      at,
    );
    expect(r).toMatchObject({ ok: true, value: { status: "confirmed" } });
    if (!r.ok) return;
    const [user] = await db
      .select()
      .from(users)
      .where(eq(users.email, `mia.new.${run}@example.test`));
    expect(user).toMatchObject({ name: "Mia New", passwordHash: null, emailVerified: null });
    expect(r.value.creatorId).toBe(user.id);
    const [m] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, w.workspace.id), eq(memberships.userId, user.id)));
    expect(m.role).toBe("creator");
    const mails = await listOutbox(db, { to: `mia.new.${run}@example.test`, limit: 5 });
    expect(mails.map((x) => x.kind).sort()).toEqual(["booking.confirmed", "workspace.walk_in"]);
    const welcome = mails.find((x) => x.kind === "workspace.walk_in")!;
    const token = /reset-password\?token=([^\s]+)/.exec(welcome.text)![1];
    // The link works: the walk-in chooses a password, which also proves the mailbox.
    expect(
      await resetPassword(db, {
        token: decodeURIComponent(token),
        password: "a long password",
        now: new Date(at.getTime() + 6 * DAY_MS),
      }),
    ).toMatchObject({ ok: true });
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after.passwordHash).not.toBeNull();
    expect(after.emailVerified).not.toBeNull();
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "membership.walk_in_added"));
    expect(audit).toMatchObject({ actorUserId: w.staff.user.id, subjectId: user.id });
  });

  it("adds an existing account that is not a member as a creator (told so, no password link), and books an existing creator by address", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const [outsider] = await db
      .insert(users)
      .values({ email: `known.${run}@example.test`, name: "Known" })
      .returning();
    const r = await createBooking(
      db,
      walkIn(w.room.id, { newCreator: { email: `known.${run}@example.test`, name: "Typed name" } }),
      w.staff.actor,
      at,
    );
    expect(r).toMatchObject({ ok: true, value: { creatorId: outsider.id } });
    const [welcome] = await listOutbox(db, { to: `known.${run}@example.test`, limit: 5 }).then((m) =>
      m.filter((x) => x.kind === "workspace.walk_in"),
    );
    expect(welcome.text).not.toContain("reset-password");
    expect(welcome.text).toContain(`/w/${w.workspace.slug}/bookings`);
    // The name on an existing account is the person's own, not what staff typed.
    expect((await db.select().from(users).where(eq(users.id, outsider.id)))[0].name).toBe("Known");

    const again = await createBooking(
      db,
      walkIn(
        w.room.id,
        { newCreator: { email: w.creator.user.email, name: "x" } },
        "2026-12-01T11:00:00",
        "2026-12-01T12:00:00",
      ),
      w.staff.actor,
      at,
    );
    expect(again).toMatchObject({ ok: true, value: { creatorId: w.creator.user.id } });
    expect(
      await listOutbox(db, { to: w.creator.user.email, limit: 10 }).then((m) =>
        m.filter((x) => x.kind === "workspace.walk_in"),
      ),
    ).toEqual([]);
  });

  it("refuses an address of a member who is not a creator, a creator doing it, and leaves nothing behind when the booking is refused", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const staffAddress = await createBooking(
      db,
      walkIn(w.room.id, { newCreator: { email: w.staff.user.email, name: "x" } }),
      w.manager.actor,
      at,
    );
    expect(staffAddress).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { newCreatorEmail: [expect.stringContaining("staff")] },
    });
    expect(
      await createBooking(
        db,
        walkIn(w.room.id, { newCreator: { email: `friend.${run}@example.test`, name: "Friend" } }),
        w.creator.actor,
        at,
      ),
    ).toMatchObject({ ok: false, error: "forbidden" });

    // Taken time: the booking is refused, and the new account, membership and welcome email with it.
    // Counted in this test's own room: other test files write bookings into the same database meanwhile.
    const roomBookings = async () => (await db.select().from(bookings).where(eq(bookings.roomId, w.room.id))).length;
    const before = await roomBookings();
    await createBooking(db, walkIn(w.room.id, { creatorId: w.creator.user.id }), w.staff.actor, at);
    const taken = await createBooking(
      db,
      walkIn(w.room.id, { newCreator: { email: `late.${run}@example.test`, name: "Late" } }),
      w.staff.actor,
      at,
    );
    expect(taken).toMatchObject({ ok: false, error: "slot_taken" });
    // And a rule refusal (closed at 03:00).
    const closed = await createBooking(
      db,
      walkIn(
        w.room.id,
        { newCreator: { email: `late.${run}@example.test`, name: "Late" } },
        "2026-12-02T03:00:00",
        "2026-12-02T04:00:00",
      ),
      w.staff.actor,
      at,
    );
    expect(closed).toMatchObject({ ok: false, error: "rule" });
    expect(
      await db
        .select()
        .from(users)
        .where(eq(users.email, `late.${run}@example.test`)),
    ).toEqual([]);
    expect(await listOutbox(db, { to: `late.${run}@example.test`, limit: 5 })).toEqual([]);
    expect(await roomBookings()).toBe(before + 1);
  });

  it("takes either a creator or a new address, not both", () => {
    const r = createBookingSchema.safeParse({
      roomId: crypto.randomUUID(),
      startsAt: la("2026-12-01T09:30:00").toISOString(),
      endsAt: la("2026-12-01T10:30:00").toISOString(),
      creatorId: crypto.randomUUID(),
      newCreator: { email: "a@b.test", name: "A" },
    });
    expect(r.success).toBe(false);
    const bad = createBookingSchema.safeParse({
      roomId: crypto.randomUUID(),
      startsAt: la("2026-12-01T09:30:00").toISOString(),
      endsAt: la("2026-12-01T10:30:00").toISOString(),
      newCreator: { email: "not an address", name: "" },
    });
    expect(bad.success).toBe(false);
  });
});
