import { describe, expect, it } from "vitest";
import {
  currentTimeZoneName,
  formatDayInZone,
  formatInZone,
  formatLocal,
  formatTimeInZone,
  isTimeZone,
  localDate,
  localDateTimeToInstant,
  timeZoneLabel,
  timeZones,
  toLocalInput,
  zonePlace,
} from "./local-time";
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

describe("time zones as studios choose and read them", () => {
  it("offers no deprecated names, only their current ones", () => {
    const zones = timeZones();
    for (const old of [
      "Asia/Calcutta",
      "Europe/Kiev",
      "Asia/Saigon",
      "Asia/Katmandu",
      "Asia/Rangoon",
      "America/Buenos_Aires",
    ])
      expect(zones).not.toContain(old);
    for (const current of [
      "Asia/Kolkata",
      "Europe/Kyiv",
      "Asia/Ho_Chi_Minh",
      "Asia/Kathmandu",
      "America/Argentina/Buenos_Aires",
      "America/Los_Angeles",
      "UTC",
    ])
      expect(zones).toContain(current);
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones).toEqual([...zones].sort());
  });

  it("still accepts a studio saved under an old name, and maps it to the current one", () => {
    expect(isTimeZone("Asia/Calcutta")).toBe(true);
    expect(isTimeZone("Asia/Kolkata")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(currentTimeZoneName("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(currentTimeZoneName("America/Los_Angeles")).toBe("America/Los_Angeles");
  });

  it("every offered zone works on the studio clock", () => {
    const at = new Date("2026-12-07T14:00:00Z");
    for (const zone of timeZones())
      expect(formatLocal(at, zone), zone).toMatch(/^\w{3} \d{1,2} \w{3} 2026, \d\d:\d\d$/);
    expect(formatLocal(at, "Asia/Kolkata")).toBe("Mon 7 Dec 2026, 19:30");
  });

  it("shows underscores as spaces in labels only (the value stays the IANA name)", () => {
    expect(timeZoneLabel("America/Los_Angeles")).toBe("America/Los Angeles");
    expect(timeZoneLabel("America/Argentina/Buenos_Aires")).toBe("America/Argentina/Buenos Aires");
    expect(timeZoneLabel("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(zonePlace("America/Los_Angeles")).toBe("Los Angeles");
    expect(zonePlace("UTC")).toBe("UTC");
  });
});

describe("times shown to people say whose clock they are on", () => {
  const at = new Date("2026-12-07T14:05:00Z");
  it("shows an instant on the zone's clock, named", () => {
    expect(formatInZone(at, "America/Los_Angeles")).toBe("Mon 7 Dec 2026, 06:05 Los Angeles time");
    expect(formatInZone(at, "Asia/Shanghai")).toBe("Mon 7 Dec 2026, 22:05 Shanghai time");
    expect(formatInZone(at, "UTC")).toBe("Mon 7 Dec 2026, 14:05 UTC");
    expect(formatTimeInZone(at, "America/Los_Angeles")).toBe("06:05 Los Angeles time");
  });

  it("shows the day on the zone's clock, which may not be UTC's", () => {
    const lateInLosAngeles = new Date("2026-12-08T06:30:00Z"); // 22:30 on the 7th in Los Angeles
    expect(formatDayInZone(lateInLosAngeles, "America/Los_Angeles")).toBe("7 Dec 2026 (Los Angeles time)");
    expect(formatDayInZone(lateInLosAngeles, "Asia/Shanghai")).toBe("8 Dec 2026 (Shanghai time)");
  });
});
