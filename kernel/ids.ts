import { z } from "zod";

/**
 * Ids and codes: the one home of "is this a database id" and of how a typed code is read. Pure.
 * Every id in Livebase is a UUID made by the database; a string that is not one can name nothing, so a use case
 * answers "not found" without asking Postgres (which would refuse the cast with an error, a 500).
 */
const uuid = z.uuid();

export function isUuid(value: unknown): value is string {
  return uuid.safeParse(value).success;
}

/** A code as people type it (k7q m3x, K7Q-M3X, "sh-k7qm3x") reduced to its letters and digits, upper case. */
export function compactCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, "");
}
