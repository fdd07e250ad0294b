"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { createFeedAction, revokeFeedAction } from "./actions";

export function CreateFeedForm({
  workspace,
  studioId,
  label,
}: {
  workspace: string;
  studioId?: string;
  label: string;
}) {
  const [state, action] = useActionState(createFeedAction, idle);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="workspace" value={workspace} />
      {studioId ? <input type="hidden" name="studioId" value={studioId} /> : null}
      <FormMessage state={state} />
      {state.data?.url ? (
        <code data-testid="feed-url" className="break-all rounded bg-muted px-2 py-1 font-mono text-xs">
          {state.data.url}
        </code>
      ) : null}
      <SubmitButton variant="outline" className="justify-self-start" pendingText="Creating…">
        {label}
      </SubmitButton>
    </form>
  );
}

export function RevokeFeedForm({ workspace, feedId }: { workspace: string; feedId: string }) {
  const [state, action] = useActionState(revokeFeedAction, idle);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="feedId" value={feedId} />
      {state.message ? <span className="text-sm">{state.message}</span> : null}
      {state.status !== "ok" ? (
        <SubmitButton variant="outline" size="sm" pendingText="Revoking…">
          Revoke
        </SubmitButton>
      ) : null}
    </form>
  );
}
