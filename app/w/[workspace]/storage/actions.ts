"use server";
import { revalidatePath } from "next/cache";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import { countNights, nightsLabel } from "@/lib/storage/nights";
import { reserveUnitSchema, storageUnitSchema, storeGoodsSchema } from "@/lib/storage/schemas";
import {
  cancelReservation,
  collectGoods,
  createStorageUnit,
  reserveUnit,
  storeGoods,
  type StorageError,
} from "@/lib/storage/storage";
import { indexedRows, invalidRows, uuidField } from "../receiving/form-rows";
import { appNow } from "@/lib/clock";

const ITEM_FIELDS = ["sku", "name", "quantity"] as const;
const GONE = "That reservation does not exist. Reload the page.";

/** Reservations show on the storage page and the board, and goods in a unit on the inventory: all must see a change. */
function refresh(slug: string) {
  revalidatePath(`/w/${slug}/storage`, "layout");
  revalidatePath(`/w/${slug}/inventory`, "layout");
}

function storageFailure(
  form: FormData,
  r: { error: StorageError; message?: string; fieldErrors?: Record<string, string[]> },
  fallback: string,
): ActionState {
  if (r.error === "not_found") return failed(form, r.message ?? GONE);
  // "taken", "wrong_status" and "forbidden" carry the sentence to show ("Unit A1 is already reserved for some of these nights.").
  return failed(
    form,
    r.message ?? (r.error === "invalid" ? "Check the fields marked below." : fallback),
    r.fieldErrors,
  );
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" && v !== "" ? v : undefined;
};

/** A unit for a range of nights: a creator for themselves; staff (their studios), managers and owners for a creator. */
export async function reserveUnitAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "storage.use" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = reserveUnitSchema.safeParse({
    unitId: text(form, "unitId"),
    firstNight: text(form, "firstNight"),
    lastNight: text(form, "lastNight"),
    creatorId: text(form, "creatorId"),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const r = await reserveUnit(getDb(), gate.value, parsed.data, appNow());
  if (!r.ok) {
    // The form's field is the unit: the use case's "no such unit" belongs next to it, not in a banner about a reservation.
    if (r.error === "not_found")
      return failed(form, "That unit is no longer offered. Choose another.", { unitId: ["Choose another unit"] });
    return storageFailure(form, r, "This unit cannot be reserved.");
  }
  refresh(gate.value.workspaceSlug);
  const { firstNight, lastNight, nightlyRateCents, currency } = r.value;
  const nights = countNights(firstNight, lastNight);
  return {
    status: "ok",
    message: `Reserved for ${nights} ${nights === 1 ? "night" : "nights"} (${nightsLabel(firstNight, lastNight)}): ${formatMoney(nights * nightlyRateCents, currency)}.`,
    data: { reservationId: r.value.id },
  };
}

export async function cancelReservationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "storage.use" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const id = uuidField(form, "reservationId");
  if (!id) return failed(form, GONE);
  const r = await cancelReservation(getDb(), gate.value, id, appNow());
  if (!r.ok) return storageFailure(form, r, "This reservation cannot be cancelled.");
  refresh(gate.value.workspaceSlug);
  return {
    status: "ok",
    message: `Reservation for ${nightsLabel(r.value.firstNight, r.value.lastNight)} cancelled. Nothing is charged.`,
  };
}

/** The creator's own boxes into the unit, one row per SKU (blank rows are skipped: the form offers a spare one). */
export async function storeGoodsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "storage.use" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const rows = indexedRows(form, "items", ITEM_FIELDS, { skipBlank: true, max: 100 });
  const parsed = storeGoodsSchema.safeParse({ items: rows.map((r) => r.value) });
  if (!parsed.success) return invalidRows(form, parsed.error, (_key, position) => rows[position]?.index ?? position);
  const id = uuidField(form, "reservationId");
  if (!id) return failed(form, GONE);
  const r = await storeGoods(getDb(), gate.value, id, parsed.data, appNow());
  if (!r.ok) return storageFailure(form, r, "Goods cannot be checked in to this unit.");
  refresh(gate.value.workspaceSlug);
  const units = parsed.data.items.reduce((n, i) => n + i.quantity, 0);
  return { status: "ok", message: `Checked in ${units} ${units === 1 ? "item" : "items"}.` };
}

export async function collectGoodsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "storage.use" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const id = uuidField(form, "reservationId");
  if (!id) return failed(form, GONE);
  const r = await collectGoods(getDb(), gate.value, id, appNow());
  if (!r.ok) return storageFailure(form, r, "The goods cannot be collected now.");
  refresh(gate.value.workspaceSlug);
  const { units } = r.value;
  return {
    status: "ok",
    message:
      units === 0
        ? "The unit was already empty; the reservation has ended."
        : `Collected ${units} ${units === 1 ? "item" : "items"}; the unit is free again.`,
  };
}

/** A new unit in a studio (owners and managers), with the inventory place its goods sit in. */
export async function createStorageUnitAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "storage.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = storageUnitSchema.safeParse({
    code: form.get("code") ?? undefined,
    size: text(form, "size"),
    nightlyRate: text(form, "nightlyRate"),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const studioId = uuidField(form, "studioId");
  if (!studioId) return failed(form, "That studio does not exist. Reload the page.");
  const r = await createStorageUnit(getDb(), gate.value, studioId, parsed.data);
  if (!r.ok)
    return r.error === "not_found"
      ? failed(form, "That studio does not exist. Reload the page.")
      : storageFailure(form, r, "This unit cannot be added.");
  refresh(gate.value.workspaceSlug);
  return {
    status: "ok",
    message: `Added unit ${r.value.code} (${r.value.size}, ${formatMoney(r.value.nightlyRateCents, r.value.currency)} a night).`,
  };
}
