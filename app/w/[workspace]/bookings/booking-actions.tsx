"use client";
import { useActionState, useState } from "react";
import { FormMessage, SubmitButton, toastingAction } from "@/components/form";
import { Button } from "@/components/ui/button";
import { useServerClock } from "@/components/use-server-clock";
import { idle } from "@/lib/action-state";
import { cancelBookingAction, checkOutOwnSessionAction, confirmBookingAction, operateBookingAction } from "./actions";

// Success revalidates the page, which drops these forms (the booking is no longer held, or no longer open) and
// their inline message with them: the outcome, and a late-cancellation fee, must still reach the creator.
const confirmAndTell = toastingAction(confirmBookingAction);
const cancelAndTell = toastingAction(cancelBookingAction);

export function ConfirmForm({
  workspace,
  bookingId,
  holdExpiresAt,
  now,
}: {
  workspace: string;
  bookingId: string;
  holdExpiresAt: string;
  now: string;
}) {
  const [state, action] = useActionState(confirmAndTell, idle);
  // On the server's clock, which decides whether the hold still stands.
  const t = useServerClock(now, 1000);
  const left = Math.max(0, Math.round((Date.parse(holdExpiresAt) - t) / 1000));
  return (
    <form action={action} className="grid gap-3">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="bookingId" value={bookingId} />
      <FormMessage state={state} />
      <p className="text-sm text-muted-foreground" aria-live="off">
        {left > 0
          ? `Held for you for ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")} more.`
          : "The hold has run out; confirming may fail if someone took the time."}
      </p>
      {state.status !== "ok" ? (
        <SubmitButton className="justify-self-start" pendingText="Confirming…">
          Confirm booking
        </SubmitButton>
      ) : null}
    </form>
  );
}

export function CancelForm({
  workspace,
  bookingId,
  feeText,
  verb,
}: {
  workspace: string;
  bookingId: string;
  feeText: string;
  verb: string;
}) {
  const [state, action] = useActionState(cancelAndTell, idle);
  const [open, setOpen] = useState(false);
  if (state.status === "ok") return <FormMessage state={state} />;
  if (!open) {
    return (
      <div className="grid gap-2">
        <p className="text-sm text-muted-foreground">{feeText}</p>
        <Button variant="outline" className="justify-self-start" onClick={() => setOpen(true)}>
          {verb}…
        </Button>
      </div>
    );
  }
  return (
    <form action={action} className="grid gap-3 rounded-md border border-destructive/40 p-4">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="bookingId" value={bookingId} />
      <FormMessage state={state} />
      <p className="font-medium">{feeText}</p>
      <label className="grid gap-1 text-sm">
        Reason (optional)
        <input name="reason" maxLength={500} className="h-10 rounded-md border border-input bg-background px-3" />
      </label>
      <div className="flex gap-2">
        <SubmitButton variant="destructive" pendingText="Cancelling…">
          Yes, {verb.toLowerCase()}
        </SubmitButton>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          Keep it
        </Button>
      </div>
    </form>
  );
}

const operateAndTell = toastingAction(operateBookingAction);

/** The front desk's buttons for one booking: what its status allows now. */
export function FloorActions({
  workspace,
  bookingId,
  actions,
}: {
  workspace: string;
  bookingId: string;
  actions: { op: "check_in" | "check_out" | "no_show"; label: string; pending: string }[];
}) {
  const [state, action] = useActionState(operateAndTell, idle);
  return (
    <form action={action} className="grid gap-3">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="bookingId" value={bookingId} />
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        {actions.map((a, i) => (
          <SubmitButton
            key={a.op}
            name="op"
            value={a.op}
            variant={i === 0 ? "default" : "outline"}
            pendingText={a.pending}
          >
            {a.label}
          </SubmitButton>
        ))}
      </div>
    </form>
  );
}

const checkOutAndTell = toastingAction(checkOutOwnSessionAction);

/** The creator's own "I'm done" for a session in progress. */
export function CheckOutOwnForm({ workspace, bookingId }: { workspace: string; bookingId: string }) {
  const [state, action] = useActionState(checkOutAndTell, idle);
  if (state.status === "ok") return <FormMessage state={state} />;
  return (
    <form action={action} className="grid gap-3">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="bookingId" value={bookingId} />
      <FormMessage state={state} />
      <p className="text-sm text-muted-foreground">
        Finished streaming? Check out to end the session; the time used is charged as booked, plus any overtime.
      </p>
      <SubmitButton className="justify-self-start" pendingText="Checking out…">
        Check out now
      </SubmitButton>
    </form>
  );
}
