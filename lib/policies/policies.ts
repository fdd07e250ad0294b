import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { workspaces } from "@/db/schema";

/** A workspace's booking and fee policies; missing keys take these defaults. */
export const policiesSchema = z.object({
  minNoticeMinutes: z.coerce
    .number({ error: "Enter a number of minutes" })
    .int("Use whole minutes")
    .min(0, "Cannot be negative")
    .max(43_200, "At most 30 days")
    .default(60),
  bookingWindowDays: z.coerce
    .number({ error: "Enter a number of days" })
    .int("Use whole days")
    .min(1, "At least 1 day")
    .max(365, "At most 365 days")
    .default(90),
  holdMinutes: z.coerce
    .number({ error: "Enter a number of minutes" })
    .int("Use whole minutes")
    .min(1, "At least 1 minute")
    .max(240, "At most 240 minutes")
    .default(15),
  freeCancellationHours: z.coerce
    .number({ error: "Enter a number of hours" })
    .int("Use whole hours")
    .min(0, "Cannot be negative")
    .max(720, "At most 30 days")
    .default(24),
  lateCancelFeePercent: z.coerce
    .number({ error: "Enter a percentage" })
    .int("Use a whole percentage")
    .min(0, "Cannot be negative")
    .max(100, "At most 100 %")
    .default(50),
  noShowFeePercent: z.coerce
    .number({ error: "Enter a percentage" })
    .int("Use a whole percentage")
    .min(0, "Cannot be negative")
    .max(100, "At most 100 %")
    .default(100),
  // Billing. "auto": a card on file is required to book exactly when Stripe is connected.
  cardOnFile: z.enum(["auto", "required", "not_required"], { error: "Choose when a card is required" }).default("auto"),
  // A creator with a failed payment cannot book again until it is settled.
  blockBookingWhenUnpaid: z.enum(["yes", "no"], { error: "Choose yes or no" }).default("yes"),
  // Charges wait this long before they are invoiced, so a manager can still void a mistake.
  // The floor: check-in opens this long before a session; a session nobody checked in to becomes a no-show
  // after the grace period; overtime starts after its own grace and is charged per started 15 minutes.
  checkInOpensMinutes: z.coerce
    .number({ error: "Enter a number of minutes" })
    .int("Use whole minutes")
    .min(0, "Cannot be negative")
    .max(240, "At most 240 minutes")
    .default(60),
  noShowGraceMinutes: z.coerce
    .number({ error: "Enter a number of minutes" })
    .int("Use whole minutes")
    .min(0, "Cannot be negative")
    .max(240, "At most 240 minutes")
    .default(15),
  overtimeGraceMinutes: z.coerce
    .number({ error: "Enter a number of minutes" })
    .int("Use whole minutes")
    .min(0, "Cannot be negative")
    .max(60, "At most 60 minutes")
    .default(5),
  overtimeRatePercent: z.coerce
    .number({ error: "Enter a percentage" })
    .int("Use a whole percentage")
    .min(100, "At least 100 %")
    .max(500, "At most 500 %")
    .default(150),
  // Goods left in a storage unit after the reserved nights: each extra night at this % of the nightly rate.
  storageOverrunPercent: z.coerce
    .number({ error: "Enter a percentage" })
    .int("Use a whole percentage")
    .min(0, "Cannot be negative")
    .max(500, "At most 500 %")
    .default(150),
  invoiceDelayMinutes: z.coerce
    .number({ error: "Enter a number of minutes" })
    .int("Use whole minutes")
    .min(0, "Cannot be negative")
    .max(10_080, "At most 7 days")
    .default(60),
});
export type Policies = z.infer<typeof policiesSchema>;

export const DEFAULT_POLICIES: Policies = policiesSchema.parse({});

/** Stored policies merged over the defaults; a stored value that no longer validates falls back to its default. */
export function readPolicies(stored: unknown): Policies {
  const raw = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...DEFAULT_POLICIES };
  for (const key of Object.keys(DEFAULT_POLICIES)) {
    const one = policiesSchema.shape[key as keyof Policies].safeParse(raw[key]);
    if (one.success && raw[key] !== undefined) out[key] = one.data;
  }
  return out as Policies;
}

export async function getPolicies(db: DbOrTx, workspaceId: string): Promise<Policies> {
  const [row] = await db
    .select({ policies: workspaces.policies })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return readPolicies(row?.policies);
}
