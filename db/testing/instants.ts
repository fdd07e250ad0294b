/**
 * The instants on a Los Angeles studio's clock at which date-sensitive tests run, so that no test depends on the
 * hour it happens to run at: after midnight (the evening's sessions still on the floor), opening time, the evening,
 * just before midnight, both DST changes, and the last day of a month. Written with their UTC offsets, so they mean
 * one instant whatever the machine's zone.
 */
export const STUDIO_INSTANTS = [
  { name: "00:30 on a Wednesday", at: new Date("2026-12-09T00:30:00-08:00") },
  { name: "09:00 on a Wednesday", at: new Date("2026-12-09T09:00:00-08:00") },
  { name: "19:30 on a Wednesday", at: new Date("2026-12-09T19:30:00-08:00") },
  { name: "23:45 on a Wednesday", at: new Date("2026-12-09T23:45:00-08:00") },
  { name: "03:30 on a spring-forward day (02:00 → 03:00)", at: new Date("2027-03-14T03:30:00-07:00") },
  { name: "01:30 on a fall-back day (the first of the two)", at: new Date("2026-11-01T01:30:00-07:00") },
  { name: "23:45 on the last day of a month (and year)", at: new Date("2026-12-31T23:45:00-08:00") },
  { name: "23:45 on the last day of February", at: new Date("2027-02-28T23:45:00-08:00") },
] as const;

export const STUDIO_ZONE = "America/Los_Angeles";
