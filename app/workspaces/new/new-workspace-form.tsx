"use client";
import { useActionState } from "react";
import { Field, FieldError, FormMessage, SubmitButton } from "@/components/form";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { idle } from "@/lib/action-state";
import { currencyLabel, STUDIO_CURRENCIES } from "@/lib/money";
import { createWorkspaceAction } from "./actions";

export function NewWorkspaceForm() {
  const [state, action] = useActionState(createWorkspaceAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <Field name="name" label="Company or studio name" required state={state} />
      <Field
        name="slug"
        label="Address"
        required
        hint="Lowercase letters, digits and dashes: livebase/w/your-address"
        state={state}
      />
      <div className="grid gap-2">
        <Label htmlFor="field-currency">Currency</Label>
        <NativeSelect id="field-currency" name="currency" defaultValue={state.values?.currency ?? "USD"}>
          {STUDIO_CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {currencyLabel(c)}
            </option>
          ))}
        </NativeSelect>
        <FieldError name="currency" state={state} />
      </div>
      <SubmitButton pendingText="Creating…">Create workspace</SubmitButton>
    </form>
  );
}
