import { describe, expect, it } from "vitest";
import { formatLocal, isTimeZone, localDate, localDateTimeToInstant, toLocalInput } from "./local-time";
import { minorToDecimal, parseMoney } from "./money";

const LA = "America/Los_Angeles";
const iso = (local: string, zone: string) => localDateTimeToInstant(local, zone)?.toISOString() ?? null;

describe("studio wall-clock times", () => {
  it("turns a local time into the instant, in summer and in winter", () => {
    expect(iso("2026-07-03T18:00", LA)).toBe("2026-07-04T01:00:00.000Z");
    expect(iso("2026-12-04T18:00", LA)).toBe("2026-12-05T02:00:00.000Z");
    expect(iso("2026-12-04T18:00", "Asia/Shanghai")).toBe("2026-12-04T10:00:00.000Z");
  });

  it("moves a time inside the spring-forward gap past it, and reads the repeated fall-back hour as its first occurrence", () => {
    expect(iso("2026-03-08T02:30", LA)).toBe("2026-03-08T10:30:00.000Z"); // 03:30 PDT
    expect(iso("2026-11-01T01:30", LA)).toBe("2026-11-01T08:30:00.000Z"); // 01:30 PDT, not PST
    expect(iso("2026-11-01T02:30", LA)).toBe("2026-11-01T10:30:00.000Z");
  });

  it("gives the same instant whatever the server's own time zone is", () => {
    const saved = process.env.TZ;
    try {
      for (const host of ["UTC", "Asia/Kolkata", "America/New_York"]) {
        process.env.TZ = host;
        expect(iso("2026-10-25T02:30", "Europe/Paris"), host).toBe("2026-10-25T00:30:00.000Z");
        expect(iso("2026-11-01T01:30", LA), host).toBe("2026-11-01T08:30:00.000Z");
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("refuses dates that do not exist and malformed input", () => {
    expect(iso("2026-02-29T10:00", LA)).toBeNull();
    expect(iso("2026-04-31T10:00", LA)).toBeNull();
    expect(iso("2026-04-30T24:00", LA)).toBeNull();
    expect(iso("2026-04-30 10:00", LA)).toBeNull();
    expect(iso("2028-02-29T10:00", LA)).toBe("2028-02-29T18:00:00.000Z");
  });

  it("shows an instant on the studio's clock", () => {
    const instant = new Date("2026-12-05T02:00:00Z");
    expect(formatLocal(instant, LA)).toBe("Fri 4 Dec 2026, 18:00");
    expect(localDate(instant, LA)).toBe("2026-12-04");
    expect(toLocalInput(instant, LA)).toBe("2026-12-04T18:00");
    expect(localDateTimeToInstant(toLocalInput(instant, LA), LA)).toEqual(instant);
  });

  it("knows the IANA zones", () => {
    expect(isTimeZone(LA)).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("america/los_angeles")).toBe(false);
  });
});

describe("money typed in a form", () => {
  it("becomes integer minor units of the currency, and back", () => {
    expect(parseMoney("65", "USD")).toBe(6500);
    expect(parseMoney(" 65.5 ", "USD")).toBe(6550);
    expect(parseMoney("1,250.05", "USD")).toBe(125005);
    expect(parseMoney("0.10", "EUR")).toBe(10);
    expect(parseMoney("6500", "JPY")).toBe(6500);
    expect(parseMoney("19.999", "USD")).toBeNull();
    expect(parseMoney("65.5", "JPY")).toBeNull();
    expect(parseMoney("-5", "USD")).toBeNull();
    expect(parseMoney("1e3", "USD")).toBeNull();
    expect(parseMoney("", "USD")).toBeNull();
    expect(parseMoney("1000001", "USD")).toBeNull();
    expect(minorToDecimal(6550, "USD")).toBe("65.50");
    expect(minorToDecimal(5, "USD")).toBe("0.05");
    expect(minorToDecimal(6500, "JPY")).toBe("6500");
  });
});
