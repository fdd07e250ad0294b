import { describe, expect, it } from "vitest";
import { dayHoursLabel, rangeLabel } from "./opening-hours";

describe("opening hours in words", () => {
  it("says a day that opens and closes at the same time is open 24 hours", () => {
    expect(rangeLabel({ opens: "00:00", closes: "00:00" })).toBe("open 24 hours");
    expect(dayHoursLabel({ weekday: 5, opens: "09:00", closes: "09:00" })).toBe("Fri open 24 hours");
  });

  it("says when a range runs past midnight", () => {
    expect(dayHoursLabel({ weekday: 4, opens: "09:00", closes: "02:00" })).toBe("Thu 09:00–02:00 (next day)");
    expect(dayHoursLabel({ weekday: 1, opens: "09:00", closes: "17:00" })).toBe("Mon 09:00–17:00");
    expect(dayHoursLabel({ weekday: 0, opens: "18:00", closes: "00:00" })).toBe("Sun 18:00–00:00 (next day)");
  });
});
