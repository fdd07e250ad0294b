"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { minorToDecimal, moneyExample } from "@/lib/studios/money";
import { formKey, SelectField } from "../../setup-fields";
import { createAddOnAction, updateAddOnAction } from "./actions";

type AddOn = { id: string; name: string; pricing: "flat" | "per_hour"; priceCents: number };

const PRICING = [
  { value: "flat", label: "Flat, per booking" },
  { value: "per_hour", label: "Per hour of the booking" },
];

/** Adds an add-on to a studio (with `studioId`) or edits one (with `addOn`). */
export function AddOnForm({
  workspace,
  currency,
  studioId,
  addOn,
}: {
  workspace: string;
  currency: string;
  studioId?: string;
  addOn?: AddOn;
}) {
  const [state, action] = useActionState(addOn ? updateAddOnAction : createAddOnAction, idle);
  const p = addOn ? `add-on-${addOn.id.slice(0, 8)}` : "new-add-on";
  return (
    <form
      action={action}
      className="grid gap-4"
      noValidate
      key={formKey(state)}
      aria-label={addOn ? `Edit ${addOn.name}` : "New add-on"}
    >
      <input type="hidden" name="workspace" value={workspace} />
      {addOn ? (
        <input type="hidden" name="addOnId" value={addOn.id} />
      ) : (
        <input type="hidden" name="studioId" value={studioId} />
      )}
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-3">
        <Field
          id={`${p}-name`}
          name="name"
          label="Name"
          defaultValue={addOn?.name}
          required
          maxLength={80}
          state={state}
        />
        <SelectField
          id={`${p}-pricing`}
          name="pricing"
          label="Charged"
          defaultValue={addOn?.pricing ?? "flat"}
          options={PRICING}
          state={state}
        />
        <Field
          id={`${p}-price`}
          name="price"
          label={`Price (${currency})`}
          inputMode="decimal"
          defaultValue={addOn ? minorToDecimal(addOn.priceCents, currency) : undefined}
          hint={`Like ${moneyExample(currency)}`}
          required
          state={state}
        />
      </div>
      <SubmitButton variant="outline" className="justify-self-start" pendingText="Saving…">
        {addOn ? "Save add-on" : "Add add-on"}
      </SubmitButton>
    </form>
  );
}
