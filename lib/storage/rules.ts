import { addNights } from "./nights";

/** The pure rules of overnight storage (nights are dates on the studio's clock: see nights.ts). */

export type StorageError = "not_found" | "forbidden" | "invalid" | "taken" | "wrong_status" | "insufficient";

/** Every night from `first` to `last`, both included. */
export const nightsBetween = (first: string, last: string) => {
  const out: string[] = [];
  for (let d = first; d <= last; d = addNights(d, 1)) out.push(d);
  return out;
};
