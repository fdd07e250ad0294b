"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { acceptInvitationAction } from "./actions";

export function AcceptForm({ token }: { token: string }) {
  const [state, action] = useActionState(acceptInvitationAction, idle);
  return (
    <form action={action} className="grid gap-3">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <SubmitButton pendingText="Joining…">Accept and join</SubmitButton>
    </form>
  );
}
