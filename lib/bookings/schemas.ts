import { z } from "zod";
import { isoDate, isoInstant, str } from "../input";
import { emailSchema } from "../auth/schemas";
import { DAY_MS } from "@/kernel/time";

const instant = (label: string) =>
  isoInstant(`${label} must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T19:00:00-08:00`);

/** The value of "Someone new" in the booking form's creator list: the booking is for the address typed below it. */
export const NEW_CREATOR = "new";

/** A walk-in who is not a member yet, by address and name (lib/bookings/walk-in.ts). */
export const newCreatorSchema = z.object({
  email: str({ error: "Enter the creator's email address" })
    .trim()
    .min(1, "Enter the creator's email address")
    .pipe(emailSchema),
  name: str({ error: "Enter the creator's name" })
    .trim()
    .min(1, "Enter the creator's name")
    .max(100, "At most 100 characters"),
});

export const createBookingSchema = z
  .object({
    roomId: z.uuid({ error: "roomId must be a room id" }),
    startsAt: instant("startsAt"),
    endsAt: instant("endsAt"),
    addOnIds: z
      .array(z.uuid({ error: "addOnIds must be add-on ids" }))
      .max(20, "At most 20 add-ons")
      .default([]),
    notes: str().max(1000, "At most 1000 characters").default(""),
    creatorId: z.uuid({ error: "creatorId must be a user id" }).optional(),
    /** A walk-in who is not a member yet: staff book for this address, which gets an account or joins (walk-in.ts). */
    newCreator: newCreatorSchema.optional(),
    hold: z.boolean().default(false),
  })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "endsAt must be after startsAt" })
  .refine((v) => !(v.creatorId && v.newCreator), {
    path: ["creatorId"],
    message: "Give either creatorId or newCreator, not both",
  });
export type CreateBookingInput = z.infer<typeof createBookingSchema>;

export const rescheduleBookingSchema = z
  .object({ startsAt: instant("startsAt"), endsAt: instant("endsAt") })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "endsAt must be after startsAt" });

const localDate = (label: string) => isoDate(`${label} must be a date YYYY-MM-DD`);

export const availabilityQuerySchema = z
  .object({
    roomId: z.uuid({ error: "roomId must be a room id" }),
    from: localDate("from"),
    to: localDate("to"),
    durationMinutes: z.coerce
      .number({ error: "durationMinutes must be a number" })
      .int("durationMinutes must be whole minutes")
      .min(15)
      .max(24 * 60),
  })
  .refine((v) => v.to >= v.from, { path: ["to"], message: "to must not be before from" })
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / DAY_MS <= 62, {
    path: ["to"],
    message: "Ask for at most 62 days at a time",
  });

// Weekly series and the waitlist (issue 3). Weekdays are 0 = Sunday .. 6 = Saturday, like opening hours.
export const seriesSchema = z.object({
  roomId: z.uuid({ error: "roomId must be a room id" }),
  weekdays: z
    .array(z.number({ error: "weekdays must be numbers 0 (Sunday) to 6 (Saturday)" }).int().min(0).max(6), {
      error: "weekdays must be a list of days",
    })
    .min(1, "Choose at least one weekday")
    .max(7)
    .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
  startTime: str().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "startTime must be HH:MM (studio time)"),
  durationMinutes: z
    .number({ error: "durationMinutes must be a number" })
    .int("durationMinutes must be whole minutes")
    .min(15)
    .max(24 * 60),
  weeks: z.number({ error: "weeks must be a number" }).int().min(1, "At least 1 week").max(26, "At most 26 weeks"),
  firstDate: localDate("firstDate"),
  notes: str().max(1000, "At most 1000 characters").default(""),
  creatorId: z.uuid({ error: "creatorId must be a user id" }).optional(),
});
export type SeriesInput = z.infer<typeof seriesSchema>;
export const seriesModeSchema = z.enum(["free_only", "all_or_nothing"], {
  error: "mode must be free_only or all_or_nothing",
});
export const seriesRequestSchema = seriesSchema.extend({
  mode: seriesModeSchema.default("free_only"),
  dryRun: z.boolean({ error: "dryRun must be true or false" }).optional(),
});

/**
 * `?dryRun=` on the series route: `true`/`1` checks and books nothing, `false`/`0` (or no parameter) books. Any other
 * value is refused: read loosely, a typo ("yes", "TRUE ") would book for real what the client meant to preview.
 */
export const seriesQuerySchema = z.object({
  dryRun: z
    .enum(["true", "1", "false", "0"], { error: "dryRun must be true or false" })
    .optional()
    .describe("true or 1: check every date and book nothing; false or 0: book"),
});

export const waitlistJoinSchema = z
  .object({
    roomId: z.uuid({ error: "roomId must be a room id" }),
    startsAt: instant("startsAt"),
    endsAt: instant("endsAt"),
    creatorId: z.uuid({ error: "creatorId must be a user id" }).optional(),
  })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "endsAt must be after startsAt" });
export type WaitlistJoinInput = z.infer<typeof waitlistJoinSchema>;
