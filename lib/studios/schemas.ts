import { z } from "zod";
import { isoDate, str } from "../input";
import { policiesSchema } from "../policies/policies";
import {
  checkbox,
  commaList,
  httpsUrls,
  id,
  localDateTime,
  minutes,
  money,
  optionalText,
  text,
  timeOfDay,
  weekday,
  wholeNumber,
} from "./fields";
import { STUDIO_CURRENCIES } from "../money";
import { isTimeZone } from "./local-time";
import { MAX_RANGES_PER_DAY, openingHoursProblems, sortOpeningHours } from "./opening-hours";
import { DAY_MS } from "@/kernel/time";
import type { TaxAddress } from "@/db/schema";

/**
 * The operator's setup, one schema per form. The server actions parse with these; the use cases take their
 * output. Amounts are typed in the workspace currency, so the schemas that hold money are made per currency.
 */

export const openingHoursSchema = z
  .array(z.object({ weekday: z.number().int().min(0).max(6), opens: str(), closes: str() }), {
    error: "Enter the opening hours",
  })
  .max(7 * MAX_RANGES_PER_DAY, `Use at most ${MAX_RANGES_PER_DAY} ranges a day`)
  .superRefine((hours, ctx) => {
    for (const message of openingHoursProblems(hours)) ctx.addIssue({ code: "custom", message });
  })
  .transform(sortOpeningHours);

/** The form fields of a studio's address for Stripe Tax. */
export const TAX_ADDRESS_FIELDS = ["taxLine1", "taxCity", "taxState", "taxPostalCode", "taxCountry"] as const;

const TAX_RATE = /^\d{1,3}(\.\d{1,3})?$/;

export const studioSchema = z
  .object({
    name: text("a name", 80),
    address: optionalText(200),
    timeZone: str({ error: "Choose a time zone" }).refine(isTimeZone, "Choose a time zone from the list"),
    openingHours: openingHoursSchema,
    /** Missing: a new studio takes the workspace's currency, an edited one keeps its own. */
    currency: z.enum(STUDIO_CURRENCIES, { error: "Choose a currency from the list" }).optional(),
    /** Prices exclude tax (added on top), include it (carved out), or there is none. Missing: none. */
    taxMode: z.enum(["none", "exclusive", "inclusive"], { error: "Choose how prices treat tax" }).default("none"),
    /** The rate is typed here (`studio`) or given by Stripe Tax for the address below (`stripe`). Missing: typed. */
    taxSource: z.enum(["studio", "stripe"], { error: "Choose where the tax rate comes from" }).default("studio"),
    taxRate: optionalText(20),
    taxName: optionalText(40),
    /** Where the studio stands, as Stripe Tax reads it (only with Stripe Tax). */
    taxLine1: optionalText(200),
    taxCity: optionalText(100),
    taxState: optionalText(40),
    taxPostalCode: optionalText(20),
    taxCountry: optionalText(2),
  })
  .superRefine((v, ctx) => {
    if (v.taxMode === "none") return;
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.taxSource === "stripe") {
      if (!/^[A-Za-z]{2}$/.test(v.taxCountry)) issue("taxCountry", "Enter the country as two letters, like US or FR");
      if (v.taxCountry.toUpperCase() === "US") {
        if (!/^[A-Za-z]{2}$/.test(v.taxState)) issue("taxState", "Enter the state as two letters, like CA");
        if (!/^\d{5}(-\d{4})?$/.test(v.taxPostalCode)) issue("taxPostalCode", "Enter the ZIP code, like 90021");
      }
      return;
    }
    const rate = v.taxRate.replace(/\s*%$/, "");
    if (!TAX_RATE.test(rate) || Number(rate) <= 0 || Number(rate) > 100)
      issue("taxRate", "Enter the rate as a percent above 0 and at most 100, with at most 3 decimals, like 9.5");
    if (v.taxName === "") issue("taxName", "Name the tax as invoices should show it, like VAT or CA sales tax");
  })
  // No tax keeps no rate or name, so a studio that charges none never shows one. Stripe Tax's rate and name are
  // its own answer (asked by the use case), never typed; its address is kept only with it.
  .transform(({ taxLine1, taxCity, taxState, taxPostalCode, taxCountry, ...v }) => {
    if (v.taxMode === "none")
      return { ...v, taxSource: "studio" as const, taxRate: "0", taxName: "", taxAddress: null };
    if (v.taxSource === "studio") return { ...v, taxRate: v.taxRate.replace(/\s*%$/, ""), taxAddress: null };
    const taxAddress: TaxAddress = {
      line1: taxLine1,
      city: taxCity,
      state: taxState.toUpperCase(),
      postalCode: taxPostalCode,
      country: taxCountry.toUpperCase(),
    };
    return { ...v, taxRate: "0", taxName: "", taxAddress };
  });
export type StudioInput = z.output<typeof studioSchema>;
export const updateStudioSchema = z.intersection(studioSchema, z.object({ studioId: id("a studio") }));

const MAX_CLOSURE_DAYS = 366;
export const closureSchema = z
  .object({
    studioId: id("a studio"),
    startsOn: isoDate("Enter the first closed day"),
    endsOn: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      isoDate("Enter a date, or leave it empty for one day").optional(),
    ),
    reason: text("a reason", 200),
  })
  .transform((v) => ({ ...v, endsOn: v.endsOn ?? v.startsOn }))
  .refine((v) => v.endsOn >= v.startsOn, { path: ["endsOn"], message: "The last day cannot be before the first" })
  .refine((v) => (Date.parse(v.endsOn) - Date.parse(v.startsOn)) / DAY_MS < MAX_CLOSURE_DAYS, {
    path: ["endsOn"],
    message: `Close for at most ${MAX_CLOSURE_DAYS} days at a time`,
  });
