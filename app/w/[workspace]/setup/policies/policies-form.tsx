"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import type { Policies } from "@/lib/policies/policies";
import { formKey } from "../setup-fields";
import { updatePoliciesAction } from "./actions";

const FIELDS: { name: keyof Policies; label: string; hint: string; max: number }[] = [
  { name: "minNoticeMinutes", label: "Minimum notice (minutes)", hint: "How long before its start a booking can still be made.", max: 43_200 },
  { name: "bookingWindowDays", label: "Booking window (days)", hint: "How far ahead creators can book.", max: 365 },
  { name: "holdMinutes", label: "Hold (minutes)", hint: "How long a slot is kept for a creator before they confirm.", max: 240 },
  { name: "freeCancellationHours", label: "Free cancellation (hours before the start)", hint: "Cancelling earlier than this is free.", max: 720 },
  { name: "lateCancelFeePercent", label: "Late-cancellation fee (%)", hint: "Of the booking's price, for a cancellation after that.", max: 100 },
  { name: "noShowFeePercent", label: "No-show fee (%)", hint: "Of the booking's price, when the creator does not come.", max: 100 },
];

export function PoliciesForm({ workspace, policies }: { workspace: string; policies: Policies }) {
  const [state, action] = useActionState(updatePoliciesAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate key={formKey(state)}>
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <Field key={f.name} name={f.name} label={f.label} hint={f.hint} type="number" inputMode="numeric" min={0} max={f.max} step={1} required defaultValue={String(policies[f.name])} state={state} />
        ))}
      </div>
      <SubmitButton className="justify-self-start" pendingText="Saving…">
        Save policies
      </SubmitButton>
    </form>
  );
}
