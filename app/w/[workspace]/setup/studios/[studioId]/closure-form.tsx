"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { formKey } from "../../setup-fields";
import { addClosureAction } from "./actions";

/** Closes the studio for a day, or for a range of days (both included), with a reason. */
export function ClosureForm({ workspace, studioId, today }: { workspace: string; studioId: string; today: string }) {
  const [state, action] = useActionState(addClosureAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate key={formKey(state)} aria-label="New closure">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="studioId" value={studioId} />
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-3">
        <Field id="closure-startsOn" name="startsOn" label="First day" type="date" min={today} required state={state} />
        <Field
          id="closure-endsOn"
          name="endsOn"
          label="Last day (optional)"
          type="date"
          min={today}
          hint="Leave empty for one day."
          state={state}
        />
        <Field
          id="closure-reason"
          name="reason"
          label="Reason"
          maxLength={200}
          required
          hint="Like: public holiday, floor works."
          state={state}
        />
      </div>
      <SubmitButton variant="outline" className="justify-self-start" pendingText="Adding…">
        Add closure
      </SubmitButton>
    </form>
  );
}
