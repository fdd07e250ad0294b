import { describe, expect, it } from "vitest";
import { divideRoundHalfUp } from "./divide-round-half-up";
import { quotePrice, type AddOnPrice, type PeakRule, type Quote } from "./index";
import type { QuotePriceInput } from "./quote-price";

// Friday 2026-06-05 in Los Angeles (PDT, UTC-7); weekday 5.
const LA = "America/Los_Angeles";

const rule = (overrides: Partial<PeakRule> & Pick<PeakRule, "id">): PeakRule => ({
  name: "Evening",
  weekday: 5,
  startsAt: "19:00:00",
  endsAt: "21:00:00",
  rateCents: 9000,
  multiplier: null,
  ...overrides,
});

const quote = (overrides: Partial<QuotePriceInput> & Pick<QuotePriceInput, "start" | "end">): Quote =>
  quotePrice({
    timeZone: LA,
    roomName: "Set A – Beauty",
    hourlyRateCents: 4500,
    currency: "USD",
    peakRules: [],
    addOns: [],
    ...overrides,
  });

/** [description, minutes, hourly, amount, ruleId] per line: what a customer reads on the quote. */
const rows = (q: Quote) => q.lines.map((l) => [l.description, l.quantity, l.unitAmountCents, l.amountCents, l.ruleId]);
const sum = (q: Quote) => q.lines.reduce((total, line) => total + line.amountCents, 0);

