import { z } from "zod";

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T19:00:00-08:00` }).transform((s) => new Date(s));

export const createBookingSchema = z
  .object({
    roomId: z.uuid({ error: "roomId must be a room id" }),
    startsAt: instant("startsAt"),
    endsAt: instant("endsAt"),
    addOnIds: z.array(z.uuid({ error: "addOnIds must be add-on ids" })).max(20, "At most 20 add-ons").default([]),
    notes: z.string().max(1000, "At most 1000 characters").default(""),
    creatorId: z.uuid({ error: "creatorId must be a user id" }).optional(),
    hold: z.boolean().default(false),
  })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "endsAt must be after startsAt" });
export type CreateBookingInput = z.infer<typeof createBookingSchema>;

export const rescheduleBookingSchema = z
  .object({ startsAt: instant("startsAt"), endsAt: instant("endsAt") })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "endsAt must be after startsAt" });

const localDate = (label: string) => z.iso.date({ error: `${label} must be a date YYYY-MM-DD` });

export const availabilityQuerySchema = z
  .object({
    roomId: z.uuid({ error: "roomId must be a room id" }),
    from: localDate("from"),
    to: localDate("to"),
    durationMinutes: z.coerce.number({ error: "durationMinutes must be a number" }).int("durationMinutes must be whole minutes").min(15).max(24 * 60),
  })
  .refine((v) => v.to >= v.from, { path: ["to"], message: "to must not be before from" })
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 <= 62, { path: ["to"], message: "Ask for at most 62 days at a time" });
