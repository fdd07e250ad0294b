"use client";
import { useRef, useState, useTransition, type ChangeEvent, type ComponentProps } from "react";
import { Loader2, Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionState } from "@/lib/action-state";
import { moneyStep } from "@/lib/money";
import { importItemsCsvAction, type CsvImportState } from "./actions";

type Item = { sku: string; name: string; quantity: string; declaredValue: string };
type Row = Item & { key: number };

// Declared values are in the workspace currency: steps of a cent, or of a whole yen.
const columns = (
  currency: string,
): { field: keyof Item; label: string; className: string; props: ComponentProps<"input"> }[] => [
  { field: "sku", label: "SKU", className: "sm:w-36", props: { maxLength: 64, autoComplete: "off" } },
  { field: "name", label: "Product name", className: "sm:flex-1", props: { maxLength: 200, autoComplete: "off" } },
  {
    field: "quantity",
    label: "Quantity",
    className: "sm:w-24",
    props: { type: "number", inputMode: "numeric", min: 1, max: 10_000, step: 1 },
  },
  {
    field: "declaredValue",
    label: "Declared value (optional)",
    className: "sm:w-44",
    props: { type: "number", inputMode: "decimal", min: 0, step: moneyStep(currency) },
  },
];
const MAX_FILE_BYTES = 512_000;
const blank = (key: number): Row => ({ key, sku: "", name: "", quantity: "", declaredValue: "" });

/** The rows as last sent (`items.<n>.<field>`), so a failed submit keeps every row typed; else one empty row. */
function initialRows(values: Record<string, string> | undefined): Row[] {
  const indexes = new Set<number>();
  for (const key of Object.keys(values ?? {})) {
    const m = /^items\.(\d+)\./.exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  const rows = [...indexes]
    .sort((a, b) => a - b)
    .map((i, key) => ({
      key,
      sku: values?.[`items.${i}.sku`] ?? "",
      name: values?.[`items.${i}.name`] ?? "",
      quantity: values?.[`items.${i}.quantity`] ?? "",
      declaredValue: values?.[`items.${i}.declaredValue`] ?? "",
    }));
  return rows.length ? rows : [blank(0)];
}

/** Reads a chosen file as text in the browser; only the text goes to the server. */
function readText(file: File) {
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsText(file, "utf-8");
  });
}

/**
 * The items in the box: rows of SKU, name, quantity and declared value, typed or imported from a CSV file. Sent as
 * `items.<row>.<field>`; errors come back under the same names and are shown in their cell.
 */
