"use server";
import { memberAction } from "@/app/_lib/actions";
import { fieldErrorsOf, formValues as formValuesOf } from "@/lib/action-state";
import { readForm } from "@/lib/actions/read-form";
import { CHECK_FIELDS, type Refusals } from "@/lib/actions/refusal";
import type { Member } from "@/lib/auth/member";
import { cycleCount } from "@/lib/samples/cycle-count";
import { moveStock } from "@/lib/samples/move-stock";
import { returnToShelf } from "@/lib/samples/return-to-shelf";
import { stageForBooking } from "@/lib/samples/stage-for-booking";
import { completeLeftovers } from "@/lib/samples/complete-leftovers";
import { createLocation } from "@/lib/samples/create-location";
import { findShipment } from "@/lib/samples/queries";
import {
  cycleCountSchema,
  leftoversSchema,
  locationSchema,
  moveStockSchema,
  returnToShelfSchema,
  stageSchema,
} from "@/lib/samples/schemas";
import { fail, ok } from "@/lib/result";

/** Stock shows on the desk, the inventory and every session's samples card: all of them must see a change. */
const stockChanged = (gate: Member) => [
  { path: `/w/${gate.workspaceSlug}/inventory`, type: "layout" as const },
  `/w/${gate.workspaceSlug}/receiving`,
  { path: `/w/${gate.workspaceSlug}/bookings`, type: "layout" as const },
];

const GONE = "That stock is no longer there. Reload the page.";
/** "insufficient" carries the sentence to show ("Only 3 of LIP-01 Lipstick are there.") and the quantity's limit. */
const STOCK: Refusals = { not_found: GONE, invalid: CHECK_FIELDS, fallback: "You cannot change this stock." };
/** The stock row the form names: a non-id is gone, like a row that no longer exists. */
const readItem = (form: FormData) => readForm(form, { itemId: "id" });

/** A bin or shelf for a studio (from the desk or the inventory). The studio is asked for first. */
export const createLocationAction = memberAction("inventory.manage", {
  fields: { studioId: "id", code: "text", kind: "optional" },
  run: async ({ db, gate, input }) => {
    if (!input.studioId)
      return fail("invalid", { message: "Choose a studio.", fieldErrors: { studioId: ["Choose a studio"] } });
    const parsed = locationSchema.safeParse({ code: input.code, kind: input.kind });
    if (!parsed.success) return fail("invalid", { message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) });
    return createLocation(db, gate, input.studioId, parsed.data);
  },
  refused: { fallback: CHECK_FIELDS },
  done: (place, { gate }) => ({ message: `Added ${place.kind} ${place.code}.`, revalidate: stockChanged(gate) }),
});

export const moveStockAction = memberAction("inventory.manage", {
  fields: { toLocationId: "text", quantity: "text", reason: "string" },
  schema: moveStockSchema,
  run: ({ db, gate, input, form, now }) => {
    const { itemId } = readItem(form);
    return itemId ? moveStock(db, gate, itemId, input, now) : Promise.resolve(fail("not_found"));
  },
  refused: STOCK,
  done: (item, { gate, input }) => ({
    message: `Moved ${input.quantity} × ${item.sku}.`,
    revalidate: stockChanged(gate),
  }),
});

export const cycleCountAction = memberAction("inventory.manage", {
  fields: { counted: "optional", reason: "text" },
  schema: cycleCountSchema,
  run: ({ db, gate, input, form, now }) => {
    const { itemId } = readItem(form);
    return itemId ? cycleCount(db, gate, itemId, input, now) : Promise.resolve(fail("not_found"));
  },
  refused: STOCK,
  done: ({ item, variance }, { gate }) => ({
    message:
      variance === 0
        ? `Count of ${item.sku} matches: ${item.onHand}.`
        : `Count of ${item.sku} recorded: ${item.onHand} (${variance > 0 ? "+" : ""}${variance}).`,
    revalidate: stockChanged(gate),
  }),
});

/** Stages samples on a session's set (from the inventory, or from the session's own samples card). */
export const stageStockAction = memberAction("inventory.manage", {
  fields: ["bookingId", "quantity"],
  schema: stageSchema,
  run: ({ db, gate, input, form, now }) => {
    const { itemId } = readItem(form);
    return itemId ? stageForBooking(db, gate, itemId, input, now) : Promise.resolve(fail("not_found"));
  },
  refused: STOCK,
  done: (item, { gate, input }) => ({
    message: `Staged ${input.quantity} × ${item.sku} ${item.name}.`,
    revalidate: stockChanged(gate),
  }),
});

export const returnToShelfAction = memberAction("inventory.manage", {
  fields: ["toLocationId", "quantity"],
  schema: returnToShelfSchema,
  run: ({ db, gate, input, form, now }) => {
    const { itemId } = readItem(form);
    return itemId ? returnToShelf(db, gate, itemId, input, now) : Promise.resolve(fail("not_found"));
  },
  refused: STOCK,
  done: (item, { gate, input }) => ({
    message: `Returned ${input.quantity} × ${item.sku} ${item.name} to the shelf.`,
    revalidate: stockChanged(gate),
  }),
});

const DONE = {
  return_to_brand: "Returned to the brand",
  give_to_creator: "Given to the creator",
  dispose: "Disposed of",
} as const;

/** Does what the brand chose with a shipment's leftovers, once due. The shipment is asked for first. */
export const completeLeftoversAction = memberAction("inventory.manage", {
  fields: { shipmentId: "id", trackingNumber: "string" },
  run: async ({ db, gate, input, now }) => {
    const { shipmentId } = input;
    if (!shipmentId) return fail("not_found");
    const tracking = leftoversSchema.safeParse({ trackingNumber: input.trackingNumber });
    if (!tracking.success)
      return fail("invalid", { message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(tracking.error) });
    const r = await completeLeftovers(db, gate, shipmentId, now, {
      trackingNumber: tracking.data.trackingNumber || undefined,
    });
    if (!r.ok || r.value.units === 0) return r.ok ? ok({ units: 0, shipment: null }) : r;
    // The message names what really happened: the shipment's own choice, not what the button said.
    return ok({ units: r.value.units, shipment: await findShipment(db, gate, shipmentId) });
  },
  refused: (f, { form }) => ({
    message:
      f.error === "not_found" ? "That shipment does not exist." : (f.message ?? "Its leftovers cannot be handled now."),
    fieldErrors: f.error === "invalid" ? f.fieldErrors : undefined,
    values: formValuesOf(form),
  }),
  done: ({ units, shipment: s }, { gate }) => {
    const what =
      units === 0
        ? "Nothing was left of that shipment."
        : s
          ? `${DONE[s.shipment.leftoverAction]}: ${units} ${units === 1 ? "unit" : "units"} of ${s.shipment.code}.`
          : `Done: ${units} ${units === 1 ? "unit" : "units"}.`;
    return { message: what, revalidate: stockChanged(gate) };
  },
});