export type ClosureInput = z.output<typeof closureSchema>;

export const STEPS = [15, 30, 60] as const;

const roomFields = (currency: string) =>
  z.object({
    name: text("a name", 80),
    kind: optionalText(40, "set"),
    capacity: wholeNumber("how many people fit", 1, 50),
    features: commaList(20, 40),
    photos: httpsUrls(10),
    hourlyRate: money(currency),
    stepMinutes: z.preprocess((v) => Number(v), z.literal(STEPS, { error: "Choose 15, 30 or 60 minutes" })),
    minMinutes: minutes("the shortest booking", 15, 1440),
    maxMinutes: minutes("the longest booking", 15, 1440),
    bufferMinutes: minutes("the turnover buffer", 0, 240),
    active: checkbox,
  });

function checkDurations(v: { stepMinutes: number; minMinutes: number; maxMinutes: number }, ctx: z.RefinementCtx) {
  if (v.minMinutes % v.stepMinutes !== 0)
    ctx.addIssue({
      code: "custom",
      path: ["minMinutes"],
      message: `Use a multiple of the ${v.stepMinutes}-minute step`,
    });
  if (v.maxMinutes % v.stepMinutes !== 0)
    ctx.addIssue({
      code: "custom",
      path: ["maxMinutes"],
      message: `Use a multiple of the ${v.stepMinutes}-minute step`,
    });
  if (v.minMinutes > v.maxMinutes)
    ctx.addIssue({
      code: "custom",
      path: ["maxMinutes"],
      message: "The longest booking cannot be shorter than the shortest",
    });
}

const withCents = <T extends { hourlyRate: number }>({ hourlyRate, ...rest }: T) => ({
  ...rest,
  hourlyRateCents: hourlyRate,
});

export const createRoomSchema = (currency: string) =>
  roomFields(currency)
    .extend({ studioId: id("a studio") })
    .superRefine(checkDurations)
    .transform(withCents);
export const updateRoomSchema = (currency: string) =>
  roomFields(currency)
    .extend({ roomId: id("a room") })
    .superRefine(checkDurations)
    .transform(withCents);
export type RoomInput = Omit<z.output<ReturnType<typeof createRoomSchema>>, "studioId">;

export const roomBlockSchema = z
  .object({
    roomId: id("a room"),
    startsAt: localDateTime("the start"),
    endsAt: localDateTime("the end"),
    reason: optionalText(200),
  })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "The end must be after the start" });
export type RoomBlockInput = z.output<typeof roomBlockSchema>;

/** Multipliers as Postgres numeric(5,2) holds them, from 0.01 (a discount) to 10 × the room rate. */
const MULTIPLIER = /^(\d{1,2})(\.\d{1,2})?$/;

export const pricingRuleSchema = (currency: string) =>
  z
    .object({
      roomId: id("a room"),
      name: optionalText(40, "Peak"),
      weekday,
      startsAt: timeOfDay("the start"),
      endsAt: timeOfDay("the end"),
      priceKind: z.enum(["rate", "multiplier"], { error: "Choose an hourly rate or a multiplier" }),
      price: z.preprocess(
        (v) => (typeof v === "string" ? v.trim() : v),
        str({ error: "Enter the price" }).min(1, "Enter the price"),
      ),
    })
    .transform((v, ctx) => {
      const { price, priceKind, ...rule } = v;
      if (priceKind === "rate") {
        const parsed = money(currency).safeParse(price);
        if (!parsed.success) ctx.addIssue({ code: "custom", path: ["price"], message: parsed.error.issues[0].message });
        return { ...rule, rateCents: parsed.data ?? 0, multiplier: null };
      }
      const value = Number(price);
      if (!MULTIPLIER.test(price) || value <= 0 || value > 10) {
        ctx.addIssue({
          code: "custom",
          path: ["price"],
          message: "Enter a multiplier like 1.5 (more than 0, at most 10, 2 decimals)",
        });
      }
      return { ...rule, rateCents: null, multiplier: MULTIPLIER.test(price) ? value.toFixed(2) : "0" };
    });
export type PricingRuleInput = z.output<ReturnType<typeof pricingRuleSchema>>;

const addOnFields = (currency: string) =>
  z.object({
    name: text("a name", 80),
    pricing: z.enum(["flat", "per_hour"], { error: "Choose flat or per hour" }),
    price: money(currency),
  });
export const createAddOnSchema = (currency: string) => addOnFields(currency).extend({ studioId: id("a studio") });
export const updateAddOnSchema = (currency: string) => addOnFields(currency).extend({ addOnId: id("an add-on") });
export type AddOnInput = z.output<ReturnType<typeof addOnFields>>;

export const addOnActiveSchema = z.object({ addOnId: id("an add-on"), active: checkbox });

/** The policies form: policiesSchema, where an empty field is an error instead of its default. */
export const policiesFormSchema = z.object(
  Object.fromEntries(
    Object.entries(policiesSchema.shape).map(([key, field]) => [
      key,
      z.preprocess((v) => (v === "" || v === null || v === undefined ? Number.NaN : v), field),
    ]),
  ) as { [K in keyof typeof policiesSchema.shape]: z.ZodPipe<z.ZodTransform, (typeof policiesSchema.shape)[K]> },
);