describe("quotePrice: room time", () => {
  it("prices a booking with no peak at the base rate, in one line", () => {
    const q = quote({ start: new Date("2026-06-05T10:00:00-07:00"), end: new Date("2026-06-05T13:00:00-07:00") });
    expect(q).toEqual({
      currency: "USD",
      minutes: 180,
      subtotalCents: 13_500,
      totalCents: 13_500,
      lines: [
        {
          kind: "room_time",
          description: "Set A – Beauty, 10:00–13:00",
          quantity: 180,
          unitAmountCents: 4500,
          amountCents: 13_500,
          startsAt: "2026-06-05T17:00:00.000Z",
          endsAt: "2026-06-05T20:00:00.000Z",
        },
      ],
    });
    expect(q.lines[0]).not.toHaveProperty("ruleId");
  });

  it("splits a booking straddling a peak's start and end into three lines", () => {
    const q = quote({
      start: new Date("2026-06-05T18:00:00-07:00"),
      end: new Date("2026-06-05T22:00:00-07:00"),
      peakRules: [rule({ id: "evening" }), rule({ id: "saturday", weekday: 6, startsAt: "00:00", endsAt: "00:00" })],
    });
    expect(rows(q)).toEqual([
      ["Set A – Beauty, 18:00–19:00", 60, 4500, 4500, undefined],
      ["Set A – Beauty, 19:00–21:00 (peak: Evening)", 120, 9000, 18_000, "evening"],
      ["Set A – Beauty, 21:00–22:00", 60, 4500, 4500, undefined],
    ]);
    expect(q.lines.map((l) => [l.startsAt, l.endsAt])).toEqual([
      ["2026-06-06T01:00:00.000Z", "2026-06-06T02:00:00.000Z"],
      ["2026-06-06T02:00:00.000Z", "2026-06-06T04:00:00.000Z"],
      ["2026-06-06T04:00:00.000Z", "2026-06-06T05:00:00.000Z"],
    ]);
    expect(q.totalCents).toBe(27_000);
  });

  it("prices a booking that starts and ends inside a peak entirely at the peak rate", () => {
    const q = quote({
      start: new Date("2026-06-05T19:15:00-07:00"),
      end: new Date("2026-06-05T20:45:00-07:00"),
      peakRules: [rule({ id: "evening" })],
    });
    expect(rows(q)).toEqual([["Set A – Beauty, 19:15–20:45 (peak: Evening)", 90, 9000, 13_500, "evening"]]);
  });

  it("keeps an overnight rule in one line across midnight, the after-midnight part belonging to Saturday", () => {
    const late = rule({ id: "late", name: "Late night", startsAt: "20:00", endsAt: "02:00", rateCents: 7200 });
    const friNight = quote({
      start: new Date("2026-06-05T23:00:00-07:00"),
      end: new Date("2026-06-06T03:00:00-07:00"),
      peakRules: [late],
    });
    expect(rows(friNight)).toEqual([
      ["Set A – Beauty, 23:00–02:00 (peak: Late night)", 180, 7200, 21_600, "late"],
      ["Set A – Beauty, 02:00–03:00", 60, 4500, 4500, undefined],
    ]);
    // Thursday night into Friday is not covered: the rule starts on Friday evening.
    const thuNight = quote({
      start: new Date("2026-06-04T23:00:00-07:00"),
      end: new Date("2026-06-05T01:00:00-07:00"),
      peakRules: [late],
    });
    expect(rows(thuNight)).toEqual([["Set A – Beauty, 23:00–01:00", 120, 4500, 9000, undefined]]);
  });

  it("does not split base-rate time at midnight", () => {
    const q = quote({ start: new Date("2026-06-05T22:00:00-07:00"), end: new Date("2026-06-06T02:30:00-07:00") });
    expect(rows(q)).toEqual([["Set A – Beauty, 22:00–02:30", 270, 4500, 20_250, undefined]]);
  });

  it("stops a rule ending at 00:00 or 24:00 at midnight", () => {
    for (const endsAt of ["00:00:00", "24:00:00"]) {
      const q = quote({
        start: new Date("2026-06-05T23:00:00-07:00"),
        end: new Date("2026-06-06T01:00:00-07:00"),
        peakRules: [rule({ id: "evening", startsAt: "20:00", endsAt })],
      });
      expect(rows(q), endsAt).toEqual([
        ["Set A – Beauty, 23:00–00:00 (peak: Evening)", 60, 9000, 9000, "evening"],
        ["Set A – Beauty, 00:00–01:00", 60, 4500, 4500, undefined],
      ]);
    }
  });

  it('applies a multiplier given as the Postgres string "1.50", or as a number', () => {
    for (const multiplier of ["1.50", 1.5]) {
      const q = quote({
        start: new Date("2026-06-05T19:00:00-07:00"),
        end: new Date("2026-06-05T21:00:00-07:00"),
        peakRules: [rule({ id: "evening", rateCents: null, multiplier })],
      });
      expect(rows(q)).toEqual([["Set A – Beauty, 19:00–21:00 (peak: Evening)", 120, 6750, 13_500, "evening"]]);
    }
  });

  it("rounds a multiplied hourly rate half up to a cent before using it", () => {
    const q = quote({
      start: new Date("2026-06-05T19:00:00-07:00"),
      end: new Date("2026-06-05T20:00:00-07:00"),
      hourlyRateCents: 3333,
      peakRules: [rule({ id: "evening", rateCents: null, multiplier: "1.50" })],
    });
    expect(q.lines[0].unitAmountCents).toBe(5000); // 3333 × 1.5 = 4999.5
    expect(q.totalCents).toBe(5000);
  });

  it("charges the higher hourly rate where rules overlap, whatever their order", () => {
    const wide = rule({ id: "wide", name: "Prime time", startsAt: "18:00", endsAt: "22:00", rateCents: 6000 });
    const narrow = rule({
      id: "narrow",
      name: "Golden hour",
      startsAt: "20:00",
      endsAt: "21:00",
      rateCents: null,
      multiplier: "2.00",
    });
    const cheaper = rule({ id: "cheaper", name: "Promo", startsAt: "18:00", endsAt: "22:00", rateCents: 5000 });
    const expected = [
      ["Set A – Beauty, 18:00–20:00 (peak: Prime time)", 120, 6000, 12_000, "wide"],
      ["Set A – Beauty, 20:00–21:00 (peak: Golden hour)", 60, 9000, 9000, "narrow"],
      ["Set A – Beauty, 21:00–22:00 (peak: Prime time)", 60, 6000, 6000, "wide"],
    ];
    for (const peakRules of [
      [wide, narrow, cheaper],
      [cheaper, narrow, wide],
    ]) {
      const q = quote({
        start: new Date("2026-06-05T18:00:00-07:00"),
        end: new Date("2026-06-05T22:00:00-07:00"),
        peakRules,
      });
      expect(rows(q)).toEqual(expected);
    }
  });

  it("applies a rule cheaper than the base rate (an off-peak discount)", () => {
    const q = quote({
      start: new Date("2026-06-05T08:00:00-07:00"),
      end: new Date("2026-06-05T10:00:00-07:00"),
      peakRules: [
        rule({
          id: "early",
          name: "Early bird",
          startsAt: "06:00",
          endsAt: "09:00",
          rateCents: null,
          multiplier: "0.80",
        }),
      ],
    });
    expect(rows(q)).toEqual([
      ["Set A – Beauty, 08:00–09:00 (peak: Early bird)", 60, 3600, 3600, "early"],
      ["Set A – Beauty, 09:00–10:00", 60, 4500, 4500, undefined],
    ]);
  });
});

