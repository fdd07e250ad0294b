import { z } from "zod";

/** Response shapes of /api/v1, for the OpenAPI document (the handlers build exactly these). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    rule: z.string().optional().describe("422: the booking rule that forbids the request"),
    conflict: z
      .object({ startsAt: z.string(), endsAt: z.string() })
      .optional()
      .describe("409: the taken range, buffer included"),
  })
  .describe("RFC 9457 problem details");

export const studiosResponseSchema = z.object({
  data: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      timeZone: z.string(),
      address: z.string(),
      currency: z.string().describe("ISO 4217: the studio's rooms, add-ons, storage and fees are priced in it"),
      rooms: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          active: z.boolean(),
          hourlyRateCents: z.number().int(),
          currency: z.string(),
          stepMinutes: z.number().int(),
          minMinutes: z.number().int(),
          maxMinutes: z.number().int(),
          bufferMinutes: z.number().int(),
          capacity: z.number().int(),
          features: z.array(z.string()),
        }),
      ),
    }),
  ),
});

export const availabilityResponseSchema = z.object({
  timeZone: z.string(),
  data: z.array(z.object({ roomId: z.uuid(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime() })),
});

export const meResponseSchema = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable() }),
  workspace: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), currency: z.string() }),
  role: z.enum(["owner", "manager", "staff", "creator", "brand"]),
  studioIds: z.array(z.uuid()).optional(),
  brandId: z.uuid().nullable().optional(),
});
