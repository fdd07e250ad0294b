"use client";
import { useActionState, useState } from "react";
import { ConfirmStep } from "@/components/confirm-step";
import { Field, FormMessage, SubmitButton, toastingAction } from "@/components/form";
import { Button } from "@/components/ui/button";
import { idle, type ActionState } from "@/lib/action-state";
import { FieldErrorText } from "../inventory/fields";
import { cancelReservationAction, collectGoodsAction, storeGoodsAction } from "./actions";
import { numbered } from "./numbered-action";

// A change revalidates the page and can move the reservation to another list (collected, cancelled), unmounting the
// form that made it: the outcome is toasted as well, so it is never lost.
const storeAndTell = numbered(toastingAction(storeGoodsAction));
const collectAndTell = toastingAction(collectGoodsAction);
const cancelAndTell = toastingAction(cancelReservationAction);

const MAX_ROWS = 100; // storeGoodsSchema's limit

/** How many item rows the form had when it came back with an error, so none of what was typed is dropped. */
function rowsIn(state: ActionState) {
  let n = 0;
  for (const key of Object.keys(state.values ?? {})) {
    const m = /^items\.(\d{1,3})\./.exec(key);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}

/** The creator's own boxes into the unit: one row per SKU (what it is, SKU, how many); blank rows are skipped. */
export function GoodsForm({
  workspace,
  reservationId,
  unitLabel,
}: {
  workspace: string;
  reservationId: string;
  unitLabel: string;
}) {
  const [state, action] = useActionState(storeAndTell, idle);
  return (
    <div className="grid gap-2">
      {state.status === "ok" ? <FormMessage state={state} /> : null}
      {/* A new key after a success closes the disclosure and gives the next use a fresh form with one row. */}
      <details
        key={state.status === "ok" ? `ok:${state.data?.answer}` : "form"}
        open={state.status === "error" || undefined}
      >
        <summary className="cursor-pointer text-sm font-medium underline underline-offset-4">Check in goods…</summary>
        <GoodsRows
          workspace={workspace}
          reservationId={reservationId}
          unitLabel={unitLabel}
          state={state}
          action={action}
        />
      </details>
    </div>
  );
}

function GoodsRows({
  workspace,
  reservationId,
  unitLabel,
  state,
  action,
}: {
  workspace: string;
  reservationId: string;
  unitLabel: string;
  state: ActionState;
  action: (form: FormData) => void;
}) {
  const [rows, setRows] = useState(1);
  const [added, setAdded] = useState(false);
  const shown = Math.min(MAX_ROWS, Math.max(rows, rowsIn(state)));
  const id = (n: number, field: string) => `goods-${reservationId}-${n}-${field}`;
  return (
    <form action={action} className="mt-3 grid gap-3" noValidate aria-label={`Check in goods to ${unitLabel}`}>
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="reservationId" value={reservationId} />
      {state.status === "error" ? <FormMessage state={state} /> : null}
      <FieldErrorText id={`goods-${reservationId}-items-error`} errors={state.fieldErrors?.items} />
      <p className="text-xs text-muted-foreground">Your own boxes, one row per SKU. Leave a row blank to skip it.</p>
      {Array.from({ length: shown }, (_, n) => (
        <fieldset
          key={n}
          className="grid gap-3 rounded-md border border-border p-3 sm:grid-cols-[minmax(0,1fr)_10rem_7rem]"
        >
          <legend className="px-1 text-sm font-medium">Item {n + 1}</legend>
          <Field
            id={id(n, "name")}
            name={`items.${n}.name`}
            label="What it is"
            placeholder="Ring lights"
            maxLength={200}
            autoComplete="off"
            state={state}
            autoFocus={added && n === shown - 1}
          />
          <Field
            id={id(n, "sku")}
            name={`items.${n}.sku`}
            label="SKU"
            placeholder="BOX-1"
            maxLength={64}
            autoComplete="off"
            state={state}
          />
          <Field
            id={id(n, "qty")}
            name={`items.${n}.quantity`}
            label="Quantity"
            type="number"
            inputMode="numeric"
            min={1}
            state={state}
          />
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={shown >= MAX_ROWS}
          onClick={() => {
            setRows(shown + 1);
            setAdded(true);
          }}
        >
          Add another item
        </Button>
        <SubmitButton size="sm" pendingText="Checking in…">
          Check in
        </SubmitButton>
      </div>
    </form>
  );
}

/**
 * One button on a reservation (collect, cancel) that says what it did; an error stays next to it. Both end the
 * reservation (goods leave the building, or the nights are given up), so each asks first.
 */
function ReservationButton({
  workspace,
  reservationId,
  act,
  label,
  question,
  context,
  pending,
  variant,
}: {
  workspace: string;
  reservationId: string;
  act: typeof collectAndTell;
  label: string;
  question: string;
  context: string;
  pending: string;
  variant?: "outline" | "destructive";
}) {
  const [state, action] = useActionState(act, idle);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="reservationId" value={reservationId} />
      {state.status === "error" ? <FormMessage state={state} /> : null}
      {/* Every card has these buttons: the hidden words tell a screen reader's button list which one is which. */}
      <ConfirmStep
        label={label}
        srContext={`(${context})`}
        question={question}
        confirmLabel={`Yes, ${label.toLowerCase()}`}
        pendingText={pending}
        variant={variant ?? "default"}
      />
    </form>
  );
}

export function CollectButton({
  workspace,
  reservationId,
  context,
}: {
  workspace: string;
  reservationId: string;
  context: string;
}) {
  return (
    <ReservationButton
      workspace={workspace}
      reservationId={reservationId}
      act={collectAndTell}
      label="Collect everything"
      question="Hand everything in the unit back to the creator? The unit is then free and the reservation ends."
      context={context}
      pending="Collecting…"
    />
  );
}

export function CancelButton({
  workspace,
  reservationId,
  context,
}: {
  workspace: string;
  reservationId: string;
  context: string;
}) {
  return (
    <ReservationButton
      workspace={workspace}
      reservationId={reservationId}
      act={cancelAndTell}
      label="Cancel"
      question="Cancel this reservation and give up its nights?"
      context={context}
      pending="Cancelling…"
      variant="destructive"
    />
  );
}
