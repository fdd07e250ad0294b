"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { joinWaitlistAction } from "./actions";

/**
 * Shown when the slot the creator picked was just taken (`waitlist` = "startsAt|endsAt" from holdSlotAction):
 * one button to wait for exactly that time. Its own form, next to the picker's (forms cannot nest).
 */
export function WaitlistJoin(props: { workspace: string; roomId: string; waitlist: string; creatorId?: string }) {
  const [state, action] = useActionState(joinWaitlistAction, idle);
  if (state.status === "ok") return <FormMessage state={state} />;
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="workspace" value={props.workspace} />
      <input type="hidden" name="roomId" value={props.roomId} />
      <input type="hidden" name="slot" value={props.waitlist} />
      {props.creatorId ? <input type="hidden" name="creatorId" value={props.creatorId} /> : null}
      <FormMessage state={state} />
      <p className="text-sm text-muted-foreground">
        Still want this time? If it frees up, it is held for you and you get an email.
      </p>
      <SubmitButton variant="outline" className="justify-self-start" pendingText="Joining…">
        Join the waitlist for this time
      </SubmitButton>
    </form>
  );
}
