"use client";
import { useActionState, useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { idle, type ActionState } from "@/lib/action-state";
import { FieldErrorText, SelectField } from "../inventory/fields";
import { logUnexpectedBoxAction, receiveShipmentAction } from "./actions";

/** `start`: what "Received now" starts at (receiveFieldStart: what was announced on the first count, then empty). */
export type DeskItem = {
  id: string;
  sku: string;
  name: string;
  expected: number;
  received: number;
  damaged: number;
  start: string;
};
export type Place = { id: string; code: string; kind: string };

/**
 * The count of one box: per item, how many came now (on the first count what was announced; after a receipt an
 * empty field beside what is still expected), how many of them are damaged and where they go. The receipt id is
 * made once per form, so a double submit or a retry after a lost answer is one receipt; the version makes a count
 * from an outdated screen a conflict instead of a double count.
 */
export function ReceiveForm({
  workspace,
  shipmentId,
  code,
  version,
  items,
  places,
}: {
  workspace: string;
  shipmentId: string;
  code: string;
  version: number;
  items: DeskItem[];
  places: Place[];
}) {
  const [state, action] = useActionState(receiveShipmentAction, idle);
  const [receiptId] = useState(() => crypto.randomUUID());
  const onePlace = places.length === 1 ? places[0].id : "";
  return (
    <form action={action} className="grid gap-4" noValidate aria-label={`Receive ${code}`}>
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <input type="hidden" name="receiptId" value={receiptId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} />
      {state.data?.conflict ? (
        <p className="text-sm">
          {/* A full load on purpose: the counts on screen are stale, and so is this form's version. */}
          <a
            className="font-medium underline underline-offset-4"
            href={`/w/${workspace}/receiving?code=${encodeURIComponent(code)}`}
          >
            Reload {code} to see the new counts
          </a>
        </p>
      ) : null}
      {state.fieldErrors?.lines ? <FieldErrorText id="lines-error" errors={state.fieldErrors.lines} /> : null}
      {items.map((item, n) => {
        const name = (field: string) => `lines.${n}.${field}`;
        const still = Math.max(0, item.expected - item.received);
        return (
          <fieldset key={item.id} className="grid gap-3 rounded-md border border-border p-3 sm:grid-cols-3">
            <legend className="px-1 font-medium">
              {item.sku} {item.name}
            </legend>
            <p className="text-sm text-muted-foreground sm:col-span-3">
              Expected {item.expected} · received so far {item.received}
              {item.damaged ? ` (${item.damaged} damaged)` : ""} · still expected {still}
            </p>
            <input type="hidden" name={name("shipmentItemId")} value={item.id} />
            <FieldErrorText id={`line-${n}-item-error`} errors={state.fieldErrors?.[name("shipmentItemId")]} />
            <Field
              id={`line-${n}-received`}
              name={name("received")}
              label="Received now"
              type="number"
              inputMode="numeric"
              min={0}
              defaultValue={item.start}
              state={state}
            />
            <Field
              id={`line-${n}-damaged`}
              name={name("damaged")}
              label="Damaged"
              type="number"
              inputMode="numeric"
              min={0}
              defaultValue="0"
              state={state}
            />
            <SelectField
              id={`line-${n}-location`}
              name={name("locationId")}
              label="Put in"
              state={state}
              defaultValue={onePlace}
            >
              {onePlace ? null : <option value="">Choose a bin or shelf</option>}
              {places.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} ({p.kind})
                </option>
              ))}
            </SelectField>
          </fieldset>
        );
      })}
      <SubmitButton className="justify-self-start" pendingText="Receiving…">
        Confirm receipt
      </SubmitButton>
    </form>
  );
}

type Choice = { id: string; name: string };

/** How many item rows the form had when it was sent back with an error (so none of them is dropped). */
function rowsIn(state: ActionState) {
  let n = 0;
  for (const key of Object.keys(state.values ?? {})) {
    const m = /^items\.(\d{1,3})\./.exec(key);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}

/** A box nobody announced: what its label says, who sent it if known, and what is in it. */
export function UnexpectedBoxForm({
  workspace,
  studios,
  brands,
  scanned,
}: {
  workspace: string;
  studios: Choice[];
  brands: Choice[];
  scanned: string;
}) {
  const [state, action] = useActionState(logUnexpectedBoxAction, idle);
  const [rows, setRows] = useState(2);
  const [added, setAdded] = useState(false);
  const shown = Math.max(rows, rowsIn(state));
  const notesErrors = state.fieldErrors?.notes;
  return (
    <form action={action} className="grid gap-4" noValidate aria-label="Log an unexpected box">
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          id="box-studio"
          name="studioId"
          label="Studio"
          state={state}
          defaultValue={studios.length === 1 ? studios[0].id : ""}
        >
          {studios.length === 1 ? null : <option value="">Choose the studio</option>}
          {studios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="box-brand" name="brandId" label="Brand (if known)" state={state} defaultValue="">
          <option value="">Not known</option>
          {brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <Field
          id="box-carrier"
          name="carrier"
          label="Carrier"
          placeholder="UPS"
          maxLength={60}
          autoComplete="off"
          state={state}
        />
        <Field
          id="box-tracking"
          name="trackingNumber"
          label="Tracking number"
          defaultValue={scanned}
          maxLength={100}
          autoComplete="off"
          state={state}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="box-notes">What the label says</Label>
        <textarea
          id="box-notes"
          name="notes"
          rows={3}
          maxLength={2000}
          required
          aria-invalid={notesErrors ? true : undefined}
          aria-describedby={notesErrors ? "box-notes-error" : undefined}
          defaultValue={state.values?.notes}
          className="rounded-md border border-input bg-background px-3 py-2 text-base focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[invalid=true]:border-destructive sm:text-sm"
        />
        <FieldErrorText id="box-notes-error" errors={notesErrors} />
      </div>
      <div className="grid gap-3">
        <p className="text-sm font-medium">What is in the box</p>
        <p className="text-xs text-muted-foreground">Leave a row blank to skip it.</p>
        <FieldErrorText id="box-items-error" errors={state.fieldErrors?.items} />
        {Array.from({ length: shown }, (_, n) => (
          <fieldset
            key={n}
            className="grid gap-3 rounded-md border border-border p-3 sm:grid-cols-[10rem_minmax(0,1fr)_7rem]"
          >
            <legend className="px-1 text-sm font-medium">Item {n + 1}</legend>
            <Field
              id={`box-item-${n}-sku`}
              name={`items.${n}.sku`}
              label="SKU"
              maxLength={64}
              autoComplete="off"
              state={state}
              autoFocus={added && n === shown - 1}
            />
            <Field
              id={`box-item-${n}-name`}
              name={`items.${n}.name`}
              label="Product name"
              maxLength={200}
              autoComplete="off"
              state={state}
            />
            <Field
              id={`box-item-${n}-qty`}
              name={`items.${n}.quantity`}
              label="Quantity"
              type="number"
              inputMode="numeric"
              min={1}
              state={state}
            />
          </fieldset>
        ))}
        <Button
          type="button"
          variant="outline"
          className="justify-self-start"
          disabled={shown >= 200}
          onClick={() => {
            setRows(shown + 1);
            setAdded(true);
          }}
        >
          Add another item
        </Button>
      </div>
      <SubmitButton className="justify-self-start" pendingText="Logging…">
        Log the box and receive it
      </SubmitButton>
    </form>
  );
}
