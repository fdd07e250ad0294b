"use client";
import { useActionState, type ReactNode } from "react";
import { ConfirmStep } from "@/components/confirm-step";
import { Field, FormMessage, SubmitButton, toastingAction } from "@/components/form";
import { idle, type ActionState } from "@/lib/action-state";
import { assignSampleAction } from "../bookings/samples-actions";
import {
  completeLeftoversAction,
  createLocationAction,
  cycleCountAction,
  moveStockAction,
  returnToShelfAction,
  stageStockAction,
} from "./actions";
import { SelectField } from "./fields";

// A stock change revalidates the page, and the row it was made on can vanish with it (all of it moved, staged or
// disposed): the outcome is toasted as well as shown inline, so it is never lost.
const moveAndTell = toastingAction(moveStockAction);
const countAndTell = toastingAction(cycleCountAction);
const stageAndTell = toastingAction(stageStockAction);
const returnAndTell = toastingAction(returnToShelfAction);
const assignAndTell = toastingAction(assignSampleAction);
const leftoversAndTell = toastingAction(completeLeftoversAction);

export type StockRow = { id: string; sku: string; name: string; onHand: number };
export type Choice = { id: string; label: string };

/**
 * One action on one row, behind a disclosure so the table stays compact on a phone. It opens again by itself when
 * the action fails, with what was typed, and says what happened when it succeeds.
 */
function RowForm({
  summary,
  state,
  action,
  hidden,
  submit,
  pending,
  children,
}: {
  summary: string;
  state: ActionState;
  action: (form: FormData) => void;
  hidden: Record<string, string>;
  submit: string;
  pending: string;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-2">
      {state.status === "ok" ? <FormMessage state={state} /> : null}
      {/* A new key after a success closes the disclosure and gives the next use a fresh form. */}
      <details
        key={state.status === "ok" ? `ok:${state.message}` : "form"}
        open={state.status === "error" || undefined}
      >
        <summary className="cursor-pointer text-sm underline underline-offset-4">{summary}</summary>
        <form action={action} className="mt-2 grid min-w-56 gap-2" noValidate>
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {state.status === "error" ? <FormMessage state={state} /> : null}
          {children}
          <SubmitButton size="sm" className="justify-self-start" pendingText={pending}>
            {submit}
          </SubmitButton>
        </form>
      </details>
    </div>
  );
}

function Options({ choices, placeholder }: { choices: Choice[]; placeholder?: string }) {
  return (
    <>
      {placeholder ? <option value="">{placeholder}</option> : null}
      {choices.map((c) => (
        <option key={c.id} value={c.id}>
          {c.label}
        </option>
      ))}
    </>
  );
}

export function MoveForm({ workspace, item, places }: { workspace: string; item: StockRow; places: Choice[] }) {
  const [state, action] = useActionState(moveAndTell, idle);
  if (places.length === 0)
    return <p className="text-xs text-muted-foreground">Add another bin or shelf to move stock.</p>;
  return (
    <RowForm
      summary="Move…"
      state={state}
      action={action}
      hidden={{ workspace, itemId: item.id }}
      submit="Move"
      pending="Moving…"
    >
      <SelectField
        id={`move-to-${item.id}`}
        name="toLocationId"
        label={`Move ${item.sku} to`}
        state={state}
        defaultValue=""
      >
        <Options choices={places} placeholder="Choose a bin or shelf" />
      </SelectField>
      <Field
        id={`move-qty-${item.id}`}
        name="quantity"
        label="Quantity to move"
        type="number"
        inputMode="numeric"
        min={1}
        max={item.onHand}
        defaultValue={String(item.onHand)}
        state={state}
        required
      />
      <Field id={`move-reason-${item.id}`} name="reason" label="Reason (optional)" maxLength={500} state={state} />
    </RowForm>
  );
}

