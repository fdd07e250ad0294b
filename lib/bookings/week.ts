import { TZDate } from "@date-fns/tz";
import { addDays, format, startOfWeek } from "date-fns";
import { isSaneDate } from "../input";

/** The 7 local dates (Monday first) of the week containing `anchor` ("YYYY-MM-DD"), in a zone. */
export function weekDates(anchor: string) {
  const [y, m, d] = anchor.split("-").map(Number);
  const monday = startOfWeek(new Date(Date.UTC(y, m - 1, d, 12)), { weekStartsOn: 1 });
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i).toISOString().slice(0, 10));
}

export function shiftDate(date: string, days: number) {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days, 12)).toISOString().slice(0, 10);
}

/** The local date and "HH:mm" of an instant in a zone. */
export function localParts(instant: Date, timeZone: string) {
  const t = new TZDate(instant, timeZone);
  return { date: format(t, "yyyy-MM-dd"), time: format(t, "HH:mm"), label: format(t, "EEE d MMM") };
}

/** A date a page may be asked for: the one rule in lib/input.ts (real, between 2000 and 2100). */
export const isIsoDate = isSaneDate;
