"use server";
import type { z } from "zod";
import { memberAction, memberGate } from "@/app/_lib/actions";
import { ensureForm } from "@/lib/action-state";
import { readForm } from "@/lib/actions/read-form";
import { CHECK_FIELDS } from "@/lib/actions/refusal";
import { fail } from "@/lib/result";
import { createShipment } from "@/lib/samples/create-shipment";
import { parseItemsCsv, type CsvLineError } from "@/lib/samples/csv-items";
import { createShipmentSchema, type ShipmentItemInput } from "@/lib/samples/schemas";
import { isBrandScoped } from "@/lib/auth/permissions";

const ITEM_FIELD = /^items\.(\d{1,3})\.(sku|name|quantity|declaredValue)$/;
const MAX_ROWS = 250;

/**
 * The item rows of the form (`items.<row>.sku` …). A row left completely blank (added and never filled in) is
 * dropped; `rows[i]` remembers which form row item i came from, so an error lands next to the row that caused it.
 */
function itemsFromForm(form: FormData) {
  const byRow = new Map<number, Record<string, string>>();
  for (const [key, value] of form.entries()) {
    const m = ITEM_FIELD.exec(key);
    if (!m || typeof value !== "string" || Number(m[1]) >= MAX_ROWS) continue;
    const row = byRow.get(Number(m[1])) ?? {};
    row[m[2]] = value.slice(0, 300);
    byRow.set(Number(m[1]), row);
  }
  const rows: number[] = [];
  const items: Record<string, string | undefined>[] = [];
  for (const [row, fields] of [...byRow.entries()].sort(([a], [b]) => a - b)) {
    if (!Object.values(fields).some((v) => v.trim() !== "")) continue;
    rows.push(row);
    // Blank optional numbers are "not given": coercing "" would turn them into 0.
    items.push({
      sku: fields.sku,
      name: fields.name,
      quantity: fields.quantity?.trim() || undefined,
      declaredValue: fields.declaredValue?.trim() || undefined,
    });
  }
  return { rows, items };
}

/** Zod issues keyed by their whole path (`items.2.sku`, not just `items`), with item indexes put back to form rows. */
function fieldErrorsOf(error: z.ZodError, rows: number[]) {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.map((p, i) =>
      i === 1 && issue.path[0] === "items" && typeof p === "number" ? (rows[p] ?? p) : p,
    );
    (out[path.length ? path.join(".") : "form"] ??= []).push(issue.message);
  }
  return out;
}

/** The use case's `items.<i>.<field>` errors (a declared value with too many decimals), on the form rows they came from. */
const onFormRows = (fieldErrors: Record<string, string[]>, rows: number[]) =>
  Object.fromEntries(
    Object.entries(fieldErrors).map(([key, messages]) => [
      key.replace(/^items\.(\d+)\./, (_, i: string) => `items.${rows[Number(i)] ?? i}.`),
      messages,
    ]),
  );

/** A brand (or a manager for one) announces a box; on success, straight to its page with the label link. */
export const createShipmentAction = memberAction("shipments.create", {
  fields: {
    studioId: "optional",
    brandId: "optional",
    creatorId: "optional",
    bookingId: "optional",
    carrier: "optional",
    trackingNumber: "optional",
    expectedOn: "optional",
    leftoverAction: "optional",
    leftoverAfterDays: "optional",
    notes: "optional",
    items: itemsFromForm,
  },
  run: async ({ db, gate, input, now }) => {
    const { rows, items } = input.items;
    const parsed = createShipmentSchema.safeParse({
      ...input,
      brandId: isBrandScoped(gate.role) ? undefined : input.brandId,
      items,
    });
    if (!parsed.success)
      return fail("invalid", { message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error, rows) });
    const r = await createShipment(db, gate, parsed.data, now);
    return r.ok ? r : { ...r, fieldErrors: r.fieldErrors && onFormRows(r.fieldErrors, rows) };
  },
  refused: { fallback: "The shipment was not created." },
  done: ({ shipment }, { gate }) => ({
    revalidate: [`/w/${gate.workspaceSlug}/shipments`],
    redirect: `/w/${gate.workspaceSlug}/shipments/${shipment.id}?created=1`,
  }),
});

export type CsvImportState = {
  status: "idle" | "ok" | "error";
  message?: string;
  errors?: CsvLineError[];
  items?: ShipmentItemInput[];
};

/**
 * Reads the items of a CSV file the browser sent as text. Not made with the action wrapper: its answer is not an
 * ActionState (the items read, or every bad line), and it calls no use case; it shares the gate and the form reader. All or nothing, like parseItemsCsv: on any bad line the
 * rows on the form stay as they were and every bad line is named. Nothing is saved: the rows still go through the
 * form (and createShipmentAction) like typed ones.
 */
export async function importItemsCsvAction(_prev: CsvImportState, form: FormData): Promise<CsvImportState> {
  form = ensureForm(form);
  const gate = await memberGate("shipments.create")(form);
  if (!gate.ok) return { status: "error", message: gate.message ?? "Not found." };
  const r = parseItemsCsv(readForm(form, { csv: "string" }).csv, gate.value.currency);
  if (!r.ok)
    return {
      status: "error",
      message: `The file was not imported: ${r.errors.length === 1 ? "1 problem" : `${r.errors.length} problems`}. Fix the file and choose it again.`,
      errors: r.errors.slice(0, 50),
    };
  return {
    status: "ok",
    message: `Imported ${r.items.length} item${r.items.length === 1 ? "" : "s"} from the file.`,
    items: r.items,
  };
}