export function ItemRows({ workspace, currency, state }: { workspace: string; currency: string; state: ActionState }) {
  const cells = columns(currency);
  const [rows, setRows] = useState(() => initialRows(state.values));
  const [nextKey, setNextKey] = useState(rows.length);
  // The row whose first cell takes the keyboard once it is on the page (after "Add an item").
  const focusOnMount = useRef<number | null>(null);
  const [csv, setCsv] = useState<CsvImportState>({ status: "idle" });
  const [importing, startImport] = useTransition();
  const firstCell = useRef(new Map<number, HTMLInputElement>());
  const listErrors = state.fieldErrors?.items;

  const skuCell = (key: number, el: HTMLInputElement | null) => {
    if (!el) {
      firstCell.current.delete(key);
      return;
    }
    firstCell.current.set(key, el);
    if (focusOnMount.current === key) {
      focusOnMount.current = null;
      el.focus();
    }
  };
  const set = (key: number, patch: Partial<Item>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  // A removed row takes its button with it: the keyboard goes on to the row before (or after) it.
  const remove = (key: number) => {
    const at = rows.findIndex((r) => r.key === key);
    const neighbour = rows[at - 1] ?? rows[at + 1];
    setRows((all) => all.filter((x) => x.key !== key));
    if (neighbour) firstCell.current.get(neighbour.key)?.focus();
  };
  const add = () => {
    setRows((all) => [...all, blank(nextKey)]);
    focusOnMount.current = nextKey;
    setNextKey((n) => n + 1);
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setCsv({ status: "error", message: "The file was not imported: it is larger than 500 KB.", errors: [] });
      input.value = "";
      return;
    }
    startImport(async () => {
      let next: CsvImportState;
      try {
        const form = new FormData();
        form.set("workspace", workspace);
        form.set("csv", await readText(file));
        next = await importItemsCsvAction({ status: "idle" }, form);
      } catch {
        next = { status: "error", message: "The file could not be read or sent. Try again.", errors: [] };
      }
      setCsv(next);
      // All or nothing: the rows change only when the whole file was good.
      if (next.status === "ok" && next.items?.length) {
        const imported = next.items.map((item, i) => ({
          key: nextKey + i,
          sku: item.sku,
          name: item.name,
          quantity: String(item.quantity),
          declaredValue: item.declaredValue === undefined ? "" : String(item.declaredValue),
        }));
        setRows(imported);
        setNextKey((n) => n + imported.length);
      }
      // The same file can be chosen again after it has been fixed.
      input.value = "";
    });
  };

  return (
    <fieldset className="grid gap-3" aria-describedby={listErrors ? "items-error" : undefined}>
      <legend className="mb-2 text-base font-semibold">Items in the box</legend>
      {listErrors ? (
        <p id="items-error" className="text-sm text-destructive">
          {listErrors.join(" ")}
        </p>
      ) : null}
      <ol className="grid gap-3">
        {rows.map((r, i) => (
          <li
            key={r.key}
            className="grid gap-2 rounded-md border border-border p-3 sm:flex sm:flex-wrap sm:items-start"
          >
            {cells.map((c) => {
              const name = `items.${i}.${c.field}`;
              const id = `item-${r.key}-${c.field}`;
              const errors = state.fieldErrors?.[name];
              return (
                <div key={c.field} className={`grid gap-1 ${c.className}`}>
                  <Label htmlFor={id} className="text-xs text-muted-foreground">
                    <span className="sr-only">Item {i + 1} </span>
                    {c.label}
                  </Label>
                  <Input
                    id={id}
                    name={name}
                    value={r[c.field]}
                    onChange={(e) => set(r.key, { [c.field]: e.target.value })}
                    aria-invalid={errors ? true : undefined}
                    aria-describedby={errors ? `${id}-error` : undefined}
                    ref={c.field === "sku" ? (el) => skuCell(r.key, el) : undefined}
                    {...c.props}
                  />
                  {errors ? (
                    <p id={`${id}-error`} className="text-sm text-destructive">
                      {errors.join(" ")}
                    </p>
                  ) : null}
                </div>
              );
            })}
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className="sm:mt-5"
              aria-label={`Remove item ${i + 1}`}
              disabled={rows.length === 1}
              onClick={() => remove(r.key)}
            >
              <X aria-hidden />
            </Button>
          </li>
        ))}
      </ol>
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="justify-self-start"
        onClick={add}
        disabled={rows.length >= 200}
      >
        <Plus aria-hidden /> Add an item
      </Button>

      <div className="grid gap-2 rounded-md border border-dashed border-border p-3">
        <Label htmlFor="items-csv">Import items from CSV</Label>
        {/* No name: the file itself is never posted with the form, only the rows read from it. */}
        <Input
          id="items-csv"
          type="file"
          accept=".csv,text/csv"
          onChange={onFile}
          disabled={importing}
          aria-describedby={`items-csv-hint${csv.status === "error" ? " items-csv-errors" : ""}`}
          className="h-auto py-1.5"
        />
        <p id="items-csv-hint" className="text-xs text-muted-foreground">
          A first line naming the columns <code>sku,name,quantity</code> and optionally <code>declared_value</code>, in
          any order. The file&apos;s items replace the rows above; if any line is wrong, nothing changes.
        </p>
        <p role="status" className="text-sm">
          {importing ? (
            <>
              <Loader2 className="mr-1 inline size-4 animate-spin" aria-hidden /> Reading the file…
            </>
          ) : csv.status === "ok" ? (
            csv.message
          ) : null}
        </p>
        {csv.status === "error" && !importing ? (
          <div
            id="items-csv-errors"
            role="alert"
            className="rounded-md border border-destructive/50 bg-destructive/10 px-4 py-3 text-sm text-destructive"
          >
            <p className="font-medium">{csv.message}</p>
            {csv.errors?.length ? (
              <ul aria-label="Problems in the file" className="mt-2 list-disc pl-5">
                {csv.errors.map((e, i) => (
                  <li key={i}>{e.line > 0 ? `Line ${e.line}: ${e.message}` : e.message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}
