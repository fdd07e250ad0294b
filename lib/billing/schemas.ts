import { z } from "zod";
import { str } from "../input";

export const voidChargeSchema = z.object({
  reason: str({ error: "Say why" }).trim().min(3, "Say why (at least 3 characters)").max(500, "At most 500 characters"),
});

export const creditChargeSchema = z.object({
  amount: z.coerce
    .number({ error: "Enter an amount" })
    .positive("Enter an amount above 0")
    .max(1_000_000, "Too large")
    .describe(
      "In major units of the charge's currency (12.50 for USD 12.50, 500 for JPY 500), with at most the currency's decimals",
    ),
  reason: str({ error: "Say why" }).trim().min(3, "Say why (at least 3 characters)").max(500, "At most 500 characters"),
  /** A token from the form or the API's Idempotency-Key: the same credit submitted twice is written once. */
  requestId: str().trim().min(8).max(100).optional(),
});

export const offlinePaymentSchema = z.object({
  note: str({ error: "Say how it was paid" })
    .trim()
    .min(3, "Say how it was paid (at least 3 characters)")
    .max(500, "At most 500 characters"),
});
