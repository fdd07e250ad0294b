"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { moneyExample } from "@/lib/money";
import { SelectField } from "../../inventory/fields";
import { createStorageUnitAction } from "../actions";
import { numbered } from "../numbered-action";

const createUnit = numbered(createStorageUnitAction);

/** A new unit for the studio on the board (owners and managers): its code, size and nightly rate. */
export function AddUnitForm({
  workspace,
  studioId,
  studioName,
  currency,
}: {
  workspace: string;
  studioId: string;
  studioName: string;
  currency: string;
}) {
  const [state, action] = useActionState(createUnit, idle);
  return (
    <form action={action} className="grid gap-3" noValidate aria-label={`Add a unit to ${studioName}`}>
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="studioId" value={studioId} />
      <FormMessage state={state} />
      <div className="grid items-start gap-3 sm:grid-cols-[minmax(0,1fr)_8rem_10rem_auto]">
        <Field
          id="unit-code"
          name="code"
          label="Code"
          placeholder="A4"
          maxLength={20}
          autoComplete="off"
          hint="On the unit's label; it is also its place in the inventory."
          state={state}
          required
        />
        <SelectField key={state.data?.answer} id="unit-size" name="size" label="Size" state={state} defaultValue="M">
          <option value="S">S</option>
          <option value="M">M</option>
          <option value="L">L</option>
          <option value="XL">XL</option>
        </SelectField>
        <Field
          id="unit-rate"
          name="nightlyRate"
          label={`Nightly rate (${currency})`}
          inputMode="decimal"
          placeholder={moneyExample(currency)}
          state={state}
          required
        />
        <SubmitButton className="sm:mt-6" pendingText="Adding…">
          Add unit
        </SubmitButton>
      </div>
    </form>
  );
}
