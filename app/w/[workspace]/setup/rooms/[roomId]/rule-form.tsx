"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { WEEK_ORDER, WEEKDAYS } from "@/lib/studios/opening-hours";
import { formKey, SelectField } from "../../setup-fields";
import { addPricingRuleAction } from "./actions";

/** A peak-pricing rule: a weekday and a local time range (may pass midnight), at an hourly rate or a multiplier. */
export function RuleForm({
  workspace,
  roomId,
  currency,
  example,
}: {
  workspace: string;
  roomId: string;
  currency: string;
  example: string;
}) {
  const [state, action] = useActionState(addPricingRuleAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate key={formKey(state)} aria-label="New peak rule">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="roomId" value={roomId} />
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field
          id="rule-name"
          name="name"
          label="Name (optional)"
          maxLength={40}
          hint="Shown on the quote. Default: Peak."
          state={state}
        />
        <SelectField
          id="rule-weekday"
          name="weekday"
          label="Weekday"
          defaultValue="5"
          options={WEEK_ORDER.map((d) => ({ value: String(d), label: WEEKDAYS[d] }))}
          state={state}
        />
        <Field
          id="rule-startsAt"
          name="startsAt"
          label="From"
          type="time"
          step={60}
          defaultValue="18:00"
          required
          state={state}
        />
        <Field
          id="rule-endsAt"
          name="endsAt"
          label="Until"
          type="time"
          step={60}
          defaultValue="23:00"
          required
          hint="Before “From”: runs past midnight."
          state={state}
        />
      </div>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <SelectField
          id="rule-priceKind"
          name="priceKind"
          label="Price as"
          defaultValue="rate"
          options={[
            { value: "rate", label: `An hourly rate (${currency})` },
            { value: "multiplier", label: "A multiplier of the room rate" },
          ]}
          state={state}
        />
        <Field
          id="rule-price"
          name="price"
          label="Rate or multiplier"
          inputMode="decimal"
          required
          hint={`A rate like ${example}, or a multiplier like 1.5.`}
          state={state}
        />
      </div>
      <SubmitButton variant="outline" className="justify-self-start" pendingText="Adding…">
        Add peak rule
      </SubmitButton>
    </form>
  );
}
