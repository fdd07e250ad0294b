import { describe, expect, it } from "vitest";
import {
  closureSchema,
  createRoomSchema,
  openingHoursSchema,
  policiesFormSchema,
  pricingRuleSchema,
  studioSchema,
} from "./schemas";

const STUDIO = "0b6c3f34-8a43-4a5e-9d54-0d7a1b1f6a10";
const errors = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0] ?? "form"), i.message]));

const room = {
  studioId: STUDIO,
  name: "Set E",
  kind: "",
  capacity: "3",
  features: "ring light, Vanity, vanity , ",
  photos: "https://cdn.example.com/a.jpg\nhttps://cdn.example.com/b.jpg",
  hourlyRate: "72.50",
  stepMinutes: "30",
  minMinutes: "60",
  maxMinutes: "240",
  bufferMinutes: "15",
  active: "on",
};

describe("opening hours", () => {
  it("allows several ranges a day, ranges past midnight, 24 h days and closed days; sorts Monday first", () => {
    const parsed = openingHoursSchema.parse([
      { weekday: 0, opens: "10:00", closes: "16:00" },
      { weekday: 1, opens: "18:00", closes: "02:00" },
      { weekday: 1, opens: "08:00", closes: "12:00" },
      { weekday: 5, opens: "00:00", closes: "00:00" },
      { weekday: 4, opens: "09:00", closes: "02:00" }, // runs into Friday's 24 h: merged, not an error
    ]);
    expect(parsed.map((h) => `${h.weekday} ${h.opens}`)).toEqual([
      "1 08:00",
      "1 18:00",
      "4 09:00",
      "5 00:00",
      "0 10:00",
    ]);
  });

  it("names the day of each mistake", () => {
    const result = openingHoursSchema.safeParse([
      { weekday: 1, opens: "09:00", closes: "17:00" },
      { weekday: 1, opens: "16:00", closes: "20:00" },
      { weekday: 2, opens: "9am", closes: "17:00" },
      { weekday: 5, opens: "00:00", closes: "00:00" },
      { weekday: 5, opens: "22:00", closes: "23:00" },
    ]);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      "Monday: the ranges overlap.",
      "Tuesday: enter both times of each range as HH:MM.",
      "Friday: the ranges overlap.",
    ]);
  });

  it("is part of a studio with an IANA time zone", () => {
    expect(
      studioSchema.safeParse({ name: "LA", address: "", timeZone: "America/Los_Angeles", openingHours: [] }).success,
    ).toBe(true);
    expect(errors(studioSchema.safeParse({ name: " ", timeZone: "PST", openingHours: [] }))).toEqual({
      name: "Enter a name",
      timeZone: "Choose a time zone from the list",
    });
  });
});

describe("closures", () => {
  it("are one day when no last day is given, and never end before they start", () => {
    expect(
      closureSchema.parse({ studioId: STUDIO, startsOn: "2026-12-24", endsOn: "", reason: "Holiday" }),
    ).toMatchObject({ endsOn: "2026-12-24" });
    expect(
      errors(closureSchema.safeParse({ studioId: STUDIO, startsOn: "2026-12-24", endsOn: "2026-12-23", reason: "x" })),
    ).toEqual({
      endsOn: "The last day cannot be before the first",
    });
    expect(errors(closureSchema.safeParse({ studioId: STUDIO, startsOn: "2026-02-30", reason: "" }))).toMatchObject({
      startsOn: "Enter the first closed day",
      reason: "Enter a reason",
    });
  });
});

