import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { bookings, charges, memberships, rooms, studios, workspaces } from "../db/schema";
import { ReportsPage } from "./pages/reports-pages";
import { WorkspaceShell } from "./pages/workspace-pages";
import { usd } from "./support/bookings";
import { e2eDb } from "./support/db";
import { createUser, createUserWithWorkspace, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { DAY_MS } from "../kernel/time";

type Charge = {
  kind: "room_time" | "add_on" | "credit" | "late_cancel_fee";
  cents: number;
  at: string;
  status: "pending" | "invoiced" | "paid" | "void";
  booking?: 1 | 2;
  currency?: string;
};

/**
 * A manager's own workspace (so nothing else in the database changes its figures): a Los Angeles studio open
 * 10:00–12:00 every day with one room, two completed two-hour sessions in October 2026, and their charges.
 */
async function reportingWorkspace() {
  const db = e2eDb();
  const manager = await createUserWithWorkspace({ role: "manager" });
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, manager.slug));
  const creator = await createUser();
  await db.insert(memberships).values({ workspaceId: ws.id, userId: creator.userId, role: "creator" });
  const [studio] = await db
    .insert(studios)
    .values({
      workspaceId: ws.id,
      currency: "USD",
      name: "Los Angeles",
      timeZone: "America/Los_Angeles",
      openingHours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: "10:00", closes: "12:00" })),
    })
    .returning();
  const [room] = await db
    .insert(rooms)
    .values({ workspaceId: ws.id, studioId: studio.id, name: "Set A", hourlyRateCents: 6000 })
    .returning();
  const session = async (startsAt: string, endsAt: string) => {
    const [b] = await db
      .insert(bookings)
      .values({
        workspaceId: ws.id,
        roomId: room.id,
        creatorId: creator.userId,
        code: randomUUID().slice(0, 7),
        status: "completed",
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
        blockedUntil: new Date(endsAt),
        quote: {},
      })
      .returning();
    return b.id;
  };
  const sessions = {
    1: await session("2026-10-06T10:00:00-07:00", "2026-10-06T12:00:00-07:00"),
    2: await session("2026-10-13T10:00:00-07:00", "2026-10-13T12:00:00-07:00"),
  };
  const list: Charge[] = [
    { kind: "room_time", cents: 6000, at: "2026-09-15T19:00:00Z", status: "paid", booking: 1 },
    { kind: "room_time", cents: 12000, at: "2026-10-06T19:05:00Z", status: "paid", booking: 1 },
    { kind: "add_on", cents: 2500, at: "2026-10-06T19:05:00Z", status: "invoiced", booking: 1 },
    { kind: "room_time", cents: 12000, at: "2026-10-13T19:05:00Z", status: "pending", booking: 2 },
    { kind: "credit", cents: -2000, at: "2026-10-14T16:00:00Z", status: "pending", booking: 2 },
    { kind: "room_time", cents: 50000, at: "2026-10-13T19:05:00Z", status: "void", booking: 2 },
    { kind: "add_on", cents: 900, at: "2026-11-10T19:00:00Z", status: "pending", booking: 1, currency: "EUR" },
  ];
  await db.insert(charges).values(
    list.map((c) => ({
      workspaceId: ws.id,
      creatorId: creator.userId,
      kind: c.kind,
      bookingId: c.booking ? sessions[c.booking] : null,
      description: c.kind,
      unitAmountCents: c.cents,
      amountCents: c.cents,
      currency: c.currency ?? "USD",
      status: c.status,
      idempotencyKey: randomUUID(),
      createdAt: new Date(c.at),
    })),
  );
  return { manager, creator, charges: list };
}

const counted = (list: Charge[], currency: string, test: (c: Charge) => boolean = () => true) =>
  list
    .filter((c) => c.status !== "void" && (c.currency ?? "USD") === currency && test(c))
    .reduce((n, c) => n + c.cents, 0);

/** The page scrolls only vertically: wide tables scroll inside their own boxes. */
async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth + 1);
}

