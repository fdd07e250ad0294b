import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { rooms, studios, workspaces, type TaxAddress } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { audit, denied, notFound, ownStudio } from "./access";
import { currencyChangeBlocker } from "./currency-change";
import type { StudioInput } from "./schemas";
import { askStripeTax, type StripeTaxAnswer } from "../billing/stripe-tax";
import type { PaymentsMode } from "../billing/connect";
import type { StripeOrNull } from "../billing/stripe-client";

type StudioError = "not_allowed" | "not_found" | "name_taken" | "currency_locked" | "stripe_tax";

const nameTaken = () =>
  fail("name_taken", { fieldErrors: { name: ["Another studio of this workspace has that name."] } });

async function nameInUse(db: DbOrTx, workspaceId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: studios.id })
    .from(studios)
    .where(
      and(
        eq(studios.workspaceId, workspaceId),
        sql`lower(${studios.name}) = lower(${name})`,
        exceptId ? ne(studios.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * The tax columns of a studio. A new rate or mode applies to quotes from then on: bookings keep the tax of their
 * stored quote, and storage nights are taxed by the studio's settings when each night is charged. With Stripe Tax
 * the rate and name are Stripe Tax's answer for the studio's address (`asked`), never typed.
 */
const taxColumns = (
  input: Pick<StudioInput, "taxMode" | "taxRate" | "taxName" | "taxSource" | "taxAddress">,
  asked: StripeTaxAnswer | null,
  now: Date,
) =>
  input.taxSource === "stripe" && asked
    ? {
        taxMode: input.taxMode,
        taxSource: input.taxSource,
        taxAddress: input.taxAddress,
        taxRate: asked.ratePercent,
        taxName: asked.name,
        taxCheckedAt: now,
        taxCheckError: null,
      }
    : {
        taxMode: input.taxMode,
        taxSource: "studio" as const,
        taxAddress: null,
        taxRate: input.taxRate,
        taxName: input.taxName,
        taxCheckedAt: null,
        taxCheckError: null,
      };

/**
 * Stripe Tax's rate for the studio's address, asked before the studio is written (outside its transaction: a
 * network call never holds a lock). A refusal keeps the form, with Stripe's reason on the tax fields.
 */
async function askFirst(
  db: Db,
  actor: Actor,
  input: StudioInput,
  currency: string,
  opts: StripeTaxOptions,
): Promise<Result<StripeTaxAnswer | null, StudioError>> {
  if (input.taxSource !== "stripe" || !input.taxAddress) return ok(null);
  const answer = await askStripeTax(
    db,
    actor.workspaceId,
    { address: input.taxAddress, currency, inclusive: input.taxMode === "inclusive" },
    opts,
  );
  if (answer.ok) return answer;
  return fail("stripe_tax", { message: "The studio was not saved.", fieldErrors: { taxSource: [answer.message!] } });
}

/** Field by field: jsonb hands keys back in its own order. */
const sameAddress = (a: TaxAddress | null, b: TaxAddress | null) =>
  a === null || b === null
    ? a === b
    : (["line1", "city", "state", "postalCode", "country"] as const).every((k) => a[k] === b[k]);

export type StripeTaxOptions = { stripe?: StripeOrNull; mode?: PaymentsMode };

/** Adds a studio, priced in the workspace's currency unless another is chosen. The workspace row is locked so two studios cannot take the same name at once. */
export async function createStudio(
  db: Db,
  actor: Actor,
  input: StudioInput,
  now: Date = new Date(),
  opts: StripeTaxOptions = {},
): Promise<Result<{ id: string }, StudioError>> {
  const refused = denied(actor);
  if (refused) return refused;
  const [ws] = await db
    .select({ currency: workspaces.currency })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId));
  const asked = await askFirst(db, actor, input, input.currency ?? ws?.currency ?? "USD", opts);
  if (!asked.ok) return asked;
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .select({ id: workspaces.id, currency: workspaces.currency })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId))
      .for("update");
    if (await nameInUse(tx, actor.workspaceId, input.name)) return nameTaken();
    const [row] = await tx
      .insert(studios)
      .values({
        workspaceId: actor.workspaceId,
        name: input.name,
        address: input.address,
        timeZone: input.timeZone,
        openingHours: input.openingHours,
        currency: input.currency ?? workspace.currency,
        ...taxColumns(input, asked.value, now),
      })
      .returning({ id: studios.id });
    await audit(tx, actor, "studio.created", { type: "studio", id: row.id }, { name: input.name });
    return ok({ id: row.id });
  });
}

/**
 * Changes a studio's name, address, time zone, weekly opening hours and currency. A new currency is refused, on
 * its field, while anything priced in the old one is still to be settled (`currencyChangeBlocker`).
 */
export async function updateStudio(
  db: Db,
  actor: Actor,
  input: StudioInput & { studioId: string },
  now: Date = new Date(),
  opts: StripeTaxOptions = {},
): Promise<Result<{ id: string }, StudioError>> {
  const refused = denied(actor);
  if (refused) return refused;
  const before = await ownStudio(db, actor, input.studioId);
  if (!before) return notFound("studio");
  const currency = input.currency ?? before.currency;
  // An edit that leaves Stripe Tax's question as it was (same address, mode and currency) keeps its last answer,
  // so renaming a studio never waits on Stripe; the daily check keeps the rate current.
  const sameQuestion =
    input.taxSource === "stripe" &&
    before.taxSource === "stripe" &&
    before.taxMode === input.taxMode &&
    before.currency === currency &&
    sameAddress(before.taxAddress, input.taxAddress);
  const asked = sameQuestion ? ok(null) : await askFirst(db, actor, input, currency, opts);
  if (!asked.ok) return asked;
  return db.transaction(async (tx) => {
    await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("update");
    const studio = await ownStudio(tx, actor, input.studioId, { lock: true });
    if (!studio) return notFound("studio");
    if (await nameInUse(tx, actor.workspaceId, input.name, studio.id)) return nameTaken();
    if (currency !== studio.currency) {
      // The rooms' locks wait for bookings in flight in this studio (they hold their room's), so they are counted.
      await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.studioId, studio.id)).for("update");
      const blocker = await currencyChangeBlocker(tx, studio, currency);
      if (blocker)
        return fail("currency_locked", { message: "The studio was not saved.", fieldErrors: { currency: [blocker] } });
    }
    await tx
      .update(studios)
      .set({
        name: input.name,
        address: input.address,
        timeZone: input.timeZone,
        openingHours: input.openingHours,
        currency,
        ...(sameQuestion ? {} : taxColumns(input, asked.value, now)),
      })
      .where(eq(studios.id, studio.id));
    const tax = sameQuestion ? studio : taxColumns(input, asked.value, now);
    const changed = {
      ...(studio.timeZone !== input.timeZone ? { timeZone: { from: studio.timeZone, to: input.timeZone } } : {}),
      ...(studio.currency !== currency ? { currency: { from: studio.currency, to: currency } } : {}),
      ...(studio.taxMode !== tax.taxMode ||
      studio.taxSource !== tax.taxSource ||
      Number(studio.taxRate) !== Number(tax.taxRate) ||
      studio.taxName !== tax.taxName
        ? {
            tax: {
              from: { mode: studio.taxMode, source: studio.taxSource, rate: studio.taxRate, name: studio.taxName },
              to: { mode: tax.taxMode, source: tax.taxSource, rate: tax.taxRate, name: tax.taxName },
            },
          }
        : {}),
    };
    await audit(tx, actor, "studio.updated", { type: "studio", id: studio.id }, { name: input.name, ...changed });
    return ok({ id: studio.id });
  });
}
