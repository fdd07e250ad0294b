"use server";
import { memberAction } from "@/app/_lib/actions";
import { failed } from "@/lib/action-state";
import { indexedRows, rowFieldErrors } from "@/lib/actions/form-rows";
import { CHECK_FIELDS } from "@/lib/actions/refusal";
import { fail } from "@/lib/result";
import { logUnexpectedBox } from "@/lib/samples/log-unexpected-box";
import { receiveShipment } from "@/lib/samples/receive-shipment";
import { receiveShipmentSchema, unexpectedBoxSchema } from "@/lib/samples/schemas";

const LINE_FIELDS = ["shipmentItemId", "received", "damaged", "locationId"] as const;
const ITEM_FIELDS = ["sku", "name", "quantity"] as const;
const NO_SHIPMENT = "That shipment does not exist.";

/**
 * One count at the desk. Success goes to the shipment's page with the receipt named in the URL (what was counted
 * and the discrepancies are read back from the database, so a reload shows them and never counts again); the form
 * then comes back with a fresh receipt id and the new version.
 */
export const receiveShipmentAction = memberAction("inventory.manage", {
  fields: {
    receiptId: "text",
    version: "text",
    shipmentId: "id",
    lines: (form: FormData) => indexedRows(form, "lines", LINE_FIELDS),
  },
  run: async ({ db, gate, input, now }) => {
    const rows = input.lines;
    const parsed = receiveShipmentSchema.safeParse({
      receiptId: input.receiptId,
      version: input.version,
      // A blank quantity means none of that item came now; the schema still refuses text and negatives.
      lines: rows.map(({ value }) => ({ ...value, received: value.received ?? 0, damaged: value.damaged ?? 0 })),
    });
    if (!parsed.success) {
      const fieldErrors = rowFieldErrors(parsed.error, (_key, position) => rows[position]?.index ?? position);
      return fail("invalid", { message: CHECK_FIELDS, fieldErrors, rowsNamed: true });
    }
    if (!input.shipmentId) return fail("not_found");
    const r = await receiveShipment(db, gate, input.shipmentId, parsed.data, now);
    return r.ok ? { ...r, value: { code: r.value.shipment.code, receiptId: parsed.data.receiptId } } : r;
  },
  refused: (f, { form, input }) => {
    if (f.error === "not_found") return failed(form, NO_SHIPMENT);
    // The page shows a reload link for a conflict: the counts on screen are out of date.
    if (f.error === "conflict")
      return {
        ...failed(form, f.message ?? "Someone has just received this shipment. Reload it."),
        data: { conflict: "1" },
      };
    if ((f as typeof f & { rowsNamed?: boolean }).rowsNamed) return failed(form, CHECK_FIELDS, f.fieldErrors);
    // The use case names rows by their position in the list it was given; the form's rows may have other indices.
    const fieldErrors = Object.fromEntries(
      Object.entries(f.fieldErrors ?? {}).map(([k, v]) => [
        k.replace(/^lines\.(\d+)\./, (_m, n: string) => `lines.${input.lines[Number(n)]?.index ?? n}.`),
        v,
      ]),
    );
    return failed(form, f.message ?? "This shipment cannot be received.", fieldErrors);
  },
  done: ({ code, receiptId }, { gate }) => {
    const slug = gate.workspaceSlug;
    return {
      revalidate: [
        { path: `/w/${slug}/inventory`, type: "layout" },
        { path: `/w/${slug}/bookings`, type: "layout" },
      ],
      redirect: `/w/${slug}/receiving?code=${encodeURIComponent(code)}&receipt=${receiptId}`,
    };
  },
});

/** A box nobody announced: logged with what the label says and what is in it, then opened for receiving. */
export const logUnexpectedBoxAction = memberAction("inventory.manage", {
  fields: {
    studioId: "text",
    brandId: "text",
    carrier: "text",
    trackingNumber: "text",
    notes: "string",
    items: (form: FormData) => indexedRows(form, "items", ITEM_FIELDS, { skipBlank: true }),
  },
  run: async ({ db, gate, input, now }) => {
    const rows = input.items;
    const parsed = unexpectedBoxSchema.safeParse({
      ...input,
      brandId: input.brandId || undefined,
      items: rows.map((r) => r.value),
    });
    if (!parsed.success) {
      const fieldErrors = rowFieldErrors(parsed.error, (_key, position) => rows[position]?.index ?? position);
      return fail("invalid", { message: CHECK_FIELDS, fieldErrors });
    }
    return logUnexpectedBox(db, gate, parsed.data, now);
  },
  refused: (f, { form }) =>
    failed(
      form,
      f.message ?? (f.error === "invalid" ? CHECK_FIELDS : "This box cannot be logged here."),
      f.fieldErrors,
    ),
  done: (box, { gate }) => ({
    revalidate: [`/w/${gate.workspaceSlug}/receiving`],
    redirect: `/w/${gate.workspaceSlug}/receiving?code=${encodeURIComponent(box.code)}&logged=1`,
  }),
});
