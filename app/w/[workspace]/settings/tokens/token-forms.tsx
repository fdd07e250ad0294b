"use client";
import { useActionState, useState } from "react";
import { Copy } from "lucide-react";
import { Field, FormMessage, SubmitButton, toastingAction } from "@/components/form";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { idle } from "@/lib/action-state";
import { createTokenAction, revokeTokenAction } from "./actions";

export function CreateTokenForm({ workspace }: { workspace: string }) {
  const [state, action] = useActionState(createTokenAction, idle);
  const secret = state.status === "ok" ? state.data?.secret : undefined;
  return (
    <div className="grid gap-4">
      <form action={action} className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end" noValidate>
        <input type="hidden" name="workspace" value={workspace} />
        <Field name="name" label="Token name" placeholder="e.g. Inventory sync" required state={state.status === "error" ? state : undefined} />
        <SubmitButton pendingText="Creating…">Create token</SubmitButton>
      </form>
      {state.status === "error" ? <FormMessage state={state} /> : null}
      {secret ? (
        <div role="status" className="grid gap-2 rounded-md border border-success/40 bg-success/10 p-4 text-sm">
          <p className="font-medium">Copy your new token now: it will not be shown again.</p>
          <div className="flex items-center gap-2">
            <code data-testid="new-token" className="min-w-0 flex-1 break-all rounded bg-background px-2 py-1 font-mono text-xs">
              {secret}
            </code>
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => navigator.clipboard.writeText(secret).then(() => toast.success("Token copied"), () => toast.error("Could not copy: select it and copy by hand"))}
            >
              <Copy aria-hidden /> Copy
            </Button>
          </div>
        </div>
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
