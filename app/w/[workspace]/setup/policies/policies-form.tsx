"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { idle, type ActionState } from "@/lib/action-state";
import type { Policies } from "@/lib/policies/policies";
import { formKey } from "../setup-fields";
import { updatePoliciesAction } from "./actions";

type NumberPolicy = { [K in keyof Policies]: Policies[K] extends number ? K : never }[keyof Policies];

const FIELDS: { name: NumberPolicy; label: string; hint: string; max: number }[] = [
  {
    name: "minNoticeMinutes",
    label: "Minimum notice (minutes)",
    hint: "How long before its start a booking can still be made.",
    max: 43_200,
  },
  { name: "bookingWindowDays", label: "Booking window (days)", hint: "How far ahead creators can book.", max: 365 },
  {
    name: "holdMinutes",
    label: "Hold (minutes)",
    hint: "How long a slot is kept for a creator before they confirm.",
    max: 240,
  },
  {
    name: "freeCancellationHours",
    label: "Free cancellation (hours before the start)",
    hint: "Cancelling earlier than this is free.",
    max: 720,
  },
  {
    name: "lateCancelFeePercent",
    label: "Late-cancellation fee (%)",
    hint: "Of the booking's price, for a cancellation after that.",
    max: 100,
  },
  {
    name: "noShowFeePercent",
    label: "No-show fee (%)",
    hint: "Of the booking's price, when the creator does not come.",
    max: 100,
  },
  {
    name: "checkInOpensMinutes",
    label: "Check-in opens (minutes before)",
    hint: "How early the front desk can check a creator in.",
    max: 240,
  },
  {
    name: "noShowGraceMinutes",
    label: "No-show after (minutes)",
    hint: "A session nobody checked in to becomes a no-show this long after its start.",
    max: 240,
  },
  {
    name: "overtimeGraceMinutes",
    label: "Overtime grace (minutes)",
    hint: "Checking out this late is free; after it, every started 15 minutes is overtime.",
    max: 60,
  },
  {
    name: "overtimeRatePercent",
    label: "Overtime rate (% of the room rate)",
    hint: "150 means one and a half times the room's hourly rate.",
    max: 500,
  },
  {
    name: "storageOverrunPercent",
    label: "Storage overrun (% of the nightly rate)",
    hint: "Each night goods stay after the reserved nights.",
    max: 500,
  },
  {
    name: "invoiceDelayMinutes",
    label: "Invoice after (minutes)",
    hint: "Charges wait this long before they are invoiced, so a mistake can still be voided.",
    max: 10_080,
  },
];

export function PoliciesForm({
  workspace,
  policies,
  stripeConnected,
}: {
  workspace: string;
  policies: Policies;
  stripeConnected: boolean;
}) {
  const [state, action] = useActionState(updatePoliciesAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate key={formKey(state)}>
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <Field
            key={f.name}
            name={f.name}
            label={f.label}
            hint={f.hint}
            type="number"
            inputMode="numeric"
            min={0}
            max={f.max}
            step={1}
            required
            defaultValue={String(policies[f.name])}
            state={state}
          />
        ))}
        <SelectPolicy
          name="cardOnFile"
          label="Card on file to book"
          hint={`Automatic: required exactly when Stripe is connected.${stripeConnected ? "" : " Always required needs Stripe, which is not connected (creators add their card through it)."}`}
          value={String(state.values?.cardOnFile ?? policies.cardOnFile)}
          state={state}
          options={[
            ["auto", "Automatic"],
            ["required", "Always required"],
            ["not_required", "Not required"],
          ]}
        />
        <SelectPolicy
          name="blockBookingWhenUnpaid"
          label="Block booking while a payment has failed"
          hint="Until the creator settles the failed invoice."
          value={String(state.values?.blockBookingWhenUnpaid ?? policies.blockBookingWhenUnpaid)}
          state={state}
          options={[
            ["yes", "Yes"],
            ["no", "No"],
          ]}
        />
      </div>
      <SubmitButton className="justify-self-start" pendingText="Saving…">
        Save policies
      </SubmitButton>
    </form>
  );
}

function SelectPolicy({
  name,
  label,
  hint,
  value,
  options,
  state,
}: {
  name: string;
  label: string;
  hint: string;
  value: string;
  options: [string, string][];
  state: ActionState;
}) {
  const errors = state.fieldErrors?.[name];
  return (
    <div className="grid gap-2">
      <Label htmlFor={`field-${name}`}>{label}</Label>
      <NativeSelect
        id={`field-${name}`}
        name={name}
        defaultValue={value}
        aria-describedby={`field-${name}-hint${errors ? ` field-${name}-error` : ""}`}
        aria-invalid={errors ? true : undefined}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </NativeSelect>
      <p id={`field-${name}-hint`} className="text-xs text-muted-foreground">
        {hint}
      </p>
      {errors ? (
        <p id={`field-${name}-error`} className="text-sm text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
