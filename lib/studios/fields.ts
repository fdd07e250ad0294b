import { z } from "zod";
import { isSaneLocalDateTime, str, YEAR_RANGE_MESSAGE } from "../input";
import { moneyExample, parseMoney } from "./money";

/**
 * Field schemas for the setup forms. Every field accepts what a form sends (strings, or nothing for a missing
 * field) and answers a message a person can act on; an empty field counts as missing, never as 0.
 */

const blank = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

export const text = (what: string, max: number) =>
  str({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Use at most ${max} characters`);

export const optionalText = (max: number, fallback = "") =>
  z.preprocess((v) => blank(v) ?? fallback, str().trim().max(max, `Use at most ${max} characters`));

export const wholeNumber = (what: string, min: number, max: number) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `Enter ${what}` })
      .int(`Enter ${what} as a whole number`)
      .min(min, `Enter at least ${min}`)
      .max(max, `Enter at most ${max}`),
  );

export const minutes = (what: string, min: number, max: number) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `Enter ${what} in minutes` })
      .int("Use whole minutes")
      .min(min, `At least ${min} minutes`)
      .max(max, `At most ${max} minutes`),
  );

/** A checkbox: present ("on") is true, absent is false. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** An amount in the workspace currency, typed as a decimal, parsed to integer minor units. */
export const money = (currency: string) =>
  z.preprocess(blank, str({ error: "Enter an amount" })).transform((value, ctx) => {
    const minor = parseMoney(value, currency);
    if (minor === null) {
      ctx.addIssue({ code: "custom", message: `Enter an amount in ${currency} like ${moneyExample(currency)}` });
      return z.NEVER;
    }
    return minor;
  });

export const id = (what: string) => z.uuid({ error: `Choose ${what}` });

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
export const timeOfDay = (what: string) =>
  z.preprocess(blank, str({ error: `Enter ${what}` }).regex(TIME_OF_DAY, `Enter ${what} as HH:MM`));

export const weekday = z.preprocess(
  blank,
  z.coerce.number({ error: "Choose a weekday" }).int().min(0, "Choose a weekday").max(6, "Choose a weekday"),
);

export const localDateTime = (what: string) =>
  z.preprocess(
    blank,
    str({ error: `Enter ${what}` })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `Enter ${what} as a date and a time`)
      .refine(isSaneLocalDateTime, YEAR_RANGE_MESSAGE),
  );

/** "ring light, vanity , 3 cameras" → ["ring light", "vanity", "3 cameras"] (no blanks, no repeats). */
export const commaList = (max: number, itemMax: number) =>
  optionalText(2000).transform((value, ctx) => {
    const seen = new Set<string>();
    const items = value
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "" && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
    if (items.length > max) ctx.addIssue({ code: "custom", message: `List at most ${max}` });
    const long = items.find((s) => s.length > itemMax);
    if (long) ctx.addIssue({ code: "custom", message: `"${long.slice(0, 20)}…" is longer than ${itemMax} characters` });
    return items;
  });

/** Photo links, one per line (or separated by spaces or commas): https only. */
export const httpsUrls = (max: number) =>
  optionalText(5000).transform((value, ctx) => {
    const urls = [...new Set(value.split(/[\s,]+/).filter(Boolean))];
    if (urls.length > max) ctx.addIssue({ code: "custom", message: `Add at most ${max} photos` });
    for (const url of urls) {
      if (!isHttpsUrl(url)) ctx.addIssue({ code: "custom", message: `${url.slice(0, 60)} is not an https:// link` });
    }
    return urls;
  });

function isHttpsUrl(value: string) {
  if (value.length > 500) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}