describe("quotePrice: rounding", () => {
  it("makes the room-time lines add up to the exact total rounded once", () => {
    // 30 min at 10.01/h, 30 min at 10.03/h, 30 min at 10.01/h: 500.5 + 501.5 + 500.5 = 1502.5 → 1503 cents.
    // Rounding each line on its own would charge 1504.
    const q = quote({
      start: new Date("2026-06-05T18:30:00-07:00"),
      end: new Date("2026-06-05T20:00:00-07:00"),
      hourlyRateCents: 1001,
      peakRules: [rule({ id: "p", startsAt: "19:00", endsAt: "19:30", rateCents: 1003 })],
    });
    expect(q.lines.map((l) => l.amountCents)).toEqual([501, 501, 501]);
    expect(q.totalCents).toBe(1503);
  });

  it("never drifts from round(Σ exact) with odd minutes and rates that do not divide evenly", () => {
    const peakRules = [
      rule({ id: "a", startsAt: "18:07", endsAt: "19:13", rateCents: 1999 }),
      rule({ id: "b", startsAt: "19:13", endsAt: "19:59", rateCents: null, multiplier: "1.37" }),
      rule({ id: "c", startsAt: "21:01", endsAt: "02:17", rateCents: 2333 }),
    ];
    for (let startOffset = 0; startOffset < 600; startOffset += 37) {
      for (const minutes of [1, 7, 59, 61, 133, 301, 479]) {
        const start = new Date(Date.parse("2026-06-05T16:00:00-07:00") + startOffset * 60_000);
        const end = new Date(start.getTime() + minutes * 60_000);
        const q = quote({ start, end, hourlyRateCents: 1001, peakRules });
        const exactSixtieths = q.lines.reduce((total, l) => total + l.quantity * l.unitAmountCents, 0);
        expect(q.minutes).toBe(minutes);
        expect(q.lines.reduce((total, l) => total + l.quantity, 0)).toBe(minutes);
        expect(q.totalCents).toBe(divideRoundHalfUp(exactSixtieths, 60));
        expect(sum(q)).toBe(q.totalCents);
        for (const line of q.lines) {
          expect(Number.isInteger(line.amountCents)).toBe(true);
          expect(Math.abs(line.amountCents - (line.quantity * line.unitAmountCents) / 60)).toBeLessThan(1);
        }
      }
    }
  });
});

describe("quotePrice: input it refuses", () => {
  const start = new Date("2026-06-05T10:00:00-07:00");
  const end = new Date("2026-06-05T11:00:00-07:00");

  it("throws on an empty or reversed range and on instants off whole minutes", () => {
    expect(() => quote({ start, end: start })).toThrow(RangeError);
    expect(() => quote({ start: end, end: start })).toThrow(RangeError);
    expect(() => quote({ start: new Date(start.getTime() + 1000), end })).toThrow(RangeError);
    expect(() => quote({ start: new Date(Number.NaN), end })).toThrow(RangeError);
  });

  it("throws on an unknown time zone, a bad currency, fractional cents and unknown add-on pricing", () => {
    expect(() => quote({ start, end, timeZone: "Mars/Olympus_Mons" })).toThrow(RangeError);
    expect(() => quote({ start, end, currency: "usd" })).toThrow(RangeError);
    expect(() => quote({ start, end, hourlyRateCents: 45.5 })).toThrow(RangeError);
    expect(() => quote({ start, end, addOns: [{ id: "x", name: "X", pricing: "flat", priceCents: -1 }] })).toThrow(
      RangeError,
    );
    const weird = { id: "x", name: "X", pricing: "per_day", priceCents: 1 } as unknown as AddOnPrice;
    expect(() => quote({ start, end, addOns: [weird] })).toThrow(RangeError);
  });
});

describe("quotePrice: tax, an input like the rates", () => {
  const start = new Date("2026-06-05T10:00:00-07:00");
  const end = new Date("2026-06-05T12:00:00-07:00");

  it("adds exclusive tax to the total, on the whole subtotal once: 2 h at $45.00 + $25.00 with CA sales tax 9.5 %", () => {
    const q = quote({
      start,
      end,
      addOns: [{ id: "kit", name: "Ring light kit", pricing: "flat", priceCents: 2500 }],
      tax: { name: "CA sales tax", ratePercent: "9.5", inclusive: false },
    });
    expect(q.subtotalCents).toBe(11_500);
    expect(q.tax).toEqual({ name: "CA sales tax", ratePercent: "9.5", inclusive: false, amountCents: 1093 }); // 1092.5 → 1093
    expect(q.totalCents).toBe(12_593);
    expect(sum(q)).toBe(q.subtotalCents); // the lines stay the prices shown
  });

  it("carves inclusive tax out of the price: the total is the price shown (CNY, VAT 6 %)", () => {
    const q = quote({
      start,
      end,
      hourlyRateCents: 30_000,
      currency: "CNY",
      tax: { name: "VAT", ratePercent: "6", inclusive: true },
    });
    expect(q).toMatchObject({
      currency: "CNY",
      subtotalCents: 60_000,
      totalCents: 60_000,
      tax: { amountCents: 3396, inclusive: true },
    });
  });

  it("rounds to whole yen in JPY and keeps the quote as it was without tax", () => {
    expect(
      quote({
        start,
        end,
        hourlyRateCents: 3015,
        currency: "JPY",
        tax: { name: "JCT", ratePercent: "10", inclusive: false },
      }),
    ).toMatchObject({ subtotalCents: 6030, tax: { amountCents: 603 }, totalCents: 6633 });
    const none = quote({ start, end, tax: null });
    expect(none).not.toHaveProperty("tax");
    expect(none.totalCents).toBe(none.subtotalCents);
  });
});
