"use server";
import { memberAction } from "@/app/_lib/actions";
import { failed } from "@/lib/action-state";
import { indexedRows, rowFieldErrors } from "@/lib/actions/form-rows";
import { readForm } from "@/lib/actions/read-form";
import { CHECK_FIELDS, refusalMessage } from "@/lib/actions/refusal";
import type { Member } from "@/lib/auth/member";
import { formatMoney } from "@/lib/format";
import { fail, type Fail } from "@/lib/result";
import { countNights, nightsLabel } from "@/lib/storage/nights";
import { reserveUnitSchema, storageUnitSchema, storeGoodsSchema } from "@/lib/storage/schemas";
import { cancelReservation } from "@/lib/storage/cancel-reservation";
import { collectGoods } from "@/lib/storage/collect-goods";
import { createStorageUnit } from "@/lib/storage/create-storage-unit";
import { reserveUnit } from "@/lib/storage/reserve-unit";
import { storeGoods } from "@/lib/storage/store-goods";

const ITEM_FIELDS = ["sku", "name", "quantity"] as const;
const GONE = "That reservation does not exist. Reload the page.";

/** Reservations show on the storage page and the board, and goods in a unit on the inventory: all must see a change. */
const storageChanged = (gate: Member) => [
  { path: `/w/${gate.workspaceSlug}/storage`, type: "layout" as const },
  { path: `/w/${gate.workspaceSlug}/inventory`, type: "layout" as const },
];

/** "taken", "wrong_status" and "forbidden" carry the sentence to show ("Unit A1 is already reserved for some of these nights."). */
const storageRefused =
  (fallback: string) =>
  (f: Fail, { form }: { form: FormData }) =>
    f.error === "not_found"
      ? failed(form, f.message ?? GONE)
      : failed(form, refusalMessage(f, { invalid: CHECK_FIELDS, fallback }), f.fieldErrors);

const reservationOf = (form: FormData) => readForm(form, { reservationId: "id" }).reservationId;

/** A unit for a range of nights: a creator for themselves; staff (their studios), managers and owners for a creator. */
export const reserveUnitAction = memberAction("storage.use", {
  fields: { unitId: "optional", firstNight: "optional", lastNight: "optional", creatorId: "optional" },
  schema: reserveUnitSchema,
  run: ({ db, gate, input, now }) => reserveUnit(db, gate, input, now),
  refused: (f, ctx) =>
    // The form's field is the unit: the use case's "no such unit" belongs next to it, not in a banner about a reservation.
    f.error === "not_found"
      ? failed(ctx.form, "That unit is no longer offered. Choose another.", { unitId: ["Choose another unit"] })
      : storageRefused("This unit cannot be reserved.")(f, ctx),
  done: ({ firstNight, lastNight, nightlyRateCents, currency, id }, { gate }) => {
    const nights = countNights(firstNight, lastNight);
    return {
      message: `Reserved for ${nights} ${nights === 1 ? "night" : "nights"} (${nightsLabel(firstNight, lastNight)}): ${formatMoney(nights * nightlyRateCents, currency)}.`,
      data: { reservationId: id },
      revalidate: storageChanged(gate),
    };
  },
});

export const cancelReservationAction = memberAction("storage.use", {
  fields: { reservationId: "id" },
  run: ({ db, gate, input, now }) =>
    input.reservationId ? cancelReservation(db, gate, input.reservationId, now) : Promise.resolve(fail("not_found")),
  refused: storageRefused("This reservation cannot be cancelled."),
  done: (r, { gate }) => ({
    message: `Reservation for ${nightsLabel(r.firstNight, r.lastNight)} cancelled. Nothing is charged.`,
    revalidate: storageChanged(gate),
  }),
});

/** The creator's own boxes into the unit, one row per SKU (blank rows are skipped: the form offers a spare one). */
export const storeGoodsAction = memberAction("storage.use", {
  fields: { items: (form: FormData) => indexedRows(form, "items", ITEM_FIELDS, { skipBlank: true, max: 100 }) },
  run: async ({ db, gate, input: { items: rows }, form, now }) => {
    const parsed = storeGoodsSchema.safeParse({ items: rows.map((r) => r.value) });
    if (!parsed.success) {
      const fieldErrors = rowFieldErrors(parsed.error, (_key, position) => rows[position]?.index ?? position);
      return fail("invalid", { message: CHECK_FIELDS, fieldErrors });
    }
    const id = reservationOf(form);
    if (!id) return fail("not_found");
    const r = await storeGoods(db, gate, id, parsed.data, now);
    return r.ok ? { ...r, value: { units: parsed.data.items.reduce((n, i) => n + i.quantity, 0) } } : r;
  },
  refused: storageRefused("Goods cannot be checked in to this unit."),
  done: ({ units }, { gate }) => ({
    message: `Checked in ${units} ${units === 1 ? "item" : "items"}.`,
    revalidate: storageChanged(gate),
  }),
});

export const collectGoodsAction = memberAction("storage.use", {
  fields: { reservationId: "id" },
  run: ({ db, gate, input, now }) =>
    input.reservationId ? collectGoods(db, gate, input.reservationId, now) : Promise.resolve(fail("not_found")),
  refused: storageRefused("The goods cannot be collected now."),
  done: ({ units }, { gate }) => ({
    message:
      units === 0
        ? "The unit was already empty; the reservation has ended."
        : `Collected ${units} ${units === 1 ? "item" : "items"}; the unit is free again.`,
    revalidate: storageChanged(gate),
  }),
});

const NO_STUDIO = "That studio does not exist. Reload the page.";

/** A new unit in a studio (owners and managers), with the inventory place its goods sit in. */
export const createStorageUnitAction = memberAction("storage.manage", {
  fields: { code: "text", size: "optional", nightlyRate: "optional" },
  schema: storageUnitSchema,
  run: ({ db, gate, input, form }) => {
    const { studioId } = readForm(form, { studioId: "id" });
    return studioId ? createStorageUnit(db, gate, studioId, input) : Promise.resolve(fail("not_found"));
  },
  refused: (f, ctx) =>
    f.error === "not_found" ? failed(ctx.form, NO_STUDIO) : storageRefused("This unit cannot be added.")(f, ctx),
  done: (unit, { gate }) => ({
    message: `Added unit ${unit.code} (${unit.size}, ${formatMoney(unit.nightlyRateCents, unit.currency)} a night).`,
    revalidate: storageChanged(gate),
  }),
});
