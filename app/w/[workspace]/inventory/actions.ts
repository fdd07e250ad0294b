"use server";
import { revalidatePath } from "next/cache";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { cycleCount } from "@/lib/samples/cycle-count";
import { moveStock } from "@/lib/samples/move-stock";
import { returnToShelf } from "@/lib/samples/return-to-shelf";
import { stageForBooking } from "@/lib/samples/stage-for-booking";
import type { StockError } from "@/lib/samples/stock";
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
import { uuidField } from "../receiving/form-rows";
import { appNow } from "@/lib/clock";

/** Stock shows on the desk, the inventory and every session's samples card: all of them must see a change. */
function refresh(slug: string) {
  revalidatePath(`/w/${slug}/inventory`, "layout");
  revalidatePath(`/w/${slug}/receiving`);
  revalidatePath(`/w/${slug}/bookings`, "layout");
}

function stockFailure(
  form: FormData,
  r: { error: StockError; message?: string; fieldErrors?: Record<string, string[]> },
): ActionState {
  if (r.error === "not_found") return failed(form, "That stock is no longer there. Reload the page.");
  // "insufficient" carries the sentence to show ("Only 3 of LIP-01 Lipstick are there.") and the quantity's limit.
  return failed(
    form,
    r.message ?? (r.error === "invalid" ? "Check the fields marked below." : "You cannot change this stock."),
    r.fieldErrors,
  );
}

/** A bin or shelf for a studio (from the desk or the inventory). */
export async function createLocationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "inventory.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const studioId = uuidField(form, "studioId");
  if (!studioId) return failed(form, "Choose a studio.", { studioId: ["Choose a studio"] });
  const parsed = locationSchema.safeParse({ code: form.get("code"), kind: form.get("kind") || undefined });
  if (!parsed.success) return invalid(form, parsed.error);
  const r = await createLocation(getDb(), gate.value, studioId, parsed.data);
  if (!r.ok) return failed(form, r.message ?? "Check the fields marked below.", r.fieldErrors);
  refresh(gate.value.workspaceSlug);
  return { status: "ok", message: `Added ${r.value.kind} ${r.value.code}.` };
}

export async function moveStockAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "inventory.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = moveStockSchema.safeParse({
    toLocationId: form.get("toLocationId"),
    quantity: form.get("quantity"),
    reason: form.get("reason") ?? "",
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const itemId = uuidField(form, "itemId");
  if (!itemId) return failed(form, "That stock is no longer there. Reload the page.");
  const r = await moveStock(getDb(), gate.value, itemId, parsed.data, appNow());
  if (!r.ok) return stockFailure(form, r);
  refresh(gate.value.workspaceSlug);
  return { status: "ok", message: `Moved ${parsed.data.quantity} × ${r.value.sku}.` };
}

export async function cycleCountAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "inventory.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = cycleCountSchema.safeParse({
    counted: form.get("counted") || undefined,
    reason: form.get("reason") ?? undefined,
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const itemId = uuidField(form, "itemId");
  if (!itemId) return failed(form, "That stock is no longer there. Reload the page.");
  const r = await cycleCount(getDb(), gate.value, itemId, parsed.data, appNow());
  if (!r.ok) return stockFailure(form, r);
  refresh(gate.value.workspaceSlug);
  const { item, variance } = r.value;
  return {
    status: "ok",
    message:
      variance === 0
        ? `Count of ${item.sku} matches: ${item.onHand}.`
        : `Count of ${item.sku} recorded: ${item.onHand} (${variance > 0 ? "+" : ""}${variance}).`,
  };
}

/** Stages samples on a session's set (from the inventory, or from the session's own samples card). */
export async function stageStockAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "inventory.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = stageSchema.safeParse({ bookingId: form.get("bookingId"), quantity: form.get("quantity") });
  if (!parsed.success) return invalid(form, parsed.error);
  const itemId = uuidField(form, "itemId");
  if (!itemId) return failed(form, "That stock is no longer there. Reload the page.");
  const r = await stageForBooking(getDb(), gate.value, itemId, parsed.data, appNow());
  if (!r.ok) return stockFailure(form, r);
  refresh(gate.value.workspaceSlug);
  return { status: "ok", message: `Staged ${parsed.data.quantity} × ${r.value.sku} ${r.value.name}.` };
}

export async function returnToShelfAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "inventory.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = returnToShelfSchema.safeParse({
    toLocationId: form.get("toLocationId"),
    quantity: form.get("quantity"),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const itemId = uuidField(form, "itemId");
  if (!itemId) return failed(form, "That stock is no longer there. Reload the page.");
  const r = await returnToShelf(getDb(), gate.value, itemId, parsed.data, appNow());
  if (!r.ok) return stockFailure(form, r);
  refresh(gate.value.workspaceSlug);
  return { status: "ok", message: `Returned ${parsed.data.quantity} × ${r.value.sku} ${r.value.name} to the shelf.` };
}

const DONE = {
  return_to_brand: "Returned to the brand",
  give_to_creator: "Given to the creator",
  dispose: "Disposed of",
} as const;

/** Does what the brand chose with a shipment's leftovers, once due. */
export async function completeLeftoversAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "inventory.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const shipmentId = uuidField(form, "shipmentId");
  if (!shipmentId) return failed(form, "That shipment does not exist.");
  const tracking = leftoversSchema.safeParse({ trackingNumber: form.get("trackingNumber") ?? "" });
  if (!tracking.success) return invalid(form, tracking.error);
  const db = getDb();
  const r = await completeLeftovers(db, gate.value, shipmentId, appNow(), {
    trackingNumber: tracking.data.trackingNumber || undefined,
  });
  if (!r.ok)
    return failed(
      form,
      r.error === "not_found" ? "That shipment does not exist." : (r.message ?? "Its leftovers cannot be handled now."),
    );
  refresh(gate.value.workspaceSlug);
  const units = r.value.units;
  if (units === 0) return { status: "ok", message: "Nothing was left of that shipment." };
  // The message names what really happened: the shipment's own choice, not what the button said.
  const s = await findShipment(db, gate.value, shipmentId);
  const what = s
    ? `${DONE[s.shipment.leftoverAction]}: ${units} ${units === 1 ? "unit" : "units"} of ${s.shipment.code}.`
    : `Done: ${units} ${units === 1 ? "unit" : "units"}.`;
  return { status: "ok", message: what };
}