describe("rooms", () => {
  it("parse the form: features as a list, https photos, the rate in cents", () => {
    expect(createRoomSchema("USD").parse(room)).toMatchObject({
      kind: "set",
      capacity: 3,
      features: ["ring light", "Vanity"],
      photos: ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"],
      hourlyRateCents: 7250,
      stepMinutes: 30,
      active: true,
    });
    expect(createRoomSchema("USD").parse({ ...room, active: undefined }).active).toBe(false);
  });

  it("explain every bad field, and never read an empty field as zero", () => {
    const result = createRoomSchema("USD").safeParse({
      ...room,
      capacity: "",
      photos: "http://insecure.example.com/a.jpg",
      hourlyRate: "12.345",
      stepMinutes: "20",
      bufferMinutes: "",
    });
    expect(errors(result)).toEqual({
      capacity: "Enter how many people fit",
      photos: "http://insecure.example.com/a.jpg is not an https:// link",
      hourlyRate: "Enter an amount in USD like 65.00",
      stepMinutes: "Choose 15, 30 or 60 minutes",
      bufferMinutes: "Enter the turnover buffer in minutes",
    });
  });

  it("keep durations on the step and the shortest no longer than the longest", () => {
    expect(errors(createRoomSchema("USD").safeParse({ ...room, minMinutes: "45", maxMinutes: "30" }))).toEqual({
      minMinutes: "Use a multiple of the 30-minute step",
      maxMinutes: "The longest booking cannot be shorter than the shortest",
    });
    expect(createRoomSchema("JPY").safeParse({ ...room, hourlyRate: "72.50" }).success).toBe(false);
  });
});

describe("peak rules", () => {
  const rule = { roomId: STUDIO, name: "", weekday: "5", startsAt: "18:00", endsAt: "23:00" };
  it("are an hourly rate or a multiplier, never both", () => {
    expect(pricingRuleSchema("USD").parse({ ...rule, priceKind: "rate", price: "95" })).toEqual({
      roomId: STUDIO,
      name: "Peak",
      weekday: 5,
      startsAt: "18:00",
      endsAt: "23:00",
      rateCents: 9500,
      multiplier: null,
    });
    expect(
      pricingRuleSchema("USD").parse({ ...rule, endsAt: "02:00", priceKind: "multiplier", price: "1.5" }),
    ).toMatchObject({ multiplier: "1.50", rateCents: null });
    expect(errors(pricingRuleSchema("USD").safeParse({ ...rule, priceKind: "multiplier", price: "0" }))).toEqual({
      price: "Enter a multiplier like 1.5 (more than 0, at most 10, 2 decimals)",
    });
    expect(
      errors(pricingRuleSchema("USD").safeParse({ ...rule, weekday: "7", startsAt: "6pm", priceKind: "", price: "" })),
    ).toMatchObject({
      weekday: "Choose a weekday",
      startsAt: "Enter the start as HH:MM",
      priceKind: "Choose an hourly rate or a multiplier",
    });
  });
});

describe("the policies form", () => {
  it("takes whole numbers and refuses an empty field instead of falling back to a default", () => {
    const form = {
      minNoticeMinutes: "30",
      bookingWindowDays: "60",
      holdMinutes: "10",
      freeCancellationHours: "48",
      lateCancelFeePercent: "25",
      noShowFeePercent: "100",
      cardOnFile: "required",
      blockBookingWhenUnpaid: "no",
      invoiceDelayMinutes: "15",
      checkInOpensMinutes: "30",
      noShowGraceMinutes: "20",
      overtimeGraceMinutes: "5",
      overtimeRatePercent: "150",
      storageOverrunPercent: "100",
    };
    expect(policiesFormSchema.parse(form)).toEqual({
      minNoticeMinutes: 30,
      bookingWindowDays: 60,
      holdMinutes: 10,
      freeCancellationHours: 48,
      lateCancelFeePercent: 25,
      noShowFeePercent: 100,
      cardOnFile: "required",
      blockBookingWhenUnpaid: "no",
      invoiceDelayMinutes: 15,
      checkInOpensMinutes: 30,
      noShowGraceMinutes: 20,
      overtimeGraceMinutes: 5,
      overtimeRatePercent: 150,
      storageOverrunPercent: 100,
    });
    expect(
      errors(
        policiesFormSchema.safeParse({
          ...form,
          minNoticeMinutes: "",
          lateCancelFeePercent: "150",
          holdMinutes: "2.5",
          cardOnFile: "sometimes",
          invoiceDelayMinutes: "",
        }),
      ),
    ).toEqual({
      minNoticeMinutes: "Enter a number of minutes",
      holdMinutes: "Use whole minutes",
      lateCancelFeePercent: "At most 100 %",
      cardOnFile: "Choose when a card is required",
      invoiceDelayMinutes: "Enter a number of minutes",
    });
  });
});
