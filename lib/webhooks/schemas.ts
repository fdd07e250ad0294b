import { z } from "zod";
import { str } from "../input";
import { WEBHOOK_EVENTS } from "./events";
import { endpointUrlProblem } from "./url-policy";

export const MAX_ENDPOINTS_PER_BRAND = 10;

const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS, { error: "Choose events from the list" }))
  .max(WEBHOOK_EVENTS.length)
  // Sorted and unique, so the same choice is stored the same way.
  .transform((events) => WEBHOOK_EVENTS.filter((e) => events.includes(e)));

const descriptionSchema = str().trim().max(200, "Use at most 200 characters");

/**
 * The URL's syntax (the same everywhere). Whether a private or loopback host is allowed depends on where the app
 * runs, so the use case checks that part with `endpointUrlProblem(url, { allowPrivateHosts })`.
 */
const urlSchema = str({ error: "Enter the URL of your receiver" })
  .trim()
  .min(1, "Enter the URL of your receiver")
  .max(2000, "Use a URL of at most 2,000 characters")
  .superRefine((url, ctx) => {
    const problem = endpointUrlProblem(url, { allowPrivateHosts: true });
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const createEndpointSchema = z.object({
  url: urlSchema,
  description: descriptionSchema.default(""),
  /** Empty: every event, including events added later. */
  events: eventsSchema.default([]),
});
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const updateEndpointSchema = z.object({
  description: descriptionSchema.optional(),
  events: eventsSchema.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateEndpointInput = z.infer<typeof updateEndpointSchema>;

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);
