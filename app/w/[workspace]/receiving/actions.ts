"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ensureForm, failed, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { logUnexpectedBox } from "@/lib/samples/log-unexpected-box";
import { receiveShipment } from "@/lib/samples/receive-shipment";
import { receiveShipmentSchema, unexpectedBoxSchema } from "@/lib/samples/schemas";
import { indexedRows, invalidRows, uuidField } from "./form-rows";
import { appNow } from "@/lib/clock";

const LINE_FIELDS = ["shipmentItemId", "received", "damaged", "locationId"] as const;
const ITEM_FIELDS = ["sku", "name", "quantity"] as const;

/**
 * One count at the desk. Success goes to the shipment's page with the receipt named in the URL (what was counted
 * and the discrepancies are read back from the database, so a reload shows them and never counts again); the form
 * then comes back with a fresh receipt id and the new version.
 */
export async function receiveShipmentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "inventory.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const rows = indexedRows(form, "lines", LINE_FIELDS);
  const parsed = receiveShipmentSchema.safeParse({
    receiptId: form.get("receiptId"),
    version: form.get("version"),
    // A blank quantity means none of that item came now; the schema still refuses text and negatives.
    lines: rows.map(({ value }) => ({ ...value, received: value.received ?? 0, damaged: value.damaged ?? 0 })),
  });
  if (!parsed.success) return invalidRows(form, parsed.error, (_key, position) => rows[position]?.index ?? position);
  const shipmentId = uuidField(form, "shipmentId");
  if (!shipmentId) return failed(form, "That shipment does not exist.");
  const r = await receiveShipment(getDb(), gate.value, shipmentId, parsed.data, appNow());
  if (!r.ok) {
    if (r.error === "not_found") return failed(form, "That shipment does not exist.");
    // The page shows a reload link for a conflict: the counts on screen are out of date.
    if (r.error === "conflict")
      return {
        ...failed(form, r.message ?? "Someone has just received this shipment. Reload it."),
        data: { conflict: "1" },
      };
    // The use case names rows by their position in the list it was given; the form's rows may have other indices.
    const fieldErrors = Object.fromEntries(
      Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [
        k.replace(/^lines\.(\d+)\./, (_m, n: string) => `lines.${rows[Number(n)]?.index ?? n}.`),
        v,
      ]),
    );
    return failed(form, r.message ?? "This shipment cannot be received.", fieldErrors);
  }
  const slug = gate.value.workspaceSlug;
  revalidatePath(`/w/${slug}/inventory`, "layout");
  revalidatePath(`/w/${slug}/bookings`, "layout");
  redirect(`/w/${slug}/receiving?code=${encodeURIComponent(r.value.shipment.code)}&receipt=${parsed.data.receiptId}`);
}

/** A box nobody announced: logged with what the label says and what is in it, then opened for receiving. */
export async function logUnexpectedBoxAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "inventory.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const rows = indexedRows(form, "items", ITEM_FIELDS, { skipBlank: true });
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const parsed = unexpectedBoxSchema.safeParse({
    studioId: text("studioId"),
    brandId: text("brandId") || undefined,
    carrier: text("carrier"),
    trackingNumber: text("trackingNumber"),
    notes: text("notes") ?? "",
    items: rows.map((r) => r.value),
  });
  if (!parsed.success) return invalidRows(form, parsed.error, (_key, position) => rows[position]?.index ?? position);
  const r = await logUnexpectedBox(getDb(), gate.value, parsed.data, appNow());
  if (!r.ok)
    return failed(
      form,
      r.message ?? (r.error === "invalid" ? "Check the fields marked below." : "This box cannot be logged here."),
      r.fieldErrors,
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/receiving`);
  redirect(`/w/${gate.value.workspaceSlug}/receiving?code=${encodeURIComponent(r.value.code)}&logged=1`);
}
