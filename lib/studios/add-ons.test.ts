import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addOns, workspaces } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { DEFAULT_POLICIES, getPolicies } from "../policies/policies";
import { createAddOn, setAddOnActive, updateAddOn } from "./add-ons";
import { createAddOnSchema, policiesFormSchema, updateAddOnSchema } from "./schemas";
import { loadStudioSetup } from "./setup-queries";
import { updatePolicies } from "./update-policies";

const now = new Date("2026-12-01T20:00:00Z");

async function world() {
  const db = testDb();
  const { workspace, studio } = await makeWorkspace(db);
  const other = await makeWorkspace(db);
  const manager = (await makeMember(db, workspace.id, "manager")).actor;
  const creator = (await makeMember(db, workspace.id, "creator")).actor;
  return { db, workspace, studio, other, manager, creator };
}

describe("add-ons", () => {
  it("are offered flat or per hour, edited, deactivated and offered again", async () => {
    const { db, manager, studio } = await world();
    const created = await createAddOn(
      db,
      manager,
      createAddOnSchema("USD").parse({ studioId: studio.id, name: "Ring light kit", pricing: "flat", price: "25" }),
    );
    if (!created.ok) throw new Error(created.error);
    const id = created.value.id;
    expect(
      (
        await updateAddOn(
          db,
          manager,
          updateAddOnSchema("USD").parse({ addOnId: id, name: "Host assistant", pricing: "per_hour", price: "35.50" }),
        )
      ).ok,
    ).toBe(true);
    expect(await setAddOnActive(db, manager, { addOnId: id, active: false })).toEqual({
      ok: true,
      value: { id, name: "Host assistant" },
    });
    const [row] = await db.select().from(addOns).where(eq(addOns.id, id));
    expect(row).toMatchObject({
      studioId: studio.id,
      name: "Host assistant",
      pricing: "per_hour",
      priceCents: 3550,
      active: false,
    });
    expect((await setAddOnActive(db, manager, { addOnId: id, active: true })).ok).toBe(true);
    expect((await loadStudioSetup(db, manager, studio.id, now))?.addOns.map((a) => [a.name, a.active])).toEqual([
      ["Host assistant", true],
    ]);
  });

  it("stay in their workspace and are changed only by owners and managers", async () => {
    const { db, manager, creator, studio, other } = await world();
    const outsider = (await makeMember(db, other.workspace.id, "owner")).actor;
    const theirs = await createAddOn(
      db,
      outsider,
      createAddOnSchema("USD").parse({ studioId: other.studio.id, name: "Teleprompter", pricing: "flat", price: "15" }),
    );
    if (!theirs.ok) throw new Error(theirs.error);
    const edit = updateAddOnSchema("USD").parse({
      addOnId: theirs.value.id,
      name: "Mine now",
      pricing: "flat",
      price: "0",
    });
    expect(await updateAddOn(db, manager, edit)).toMatchObject({
      ok: false,
      error: "not_found",
      message: "That add-on does not exist.",
    });
    expect(await setAddOnActive(db, manager, { addOnId: theirs.value.id, active: false })).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(
      await createAddOn(db, manager, { studioId: other.studio.id, name: "x", pricing: "flat", price: 1 }),
    ).toMatchObject({ ok: false, error: "not_found" });
    expect(await createAddOn(db, creator, { studioId: studio.id, name: "x", pricing: "flat", price: 1 })).toMatchObject(
      { ok: false, error: "not_allowed" },
    );
    const [row] = await db.select().from(addOns).where(eq(addOns.id, theirs.value.id));
    expect(row).toMatchObject({ name: "Teleprompter", active: true });
  });
});

describe("workspace policies", () => {
  it("are stored whole and read back by the booking rules", async () => {
    const { db, manager, workspace, other } = await world();
    expect(await getPolicies(db, workspace.id)).toEqual(DEFAULT_POLICIES);
    const input = policiesFormSchema.parse({
      minNoticeMinutes: "120",
      bookingWindowDays: "30",
      holdMinutes: "10",
      freeCancellationHours: "48",
      lateCancelFeePercent: "25",
      noShowFeePercent: "80",
      cardOnFile: "not_required",
      blockBookingWhenUnpaid: "yes",
      invoiceDelayMinutes: "0",
      checkInOpensMinutes: "45",
      noShowGraceMinutes: "10",
      overtimeGraceMinutes: "0",
      overtimeRatePercent: "200",
      storageOverrunPercent: "100",
    });
    expect(await updatePolicies(db, manager, input)).toEqual({ ok: true, value: input });
    expect(await getPolicies(db, workspace.id)).toEqual(input);
    const [row] = await db
      .select({ policies: workspaces.policies })
      .from(workspaces)
      .where(eq(workspaces.id, workspace.id));
    expect(row.policies).toEqual(input);
    expect(await getPolicies(db, other.workspace.id)).toEqual(DEFAULT_POLICIES);
  });

  it("refuse a card on file always required while Stripe is not connected (nobody could book), and keep it with Stripe", async () => {
    const { db, manager, workspace } = await world();
    const required = { ...DEFAULT_POLICIES, cardOnFile: "required" as const };
    expect(await updatePolicies(db, manager, required, undefined, { stripeConnected: false })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: {
        cardOnFile: ["Stripe is not connected, so creators could not add a card: choose Automatic or Not required."],
      },
    });
    // The unit tests run without STRIPE_SECRET_KEY: by default the use case asks the environment, and refuses too.
    expect(await updatePolicies(db, manager, required)).toMatchObject({ ok: false, error: "invalid" });
    expect(await getPolicies(db, workspace.id)).toEqual(DEFAULT_POLICIES);
    expect(await updatePolicies(db, manager, { ...DEFAULT_POLICIES, cardOnFile: "not_required" })).toMatchObject({
      ok: true,
    });
    expect(await updatePolicies(db, manager, required, undefined, { stripeConnected: true })).toEqual({
      ok: true,
      value: required,
    });
    expect((await getPolicies(db, workspace.id)).cardOnFile).toBe("required");
  });

  it("are not changed by roles without policies.manage", async () => {
    const { db, creator, workspace } = await world();
    expect(await updatePolicies(db, creator, { ...DEFAULT_POLICIES, noShowFeePercent: 0 })).toMatchObject({
      ok: false,
      error: "not_allowed",
    });
    expect(await getPolicies(db, workspace.id)).toEqual(DEFAULT_POLICIES);
  });
});
