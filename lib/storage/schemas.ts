import { z } from "zod";
import { isoDate, str } from "../input";
import { shipmentItemSchema } from "../samples/schemas";
import { DAY_MS } from "@/kernel/time";

const night = isoDate("Choose a date like 2026-12-01");

export const MAX_NIGHTS = 90;

export const storageUnitSchema = z.object({
  code: str({ error: "Enter a code" })
    .trim()
    .min(1, "Enter a code")
    .max(20, "At most 20 characters")
    .regex(/^[\w.\-/ ]+$/, "Use letters, digits, spaces and . - / _ only"),
  size: z.enum(["S", "M", "L", "XL"], { error: "Choose a size" }).default("M"),
  // The studio currency's decimals are checked by createStorageUnit, which knows the currency.
  nightlyRate: z.coerce
    .number({ error: "Enter a rate" })
    .min(0, "Cannot be negative")
    .max(10_000, "At most 10,000")
    .describe("In major units of the studio's currency"),
});

/** A unit for the nights [firstNight, lastNight] (the nights that start on those dates, in the studio's time zone). */
export const reserveUnitSchema = z
  .object({
    unitId: z.uuid({ error: "Choose a unit" }),
    firstNight: night,
    lastNight: night,
    creatorId: z
      .uuid({ error: "Choose a creator" })
      .optional()
      .describe("Staff, managers and owners: the creator it is for"),
  })
  .superRefine((v, ctx) => {
    const nights =
      Math.round((Date.parse(`${v.lastNight}T00:00:00Z`) - Date.parse(`${v.firstNight}T00:00:00Z`)) / DAY_MS) + 1;
    if (nights < 1)
      ctx.addIssue({ code: "custom", path: ["lastNight"], message: "The last night cannot be before the first" });
    else if (nights > MAX_NIGHTS)
      ctx.addIssue({ code: "custom", path: ["lastNight"], message: `At most ${MAX_NIGHTS} nights at a time` });
  });
export type ReserveUnitInput = z.infer<typeof reserveUnitSchema>;

export const storeGoodsSchema = z.object({
  items: z
    .array(shipmentItemSchema.pick({ sku: true, name: true, quantity: true }), { error: "Add what goes in" })
    .min(1, "Add at least one item")
    .max(100, "At most 100 lines"),
});
export type StoreGoodsInput = z.infer<typeof storeGoodsSchema>;
