import { randomInt } from "node:crypto";

// No 0/O, 1/I/L: codes are read aloud and typed at the front desk.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A short booking code (e.g. "K7Q-M3X"), unique per workspace by a database index. */
export function newBookingCode() {
  let s = "";
  for (let i = 0; i < 6; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 3)}-${s.slice(3)}`;
}