export function CountForm({ workspace, item }: { workspace: string; item: StockRow }) {
  const [state, action] = useActionState(countAndTell, idle);
  return (
    <RowForm
      summary="Count…"
      state={state}
      action={action}
      hidden={{ workspace, itemId: item.id }}
      submit="Record count"
      pending="Recording…"
    >
      <Field
        id={`count-n-${item.id}`}
        name="counted"
        label={`Counted ${item.sku}`}
        hint={`The ledger says ${item.onHand}.`}
        type="number"
        inputMode="numeric"
        min={0}
        state={state}
        required
      />
      <Field
        id={`count-reason-${item.id}`}
        name="reason"
        label="Reason"
        placeholder="Weekly count"
        maxLength={500}
        state={state}
        required
      />
    </RowForm>
  );
}

/**
 * Stages samples from one shelf row on a session's set. On the inventory the session is chosen; on a session's
 * samples card it is that session (`bookingId`).
 */
export function StageForm({
  workspace,
  item,
  sessions,
  bookingId,
  defaultQuantity,
  summary = "Stage…",
}: {
  workspace: string;
  item: StockRow;
  sessions?: Choice[];
  bookingId?: string;
  defaultQuantity?: number;
  summary?: string;
}) {
  const [state, action] = useActionState(stageAndTell, idle);
  if (!bookingId && !sessions?.length)
    return <p className="text-xs text-muted-foreground">No session in the next 7 days to stage for.</p>;
  return (
    <RowForm
      summary={summary}
      state={state}
      action={action}
      hidden={{ workspace, itemId: item.id, ...(bookingId ? { bookingId } : {}) }}
      submit="Stage"
      pending="Staging…"
    >
      {bookingId ? null : (
        <SelectField
          id={`stage-session-${item.id}`}
          name="bookingId"
          label={`Stage ${item.sku} for`}
          state={state}
          defaultValue=""
        >
          <Options choices={sessions ?? []} placeholder="Choose a session" />
        </SelectField>
      )}
      <Field
        id={`stage-qty-${item.id}`}
        name="quantity"
        label="Quantity to stage"
        type="number"
        inputMode="numeric"
        min={1}
        max={item.onHand}
        defaultValue={String(defaultQuantity ?? item.onHand)}
        hint={`${item.onHand} on this shelf.`}
        state={state}
        required
      />
    </RowForm>
  );
}

export function ReturnForm({
  workspace,
  item,
  places,
  summary = "Return to shelf…",
}: {
  workspace: string;
  item: StockRow;
  places: Choice[];
  summary?: string;
}) {
  const [state, action] = useActionState(returnAndTell, idle);
  if (places.length === 0)
    return <p className="text-xs text-muted-foreground">Add a bin or shelf to return samples to.</p>;
  return (
    <RowForm
      summary={summary}
      state={state}
      action={action}
      hidden={{ workspace, itemId: item.id }}
      submit="Return"
      pending="Returning…"
    >
      <SelectField
        id={`return-to-${item.id}`}
        name="toLocationId"
        label={`Return ${item.sku} to`}
        state={state}
        defaultValue={places.length === 1 ? places[0].id : ""}
      >
        <Options choices={places} placeholder={places.length === 1 ? undefined : "Choose a bin or shelf"} />
      </SelectField>
      <Field
        id={`return-qty-${item.id}`}
        name="quantity"
        label="Quantity to return"
        type="number"
        inputMode="numeric"
        min={1}
        max={item.onHand}
        defaultValue={String(item.onHand)}
        state={state}
        required
      />
    </RowForm>
  );
}

