import { z } from "zod";
import { str } from "../input";

/** The run sheet's check-in box: the studio the desk is at, and what the scanner (or a person) typed. */
export const checkInByCodeSchema = z.object({
  studioId: z.uuid({ error: "Choose the studio you are at" }),
  code: str({ error: "Scan or type a booking code" })
    .trim()
    .min(1, "Scan or type a booking code")
    .max(40, "A booking code is 6 letters and digits, like K7Q-M3X"),
});
export type CheckInByCodeInput = z.output<typeof checkInByCodeSchema>;
