import { eq } from "drizzle-orm";
import { workspaces } from "../db/schema";
import { BookPage, BookingPage, RoomWeekPage } from "./pages/booking-pages";
import { e2eDb } from "./support/db";
import { createUserWithWorkspace, demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";

const STUDIO = /^Los Angeles – Arts District/;
const ROOM = "Set A – Beauty";

// The main e2e server runs without Stripe (no STRIPE_SECRET_KEY): no card can be added anywhere in the app.

test("without Stripe an owner cannot make a card on file always required, and the choice stays on the form", async ({
  page,
}) => {
  const owner = await createUserWithWorkspace();
  await signInViaApi(page.request, owner.email);
  await page.goto(`/w/${owner.slug}/setup/policies`);
  const card = page.getByLabel("Card on file to book");
  await card.selectOption({ label: "Always required" });
  await page.getByLabel("No-show fee (%)").fill("70");
  await page.getByRole("button", { name: "Save policies" }).click();
  await expect(page.getByText("Check the fields marked below.").first()).toBeVisible();
  await expect(card).toHaveAccessibleDescription(
    /Stripe is not connected, so creators could not add a card: choose Automatic or Not required\./,
  );
  await expect(card).toHaveAccessibleDescription(/Always required needs Stripe, which is not connected/);
  await expect(card).toHaveValue("required"); // what was chosen stays, to be changed
  await expect(page.getByLabel("No-show fee (%)")).toHaveValue("70");
  await expectAccessible(page);

  await page.reload();
  await expect(card).toHaveValue("auto"); // nothing was saved
  await card.selectOption({ label: "Not required" });
  await page.getByRole("button", { name: "Save policies" }).click();
  await expect(page.getByText(/^Policies saved/).first()).toBeVisible();
  await page.reload();
  await expect(card).toHaveValue("not_required");
});

test("a workspace that required a card before Stripe was disconnected: creators still book, and nobody is told to add a card they cannot add", async ({
  page,
}) => {
  const db = e2eDb();
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
  // As saved before this was refused (or when Stripe's key has since been removed).
  await db
    .update(workspaces)
    .set({ policies: { ...(ws.policies as object), cardOnFile: "required" } })
    .where(eq(workspaces.id, ws.id));
  try {
    await test.step("the creator holds a slot with no card on file", async () => {
      await signInViaApi(page.request, demo("creator"));
      const book = new BookPage(page);
      await book.goto("demo");
      await book.openRoom(STUDIO, ROOM);
      const room = new RoomWeekPage(page);
      await room.nextWeek();
      await room.pickFreeSlotLateInWeek();
      await room.hold.click();
      const booking = new BookingPage(page);
      await booking.expectStatus(ROOM, "held");
      await expect(page.getByText("Add a card on the Billing page before booking.")).toHaveCount(0);
      const release = await booking.openCancel("Release hold");
      await release.click();
    });

    await test.step("the creator's billing page asks for no card it cannot take", async () => {
      await page.goto("/w/demo/billing");
      await expect(page.getByText("No card on file.", { exact: true })).toBeVisible();
      await expect(page.getByText(/needs one before you book/)).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Add a card" })).toHaveCount(0);
      await expectAccessible(page);
    });

    await test.step("the owner's setup says the policy cannot apply without Stripe", async () => {
      await page.context().clearCookies();
      await signInViaApi(page.request, demo("owner"));
      await page.goto("/w/demo/setup");
      await expect(
        page.getByText(
          "Card on file is set to always required, but Stripe is not connected: no card can be added, so none is asked for until it is.",
        ),
      ).toBeVisible();
      await expectAccessible(page);
    });
  } finally {
    await db.update(workspaces).set({ policies: ws.policies }).where(eq(workspaces.id, ws.id));
  }
});
