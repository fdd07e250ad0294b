import { randomUUID } from "node:crypto";
import type { Locator } from "@playwright/test";
import { RoomForm, RoomSetupPage, SetupPage, said } from "./pages/setup-pages";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";

const LA = "Los Angeles – Arts District";
// A real 1×1 PNG: small enough to commit nowhere, real enough for the browser to draw.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** The image has arrived and decoded (a broken or refused image has no natural width). */
async function expectLoaded(img: Locator) {
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
}

test("an operator uploads a room photo and shares the studio's public page; a signed-out visitor sees the room, its price and free times, and signs up to book", async ({
  page,
  browser,
}) => {
  const roomName = `Set Q – Public ${randomUUID().slice(0, 6)}`;
  const setupRoom = new RoomSetupPage(page, roomName);
  let roomUrl = "";
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInViaApi(page.request, demo("manager"));

  await test.step("the manager adds a room to the Los Angeles studio", async () => {
    const setup = new SetupPage(page);
    await setup.goto("demo");
    await setup.openStudio(LA);
    const form = new RoomForm(page.getByRole("form", { name: "New room" }));
    await form.fill({
      name: roomName,
      capacity: "4",
      features: "ring light, green screen",
      rate: "65.00",
      min: "60",
      max: "240",
    });
    await form.submit();
    await expect(page.getByRole("heading", { level: 1, name: roomName })).toBeVisible();
    roomUrl = page.url();
  });

  await test.step("a file that is not a picture is refused by name, and the typed changes stay on the form", async () => {
    const form = setupRoom.details.form;
    await form.getByLabel("Upload a photo (optional)").setInputFiles({
      name: "huge.png",
      mimeType: "image/png",
      buffer: Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]),
    });
    await expect(form.getByText("The picture is larger than 5 MB: choose a smaller one.")).toBeVisible();
    await form.getByLabel("Features").fill("ring light, green screen, teleprompter");
    await form.getByLabel("Upload a photo (optional)").setInputFiles({
      name: "room.png",
      mimeType: "image/png",
      buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"),
    });
    await setupRoom.details.submit();
    await expect(form.getByText("Choose a JPEG, PNG or WebP picture.")).toBeVisible();
    await expect(form.getByLabel("Upload a photo (optional)")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Features")).toHaveValue("ring light, green screen, teleprompter");
    await page.reload();
    await expect(setupRoom.details.form.getByLabel("Features")).toHaveValue("ring light, green screen");
  });

  await test.step("a PNG is uploaded with the room's details and shows on the room's page", async () => {
    const form = setupRoom.details.form;
    await form
      .getByLabel("Upload a photo (optional)")
      .setInputFiles({ name: "set-q.png", mimeType: "image/png", buffer: PNG });
    await setupRoom.details.submit();
    await expect(said(page, "The photo was added.")).toBeVisible();
    await expectLoaded(page.getByRole("img", { name: `${roomName}, uploaded photo 1` }));
  });

  let link = "";
  await test.step("the studio's setup page shows the public link to share, and copies it", async () => {
    await page.getByRole("link", { name: LA }).click();
    await expect(page.getByRole("heading", { level: 1, name: LA })).toBeVisible();
    const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Public page" }) });
    await expect(card).toContainText("Share this page with new creators");
    link = (await card.getByTestId("public-link").textContent()) ?? "";
    expect(link).toMatch(/^http:\/\/localhost:\d+\/s\/demo\/[0-9a-f-]{36}$/);
    await card.getByRole("button", { name: "Copy link" }).click();
    await expect(said(page, "Public link copied")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  });

  const visitor = await browser.newContext();
  try {
    const guest = await visitor.newPage();
    let photoUrl = "";

    await test.step("a signed-out visitor opens the link and sees the room with its photo, size, price and free times", async () => {
      await guest.goto(link);
      await expect(guest.getByRole("heading", { level: 1, name: LA })).toBeVisible();
      const room = guest.getByRole("listitem").filter({ has: guest.getByRole("heading", { name: roomName }) });
      const photo = room.getByRole("img", { name: `${roomName}, photo 1 of 1` });
      await expectLoaded(photo);
      photoUrl = new URL((await photo.getAttribute("src")) ?? "", link).toString();
      await expect(room.getByTestId("room-capacity")).toHaveText("Up to 4 people");
      await expect(room.getByTestId("room-price")).toHaveText("$65.00 / hour");
      await expect(room.getByRole("list", { name: `Features of ${roomName}` })).toContainText("green screen");
      const free = room.getByRole("list", { name: `Free start times of ${roomName}` });
      await expect(free.getByRole("listitem")).toHaveCount(7);
      await expect(free).toContainText(/\d+ start times? from \d{2}:\d{2}/);
      await expect(room).toContainText("Los Angeles time");
      await expectAccessible(guest);
    });

    await test.step("the photo is served as an image that browsers may not sniff, and nothing private is on the page", async () => {
      const res = await visitor.request.get(photoUrl);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("image/png");
      expect(res.headers()["x-content-type-options"]).toBe("nosniff");
      expect(res.headers()["cache-control"]).toContain("max-age");
      expect(Buffer.from(await res.body()).equals(PNG)).toBe(true);
      const text = await guest.locator("main").innerText();
      for (const secret of ["@demo.livebase.test", "Chloe", "Notes"]) expect(text).not.toContain(secret);
    });

    await test.step("Sign up to book leads to sign-up, coming back to the room's booking page", async () => {
      const room = guest.getByRole("listitem").filter({ has: guest.getByRole("heading", { name: roomName }) });
      await room.getByRole("link", { name: `Sign up to book ${roomName}` }).click();
      await expect(guest.getByRole("heading", { name: "Create your Livebase account" })).toBeVisible();
      const url = new URL(guest.url());
      expect(url.pathname).toBe("/sign-up");
      expect(url.searchParams.get("callbackUrl")).toMatch(/^\/w\/demo\/book\/[0-9a-f-]{36}$/);
    });

    await test.step("an unknown studio or workspace is not found", async () => {
      expect((await visitor.request.get(link.replace(/[0-9a-f-]{36}$/, randomUUID()))).status()).toBe(404);
      expect((await visitor.request.get(link.replace("/s/demo/", "/s/no-such-workspace/"))).status()).toBe(404);
      expect((await visitor.request.get(new URL(`/media/rooms/${randomUUID()}`, link).toString())).status()).toBe(404);
    });

    await test.step("the manager removes the photo: it leaves the public page and is no longer served", async () => {
      await page.goto(roomUrl);
      await expect(page.getByRole("heading", { level: 1, name: roomName })).toBeVisible();
      await page.getByRole("button", { name: "Remove uploaded photo 1" }).click();
      await expect(said(page, "Photo removed.")).toBeVisible();
      await expect(page.getByRole("img", { name: `${roomName}, uploaded photo 1` })).toHaveCount(0);
      await guest.goto(link);
      const room = guest.getByRole("listitem").filter({ has: guest.getByRole("heading", { name: roomName }) });
      await expect(room.getByRole("heading", { name: roomName })).toBeVisible();
      await expect(room.getByRole("img")).toHaveCount(0);
      expect((await visitor.request.get(photoUrl)).status()).toBe(404);
    });
  } finally {
    await visitor.close();
  }
});