/** Assigns samples already in the studio to a session (staff choose the item and how many). */
export function AssignSampleForm({
  workspace,
  bookingId,
  choices,
}: {
  workspace: string;
  bookingId: string;
  choices: Choice[];
}) {
  const [state, action] = useActionState(assignAndTell, idle);
  if (choices.length === 0)
    return <p className="text-sm text-muted-foreground">No samples are on the studio&apos;s shelves to assign.</p>;
  return (
    <RowForm
      summary="Assign a sample…"
      state={state}
      action={action}
      hidden={{ workspace, bookingId }}
      submit="Assign"
      pending="Assigning…"
    >
      <SelectField id="assign-item" name="shipmentItemId" label="Sample" state={state} defaultValue="">
        <Options choices={choices} placeholder="Choose an item in the studio" />
      </SelectField>
      <Field
        id="assign-qty"
        name="quantity"
        label="Quantity for this session"
        type="number"
        inputMode="numeric"
        min={1}
        defaultValue="1"
        state={state}
        required
      />
    </RowForm>
  );
}

/** A bin or shelf for a studio: from the desk (when there is nowhere to put a box) or the inventory. */
export function AddLocationForm({
  workspace,
  studioId,
  open,
}: {
  workspace: string;
  studioId: string;
  open?: boolean;
}) {
  const [state, action] = useActionState(createLocationAction, idle);
  // The success message sits outside the disclosure: adding the studio's first place closes it (`open` turns false).
  return (
    <div className="grid gap-2">
      {state.status === "ok" ? <FormMessage state={state} /> : null}
      <details className="rounded-md border border-border p-3" open={open || state.status === "error" || undefined}>
        <summary className="cursor-pointer text-sm font-medium">Add a bin or shelf</summary>
        <form
          action={action}
          className="mt-3 grid items-start gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto]"
          noValidate
        >
          <input type="hidden" name="workspace" value={workspace} />
          <input type="hidden" name="studioId" value={studioId} />
          {state.status === "error" ? (
            <div className="sm:col-span-3">
              <FormMessage state={state} />
            </div>
          ) : null}
          <Field
            id={`location-code-${studioId}`}
            name="code"
            label="Code on its label"
            placeholder="BIN-A1"
            maxLength={40}
            autoComplete="off"
            state={state}
            required
          />
          <SelectField id={`location-kind-${studioId}`} name="kind" label="Kind" state={state} defaultValue="bin">
            <option value="bin">Bin</option>
            <option value="shelf">Shelf</option>
          </SelectField>
          <SubmitButton className="sm:mt-6" pendingText="Adding…">
            Add
          </SubmitButton>
        </form>
      </details>
    </div>
  );
}

/**
 * The brand's choice for a shipment's leftovers, as the one button staff can press (the use case does the rest).
 * Goods leave the building or change hands, so it asks first; a return to the brand takes its tracking number.
 */
export function LeftoversButton({
  workspace,
  shipmentId,
  code,
  label,
  action: choice,
  units,
}: {
  workspace: string;
  shipmentId: string;
  code: string;
  label: string;
  action: "return_to_brand" | "give_to_creator" | "dispose";
  units: number;
}) {
  const [state, action] = useActionState(leftoversAndTell, idle);
  if (state.status === "ok") return <FormMessage state={state} />;
  const what = `${units} ${units === 1 ? "unit" : "units"} of ${code}`;
  const question = {
    return_to_brand: `Send ${what} back to the brand?`,
    give_to_creator: `Give ${what} to the creator?`,
    dispose: `Dispose of ${what}? This cannot be undone.`,
  }[choice];
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <FormMessage state={state} />
      <ConfirmStep
        label={label}
        srContext={`the leftovers of ${code}`}
        question={question}
        confirmLabel={`Yes, ${label.toLowerCase()}`}
        pendingText="Working…"
        variant={choice === "dispose" ? "destructive" : "default"}
      >
        {choice === "return_to_brand" ? (
          <Field
            id={`tracking-${shipmentId}`}
            name="trackingNumber"
            label="Return tracking number"
            hint="The courier's number for the parcel going back, so the brand can follow it."
            maxLength={100}
            autoComplete="off"
            autoFocus
            state={state}
          />
        ) : null}
      </ConfirmStep>
    </form>
  );
}
