"use client";
import { useActionState, useState } from "react";
import { FormMessage, SubmitButton, toastingAction } from "@/components/form";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/action-state";
import { cancelSeriesAction, withdrawWaitlistAction } from "./actions";

// Success revalidates the page, which may drop the form and its inline message: the outcome is toasted too.
const cancelSeriesAndTell = toastingAction(cancelSeriesAction);
const withdrawAndTell = toastingAction(withdrawWaitlistAction);

/** "Cancel all future": every date of the series still ahead, after a confirmation that states the fees. */
export function CancelSeriesForm({
  workspace,
  seriesId,
  feeText,
}: {
  workspace: string;
  seriesId: string;
  feeText: string;
}) {
  const [state, action] = useActionState(cancelSeriesAndTell, idle);
  const [open, setOpen] = useState(false);
  if (state.status === "ok") return <FormMessage state={state} />;
  if (!open) {
    return (
      <Button variant="outline" className="justify-self-start" onClick={() => setOpen(true)}>
        Cancel all future…
      </Button>
    );
  }
  return (
    <form action={action} className="grid gap-3 rounded-md border border-destructive/40 p-4">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="seriesId" value={seriesId} />
      <FormMessage state={state} />
      <p className="font-medium">{feeText}</p>
      <div className="flex gap-2">
        <SubmitButton variant="destructive" pendingText="Cancelling…">
          Yes, cancel all future dates
        </SubmitButton>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          Keep them
        </Button>
      </div>
    </form>
  );
}

/** Withdraw from one waitlist entry (a hold it was offered goes to the next in line). */
export function WithdrawForm({ workspace, entryId, label }: { workspace: string; entryId: string; label: string }) {
  const [state, action] = useActionState(withdrawAndTell, idle);
  return (
    <form action={action} className="grid justify-items-end gap-1">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="entryId" value={entryId} />
      {state.status === "error" ? <FormMessage state={state} /> : null}
      <SubmitButton
        variant="ghost"
        size="sm"
        pendingText="Withdrawing…"
        aria-label={`Withdraw from the waitlist for ${label}`}
      >
        Withdraw
      </SubmitButton>
    </form>
  );
}
