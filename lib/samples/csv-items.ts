import { parse } from "csv-parse/sync";
import { toMinorUnits } from "../money";
import { shipmentItemSchema, type ShipmentItemInput } from "./schemas";

export type CsvLineError = { line: number; message: string };

const HEADERS: Record<string, keyof ShipmentItemInput> = {
  sku: "sku",
  name: "name",
  product: "name",
  quantity: "quantity",
  qty: "quantity",
  declared_value: "declaredValue",
  value: "declaredValue",
};

/** Each field as a person reads the column, for the messages ("Declared value: …", never `declaredValue`). */
const COLUMN_WORDS: Record<keyof ShipmentItemInput, string> = {
  sku: "SKU",
  name: "Name",
  quantity: "Quantity",
  declaredValue: "Declared value",
};
const inWords = (field: PropertyKey | undefined) =>
  typeof field === "string" && field in COLUMN_WORDS ? COLUMN_WORDS[field as keyof ShipmentItemInput] : "This line";

/**
 * Items from a CSV file (a header row with sku, name, quantity and optionally declared_value, in any order).
 * All or nothing: any bad line makes the whole import fail, with one message per line, so a shipment is never
 * created from half a file. Declared values are in `currency`, the workspace's: ¥500.5 is refused on its line.
 */
export function parseItemsCsv(
  text: string,
  currency: string,
  maxItems = 200,
): { ok: true; items: ShipmentItemInput[] } | { ok: false; errors: CsvLineError[] } {
  if (text.length > 512_000)
    return { ok: false, errors: [{ line: 0, message: "The file is too large (at most 500 KB)." }] };
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    return { ok: false, errors: [{ line, message: "This is not a readable CSV file (check the quotes)." }] };
  }
  if (rows.length === 0) return { ok: false, errors: [{ line: 1, message: "The file is empty." }] };
  const header = rows[0].map((h) => HEADERS[h.toLowerCase().replace(/[\s-]+/g, "_")]);
  const missing = (["sku", "name", "quantity"] as const).filter((k) => !header.includes(k));
  if (missing.length)
    return {
      ok: false,
      errors: [{ line: 1, message: `The first line must name the columns; missing: ${missing.join(", ")}.` }],
    };
  if (rows.length - 1 > maxItems)
    return { ok: false, errors: [{ line: maxItems + 2, message: `At most ${maxItems} items per shipment.` }] };
  const errors: CsvLineError[] = [];
  const items: ShipmentItemInput[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const raw: Record<string, string | undefined> = {};
    header.forEach((key, c) => {
      if (key && cells[c] !== undefined && cells[c] !== "") raw[key] = cells[c];
    });
    const parsed = shipmentItemSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push({
        line,
        message: parsed.error.issues.map((issue) => `${inWords(issue.path[0])}: ${issue.message}`).join("; "),
      });
      return;
    }
    const value = parsed.data.declaredValue === undefined ? null : toMinorUnits(parsed.data.declaredValue, currency);
    if (value && !value.ok) {
      errors.push({ line, message: `${COLUMN_WORDS.declaredValue}: ${value.message}` });
      return;
    }
    const key = parsed.data.sku.toUpperCase();
    if (seen.has(key)) {
      errors.push({ line, message: `${COLUMN_WORDS.sku}: ${parsed.data.sku} is already on line ${seen.get(key)}` });
      return;
    }
    seen.set(key, line);
    items.push(parsed.data);
  });
  if (items.length === 0 && errors.length === 0)
    return { ok: false, errors: [{ line: 2, message: "The file has no items." }] };
  return errors.length ? { ok: false, errors } : { ok: true, items };
}
