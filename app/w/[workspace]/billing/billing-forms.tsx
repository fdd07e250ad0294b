"use client";
import { useActionState, useState } from "react";
import { Field, FormMessage, SubmitButton, toastingAction } from "@/components/form";
import { idle } from "@/lib/action-state";
import {
  creditChargeAction,
  openCustomerPortalAction,
  recordOfflinePaymentAction,
  startCardCheckoutAction,
  voidChargeAction,
} from "./actions";

/** "Add a card" / "Replace card": the action redirects to Stripe Checkout; an error stays on the page. */
export function CardCheckoutButton({ workspace, label }: { workspace: string; label: string }) {
  const [state, action] = useActionState(startCardCheckoutAction, idle);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />
      <SubmitButton className="justify-self-start" pendingText="Opening Stripe…">
        {label}
      </SubmitButton>
    </form>
  );
}

export function PortalButton({ workspace }: { workspace: string }) {
  const [state, action] = useActionState(openCustomerPortalAction, idle);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />
      <SubmitButton variant="outline" className="justify-self-start" pendingText="Opening Stripe…">
        Manage cards and invoices in Stripe
      </SubmitButton>
    </form>
  );
}

const voidAndTell = toastingAction(voidChargeAction);
const creditAndTell = toastingAction(creditChargeAction);
const payAndTell = toastingAction(recordOfflinePaymentAction);

/** A correction behind a disclosure, so a table row stays compact and the form keeps what was typed on failure. */
export function VoidChargeForm({ workspace, chargeId, label }: { workspace: string; chargeId: string; label: string }) {
  const [state, action] = useActionState(voidAndTell, idle);
  if (state.status === "ok") return <FormMessage state={state} />;
  return (
    <details className="group" open={state.status === "error" || undefined}>
      <summary className="cursor-pointer text-sm underline underline-offset-4">Void…</summary>
      <form action={action} className="mt-2 grid gap-2" noValidate>
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="chargeId" value={chargeId} />
        <FormMessage state={state} />
        <Field
          id={`void-reason-${chargeId}`}
          name="reason"
          label={`Why void ${label}?`}
          state={state}
          required
          maxLength={500}
        />
        <SubmitButton size="sm" variant="destructive" className="justify-self-start" pendingText="Voiding…">
          Void charge
        </SubmitButton>
      </form>
    </details>
  );
}

export function CreditChargeForm({
  workspace,
  chargeId,
  label,
  maxAmount,
}: {
  workspace: string;
  chargeId: string;
  label: string;
  maxAmount: string;
}) {
  const [state, action] = useActionState(creditAndTell, idle);
  // One id per form: a double submit, or a retry after a lost answer, writes one credit.
  const [requestId] = useState(() => crypto.randomUUID());
  if (state.status === "ok") return <FormMessage state={state} />;
  return (
    <details open={state.status === "error" || undefined}>
      <summary className="cursor-pointer text-sm underline underline-offset-4">Credit…</summary>
      <form action={action} className="mt-2 grid gap-2" noValidate>
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="chargeId" value={chargeId} />
        <input type="hidden" name="requestId" value={requestId} />
        <FormMessage state={state} />
        <Field
          id={`credit-amount-${chargeId}`}
          name="amount"
          label={`Amount to credit on ${label}`}
          hint={`Up to ${maxAmount}.`}
          state={state}
          inputMode="decimal"
          required
        />
        <Field id={`credit-reason-${chargeId}`} name="reason" label="Reason" state={state} required maxLength={500} />
        <SubmitButton size="sm" className="justify-self-start" pendingText="Crediting…">
          Credit
        </SubmitButton>
      </form>
    </details>
  );
}

export function OfflinePaymentForm({ workspace, invoiceId }: { workspace: string; invoiceId: string }) {
  const [state, action] = useActionState(payAndTell, idle);
  if (state.status === "ok") return <FormMessage state={state} />;
  return (
    <details open={state.status === "error" || undefined}>
      <summary className="cursor-pointer text-sm underline underline-offset-4">Record payment…</summary>
      <form action={action} className="mt-2 grid gap-2" noValidate>
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="invoiceId" value={invoiceId} />
        <FormMessage state={state} />
        <Field
          id={`pay-note-${invoiceId}`}
          name="note"
          label="How was it paid?"
          placeholder="Cash at the front desk"
          state={state}
          required
          maxLength={500}
        />
        <SubmitButton size="sm" className="justify-self-start" pendingText="Recording…">
          Mark paid
        </SubmitButton>
      </form>
    </details>
  );
}