test("a manager opens Reports, sees revenue and utilization of the months asked for, and downloads them as CSV", async ({
  page,
}) => {
  const world = await reportingWorkspace();
  await signInViaApi(page.request, world.manager.email);
  const reports = new ReportsPage(page);

  await test.step("Reports is in the navigation", async () => {
    const shell = new WorkspaceShell(page);
    await shell.goto(world.manager.slug);
    await shell.nav.getByRole("link", { name: "Reports" }).click();
    await expect(reports.heading).toBeVisible();
  });

  await test.step("a range that ends before it starts is refused, keeping what was typed", async () => {
    await reports.from.fill("2026-11");
    await reports.to.fill("2026-09");
    await reports.form.getByRole("button", { name: "Show" }).click();
    await expect(reports.form.getByText("The last month must not be before the first month.")).toBeVisible();
    await expect(reports.to).toHaveAttribute("aria-invalid", "true");
    await expect(reports.from).toHaveValue("2026-11");
    await expect(reports.to).toHaveValue("2026-09");
  });

  await test.step("September to November 2026: the totals per currency, never added together", async () => {
    await reports.show("2026-09", "2026-11");
    const isPaid = (c: Charge) => c.status === "paid";
    expect(await reports.summary("USD")).toEqual({
      revenue: usd(counted(world.charges, "USD")),
      paid: usd(counted(world.charges, "USD", isPaid)),
      outstanding: usd(counted(world.charges, "USD", (c) => !isPaid(c))),
    });
    const eur = (cents: number) =>
      new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(cents / 100);
    expect((await reports.summary("EUR")).revenue).toBe(eur(counted(world.charges, "EUR")));
  });

  await test.step("the chart and the table say the same per month", async () => {
    const october = counted(world.charges, "USD", (c) => c.at.startsWith("2026-10"));
    await expect(reports.revenue.getByRole("img", { name: /^Revenue per month in USD:/ })).toHaveAttribute(
      "aria-label",
      new RegExp(`Oct 2026 ${usd(october).replace("$", "\\$")}`),
    );
    const row = reports.revenue
      .getByRole("table", { name: "Revenue per month in USD" })
      .getByRole("row", { name: /^Oct 2026/ });
    await expect(row.getByRole("cell").nth(1)).toHaveText(usd(october));
  });

  await test.step("utilization: 4 booked hours of the room's 2 opening hours a day over 91 days", async () => {
    const days = (Date.UTC(2026, 11, 1) - Date.UTC(2026, 8, 1)) / DAY_MS;
    const percent = (Math.round(((4 * 60) / (days * 2 * 60)) * 1000) / 10).toFixed(1);
    await expect(reports.utilization.getByRole("img", { name: /^Utilization per room/ })).toHaveAttribute(
      "aria-label",
      new RegExp(`Set A · Los Angeles ${percent} %`),
    );
    const row = reports.utilization.getByRole("row", { name: /^Set A Los Angeles/ });
    await expect(row.getByRole("cell")).toHaveText([
      `${days * 2} h`,
      "4 h",
      `${percent} %`,
      "0.0 %",
      (Math.round((4 * 60 * 1000) / (31 * 2 * 60)) / 10).toFixed(1) + " %",
      "0.0 %",
    ]);
  });

  await test.step("no accessibility violations", async () => {
    await expectAccessible(page);
  });

  await test.step("Download CSV gives the revenue rows with their totals", async () => {
    const file = await reports.downloadCsv("revenue");
    expect(file.filename).toBe("revenue-2026-09-2026-11.csv");
    const [header, ...lines] = file.text.trimEnd().split("\r\n");
    expect(header).toBe(
      "month,studio,room,currency,room_time_cents,overtime_cents,add_on_cents,storage_night_cents,late_cancel_fee_cents,no_show_fee_cents,credit_cents,total_cents,paid_cents,outstanding_cents,tax_cents",
    );
    const columns = header.split(",");
    const october = lines
      .map((l) => l.split(","))
      .find((f) => f[0] === "2026-10" && f[2] === "Set A" && f[3] === "USD");
    expect(october?.[columns.indexOf("total_cents")]).toBe(
      String(counted(world.charges, "USD", (c) => c.at.startsWith("2026-10"))),
    );
    expect(october?.[columns.indexOf("credit_cents")]).toBe(
      String(counted(world.charges, "USD", (c) => c.kind === "credit")),
    );
    expect(october?.[columns.indexOf("tax_cents")]).toBe("0"); // tax has its own column, never in total_cents
    expect(lines).toHaveLength(3); // Sep USD, Oct USD, Nov EUR
  });

  await test.step("and the utilization rows, one per month", async () => {
    const file = await reports.downloadCsv("utilization");
    expect(file.filename).toBe("utilization-2026-09-2026-11.csv");
    const [header, ...lines] = file.text.trimEnd().split("\r\n");
    expect(header).toBe("month,studio,room,time_zone,open_minutes,booked_minutes,utilization_percent");
    expect(lines.map((l) => l.split(",").slice(0, 3).join(","))).toEqual([
      "2026-09,Los Angeles,Set A",
      "2026-10,Los Angeles,Set A",
      "2026-11,Los Angeles,Set A",
    ]);
    expect(lines[1].split(",")[5]).toBe(String(4 * 60));
  });

  await test.step("months with nothing in them say so", async () => {
    await reports.show("2025-01", "2025-02");
    await expect(reports.revenue.getByText("No revenue in these months")).toBeVisible();
  });
});

test("the CSV export answers a bad range with a 400 problem, and a creator of the workspace with a 404", async ({
  page,
  playwright,
  baseURL,
}) => {
  const world = await reportingWorkspace();
  await signInViaApi(page.request, world.manager.email);
  const bad = await page.request.get(`/w/${world.manager.slug}/reports/export?report=revenue&from=2024-01&to=2026-12`);
  expect(bad.status()).toBe(400);
  expect(bad.headers()["content-type"]).toContain("application/problem+json");
  expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["to"]);

  const other = await playwright.request.newContext({ baseURL });
  try {
    await signInViaApi(other, world.creator.email);
    const denied = await other.get(`/w/${world.manager.slug}/reports/export?report=revenue&from=2026-09&to=2026-11`, {
      maxRedirects: 0,
    });
    expect(denied.status()).toBe(404);
  } finally {
    await other.dispose();
  }
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the reports fit the screen: wide tables scroll inside their boxes", async ({ page }) => {
    const world = await reportingWorkspace();
    await signInViaApi(page.request, world.manager.email);
    const reports = new ReportsPage(page);
    await page.goto(`/w/${world.manager.slug}/reports?from=2026-09&to=2026-11`);
    await expect(reports.heading).toBeVisible();
    await expect(reports.revenue.getByRole("table", { name: "Revenue by studio, room and month" })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
  });
});
