import { z } from "zod";
import { formValues, type ActionState } from "../action-state";

/**
 * The rows of a form, for lib/actions/read-form.ts (`readForm` reads single fields, this a repeated group).
 * Forms with one group of inputs per row name them `lines.0.received`, `items.2.sku`, … Reads those rows back in
 * index order (at most `max`, so a forged form cannot make us allocate without end). A row whose fields are all
 * blank is left out when `skipBlank` is set: the unexpected-box form shows spare rows.
 */
export function indexedRows<K extends string>(
  form: FormData,
  prefix: string,
  fields: readonly K[],
  opts: { max?: number; skipBlank?: boolean } = {},
) {
  const max = opts.max ?? 200;
  const indices = new Set<number>();
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,3})\\.`);
  for (const key of form.keys()) {
    const m = pattern.exec(key);
    if (m && Number(m[1]) < max) indices.add(Number(m[1]));
  }
  const rows: { index: number; value: Record<K, string | undefined> }[] = [];
  for (const index of [...indices].sort((a, b) => a - b)) {
    const value = {} as Record<K, string | undefined>;
    for (const f of fields) {
      const v = form.get(`${prefix}.${index}.${f}`);
      value[f] = typeof v === "string" && v.trim() !== "" ? v : undefined;
    }
    if (opts.skipBlank && fields.every((f) => value[f] === undefined)) continue;
    rows.push({ index, value });
  }
  return rows;
}

/** A schema's issues with their whole path (`lines.1.damaged`), rows named by their index in the form. */
export function rowFieldErrors(
  error: z.ZodError,
  rowIndex: (arrayKey: string, position: number) => number = (_k, p) => p,
): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.map((p, i) => (typeof p === "number" && i === 1 ? rowIndex(String(issue.path[0]), p) : p));
    const key = path.length ? path.map(String).join(".") : "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/**
 * Like `invalid` from lib/action-state, but keeps the whole path of each issue (`lines.1.damaged`), so the error
 * lands next to the field of its row. `rowIndex` maps a position in the parsed array back to the row's index in
 * the form when blank rows were skipped.
 */
export function invalidRows(
  form: FormData,
  error: z.ZodError,
  rowIndex: (arrayKey: string, position: number) => number = (_k, p) => p,
  message = "Check the fields marked below.",
): ActionState {
  return { status: "error", message, fieldErrors: rowFieldErrors(error, rowIndex), values: formValues(form) };
}
