"use client";
import { useActionState, useState } from "react";
import { SecretReveal } from "@/components/secret-reveal";
import { Field, FormMessage, SubmitButton, toastingAction } from "@/components/form";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/action-state";
import { createTokenAction, revokeTokenAction } from "./actions";

export function CreateTokenForm({ workspace }: { workspace: string }) {
  const [state, action] = useActionState(createTokenAction, idle);
  const secret = state.status === "ok" ? state.data?.secret : undefined;
  return (
    <div className="grid gap-4">
      <form action={action} className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end" noValidate>
        <input type="hidden" name="workspace" value={workspace} />
        <Field
          name="name"
          label="Token name"
          placeholder="e.g. Inventory sync"
          required
          state={state.status === "error" ? state : undefined}
        />
        <SubmitButton pendingText="Creating…">Create token</SubmitButton>
      </form>
      {state.status === "error" ? <FormMessage state={state} /> : null}
      {secret ? (
        <SecretReveal secret={secret} what="Token" testId="new-token">
          Copy your new token now: it will not be shown again.
        </SecretReveal>
      ) : null}
    </div>
  );
}

const revokeAndTell = toastingAction(revokeTokenAction);

export function RevokeTokenButton({ workspace, tokenId, name }: { workspace: string; tokenId: string; name: string }) {
  const [, action] = useActionState(revokeAndTell, idle);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button variant="outline" size="sm" onClick={() => setConfirming(true)} aria-label={`Revoke token ${name}`}>
        Revoke
      </Button>
    );
  }
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="destructive" size="sm" pendingText="Revoking…" aria-label={`Confirm revoke token ${name}`}>
        Confirm revoke
      </SubmitButton>
      <Button variant="ghost" size="sm" type="button" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </form>
  );
}
