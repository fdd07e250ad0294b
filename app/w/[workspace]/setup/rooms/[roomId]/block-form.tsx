"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { formKey } from "../../setup-fields";
import { addRoomBlockAction } from "./actions";

/** Blocks the room for maintenance between two wall-clock times of its studio. */
export function BlockForm({
  workspace,
  roomId,
  timeZone,
  now,
}: {
  workspace: string;
  roomId: string;
  timeZone: string;
  now: string;
}) {
  const [state, action] = useActionState(addRoomBlockAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate key={formKey(state)} aria-label="New maintenance block">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="roomId" value={roomId} />
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-3">
        <Field
          id="block-startsAt"
          name="startsAt"
          label="Starts"
          type="datetime-local"
          min={now}
          required
          hint={`In ${timeZone}.`}
          state={state}
        />
        <Field id="block-endsAt" name="endsAt" label="Ends" type="datetime-local" min={now} required state={state} />
        <Field id="block-reason" name="reason" label="Reason (optional)" maxLength={200} state={state} />
      </div>
      <SubmitButton variant="outline" className="justify-self-start" pendingText="Adding…">
        Add block
      </SubmitButton>
    </form>
  );
}
