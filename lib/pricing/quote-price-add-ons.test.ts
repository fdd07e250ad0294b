import { describe, expect, it } from "vitest";
import { quotePrice, type AddOnPrice, type Quote } from "./index";
import type { QuotePriceInput } from "./quote-price";

const quote = (overrides: Partial<QuotePriceInput> & Pick<QuotePriceInput, "start" | "end">): Quote =>
  quotePrice({
    timeZone: "America/Los_Angeles",
    roomName: "Set A – Beauty",
    hourlyRateCents: 4500,
    currency: "USD",
    peakRules: [],
    addOns: [],
    ...overrides,
  });

const rows = (q: Quote) => q.lines.map((l) => [l.description, l.quantity, l.unitAmountCents, l.amountCents, l.ruleId]);

describe("quotePrice: add-ons", () => {
  const ringLight: AddOnPrice = { id: "ring", name: "Ring light kit", pricing: "flat", priceCents: 2500 };
  const host: AddOnPrice = { id: "host", name: "Host assistant", pricing: "per_hour", priceCents: 2000 };

  it("adds a flat add-on once and a per-hour add-on for the booked minutes, after the room time", () => {
    const q = quote({
      start: new Date("2026-06-05T10:00:00-07:00"),
      end: new Date("2026-06-05T13:00:00-07:00"),
      addOns: [ringLight, host],
    });
    expect(q.lines.slice(1)).toEqual([
      { kind: "add_on", description: "Ring light kit", quantity: 1, unitAmountCents: 2500, amountCents: 2500 },
      { kind: "add_on", description: "Host assistant × 3 h", quantity: 180, unitAmountCents: 2000, amountCents: 6000 },
    ]);
    expect(q.subtotalCents).toBe(13_500 + 2500 + 6000);
    expect(q.totalCents).toBe(q.subtotalCents);
  });

  it("rounds a per-hour add-on half up on its own line", () => {
    const odd = { ...host, priceCents: 1999 };
    const q = quote({
      start: new Date("2026-06-05T10:00:00-07:00"),
      end: new Date("2026-06-05T11:40:00-07:00"),
      addOns: [odd],
    });
    // 100 × 1999 / 60 = 3331.67
    expect(rows(q)[1]).toEqual(["Host assistant × 1 h 40 min", 100, 1999, 3332, undefined]);
    const short = quote({
      start: new Date("2026-06-05T10:00:00-07:00"),
      end: new Date("2026-06-05T10:45:00-07:00"),
      addOns: [host],
    });
    expect(rows(short)[1]).toEqual(["Host assistant × 45 min", 45, 2000, 1500, undefined]);
  });

  it("charges a per-hour add-on on the real minutes at its own price, whatever peak prices the room", () => {
    const q = quote({
      start: new Date("2026-06-05T18:00:00-07:00"),
      end: new Date("2026-06-05T20:00:00-07:00"),
      peakRules: [
        {
          id: "evening",
          name: "Evening",
          weekday: 5,
          startsAt: "19:00",
          endsAt: "21:00",
          rateCents: null,
          multiplier: "2.00",
        },
      ],
      addOns: [host, ringLight],
    });
    expect(rows(q)).toEqual([
      ["Set A – Beauty, 18:00–19:00", 60, 4500, 4500, undefined],
      ["Set A – Beauty, 19:00–20:00 (peak: Evening)", 60, 9000, 9000, "evening"],
      ["Host assistant × 2 h", 120, 2000, 4000, undefined],
      ["Ring light kit", 1, 2500, 2500, undefined],
    ]);
    expect(q.totalCents).toBe(20_000);
  });
});
