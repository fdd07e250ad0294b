import { describe, expect, it } from "vitest";
import { testDb } from "@/db/testing/db";
import { setUpConnectWorld } from "@/testing/billing/connect-world";
import { sendDueInvoices } from "./invoicing";
import { creditCharge } from "./credit-charge";
import { NO_STUDIO, revenueReport } from "./reports";
import { platformFeeReport } from "./reports-fees";

// Reports → Gross, platform fee and net, from the fee ledger synced from Stripe and the revenue report's paid figures.

const world = setUpConnectWorld();
const { clock, later, connectedWorkspace, saveCard, pendingCharge, invoiceAndSend } = world;
const range = { from: "2026-11", to: "2026-12" };

describe("gross, platform fee and net", () => {
  it("shows paid revenue, the fee Stripe took less what it returned, and the difference, per studio and month", async () => {
    const db = testDb();
    const w = await connectedWorkspace(db, { basisPoints: 500 });
    await saveCard(db, w, w.creator.user.id);
    const c = await pendingCharge(db, w, w.creator.user.id, 14_500);
    await invoiceAndSend(db, w);

    const paid = await platformFeeReport(db, w.workspace.id, range, await revenueReport(db, w.workspace.id, range));
    expect(paid.hasFees).toBe(true);
    expect(paid.rows).toEqual([
      {
        month: "2026-12",
        studioId: null,
        studioName: NO_STUDIO,
        currency: "USD",
        grossCents: 14_500,
        feeCents: 725,
        netCents: 13_775,
      },
    ]);

    // A $43.50 credit (30 %) is paid back: gross falls by it, and Stripe returns 30 % of the fee (217.5 → 218).
    later(10);
    expect(
      (await creditCharge(db, w.manager.actor, c.id, { amount: 43.5, reason: "Lights failed" }, clock.now)).ok,
    ).toBe(true);
    await sendDueInvoices(db, world.stripe(), later(1), { platform: true, workspaceId: w.workspace.id });
    const credited = await platformFeeReport(db, w.workspace.id, range, await revenueReport(db, w.workspace.id, range));
    expect(credited.rows).toEqual([
      {
        month: "2026-12",
        studioId: null,
        studioName: NO_STUDIO,
        currency: "USD",
        grossCents: 10_150,
        feeCents: 507,
        netCents: 9_643,
      },
    ]);
    expect(credited.totals).toEqual([{ currency: "USD", grossCents: 10_150, feeCents: 507, netCents: 9_643 }]);
  });

  it("keeps another workspace's fees out, and shows nothing for a workspace that took no payment", async () => {
    const db = testDb();
    const other = await connectedWorkspace(db, { basisPoints: 1000 });
    await saveCard(db, other, other.creator.user.id);
    await pendingCharge(db, other, other.creator.user.id, 9_000);
    await invoiceAndSend(db, other);
    const quiet = await connectedWorkspace(db, { basisPoints: 500 });
    const report = await platformFeeReport(
      db,
      quiet.workspace.id,
      range,
      await revenueReport(db, quiet.workspace.id, range),
    );
    expect(report).toEqual({ rows: [], totals: [], hasFees: false });
  });
});
