import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { rooms, studios, workspaces } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { audit, denied, notFound, ownStudio } from "./access";
import { currencyChangeBlocker } from "./currency-change";
import type { StudioInput } from "./schemas";

type StudioError = "not_allowed" | "not_found" | "name_taken" | "currency_locked";

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
 * stored quote, and storage nights are taxed by the studio's settings when each night is charged.
 */
const taxColumns = (input: Pick<StudioInput, "taxMode" | "taxRate" | "taxName">) => ({
  taxMode: input.taxMode,
  taxRate: input.taxRate,
  taxName: input.taxName,
});

/** Adds a studio, priced in the workspace's currency unless another is chosen. The workspace row is locked so two studios cannot take the same name at once. */
export async function createStudio(
  db: Db,
  actor: Actor,
  input: StudioInput,
  _now?: Date,
): Promise<Result<{ id: string }, StudioError>> {
  const refused = denied(actor);
  if (refused) return refused;
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
        ...taxColumns(input),
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
  _now?: Date,
): Promise<Result<{ id: string }, StudioError>> {
  const refused = denied(actor);
  if (refused) return refused;
  return db.transaction(async (tx) => {
    await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("update");
    const studio = await ownStudio(tx, actor, input.studioId, { lock: true });
    if (!studio) return notFound("studio");
    if (await nameInUse(tx, actor.workspaceId, input.name, studio.id)) return nameTaken();
    const currency = input.currency ?? studio.currency;
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
        ...taxColumns(input),
      })
      .where(eq(studios.id, studio.id));
    const changed = {
      ...(studio.timeZone !== input.timeZone ? { timeZone: { from: studio.timeZone, to: input.timeZone } } : {}),
      ...(studio.currency !== currency ? { currency: { from: studio.currency, to: currency } } : {}),
      ...(studio.taxMode !== input.taxMode ||
      Number(studio.taxRate) !== Number(input.taxRate) ||
      studio.taxName !== input.taxName
        ? { tax: { from: { mode: studio.taxMode, rate: studio.taxRate, name: studio.taxName }, to: taxColumns(input) } }
        : {}),
    };
    await audit(tx, actor, "studio.updated", { type: "studio", id: studio.id }, { name: input.name, ...changed });
    return ok({ id: studio.id });
  });
}
