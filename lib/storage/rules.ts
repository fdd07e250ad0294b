import { addDays, format } from "date-fns";

/** The pure rules of overnight storage (nights are dates on the studio's clock: see nights.ts). */

export type StorageError = "not_found" | "forbidden" | "invalid" | "taken" | "wrong_status" | "insufficient";

export const nextDay = (day: string) => format(addDays(new Date(`${day}T12:00:00Z`), 1), "yyyy-MM-dd");

/** Every night from `first` to `last`, both included. */
export const nightsBetween = (first: string, last: string) => {
  const out: string[] = [];
  for (let d = first; d <= last; d = nextDay(d)) out.push(d);
  return out;
};
