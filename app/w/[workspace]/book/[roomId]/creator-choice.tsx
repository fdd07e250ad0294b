"use client";
import { useState } from "react";
import { Field, FieldError } from "@/components/form";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionState } from "@/lib/action-state";
import { NEW_CREATOR } from "@/lib/bookings/schemas";

/**
 * Who staff book for: a creator of the workspace, or someone new standing at the desk (email and name), who gets
 * an account and an email to choose a password in the same step (lib/bookings/walk-in.ts).
 */
export function CreatorChoice({
  creators,
  state,
  onChoose,
}: {
  creators: { id: string; label: string }[];
  state: ActionState;
  onChoose?: (id: string) => void;
}) {
  const [choice, setChoice] = useState(state.values?.creatorId ?? "");
  return (
    <div className="grid max-w-sm gap-3">
      <div className="grid gap-2">
        <Label htmlFor="creatorId">Book for creator</Label>
        <NativeSelect
          id="creatorId"
          name="creatorId"
          value={choice}
          onChange={(e) => {
            setChoice(e.target.value);
            onChoose?.(e.target.value);
          }}
          aria-invalid={state.fieldErrors?.creatorId ? true : undefined}
          aria-describedby={state.fieldErrors?.creatorId ? "field-creatorId-error" : undefined}
        >
          <option value="">Choose…</option>
          {creators.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
          <option value={NEW_CREATOR}>Someone new (not a member yet)…</option>
        </NativeSelect>
        <FieldError name="creatorId" state={state} />
      </div>
      {choice === NEW_CREATOR ? (
        <fieldset className="grid gap-3 rounded-md border border-border p-3">
          <legend className="px-1 text-sm font-medium">New creator</legend>
          <Field
            name="newCreatorEmail"
            label="Email"
            type="email"
            autoComplete="off"
            state={state}
            required
            hint="They get an email to choose a password and see this booking."
          />
          <Field name="newCreatorName" label="Name" autoComplete="off" state={state} required />
        </fieldset>
      ) : null}
    </div>
  );
}
