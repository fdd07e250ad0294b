"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import { Field, FormMessage, SubmitButton, toastingAction } from "@/components/form";
import { useServerClock } from "@/components/use-server-clock";
import { idle } from "@/lib/action-state";
import { overtimeCharges } from "@/lib/billing/session-charges";
import { formatMoney } from "@/lib/format";
import { actualEndFromClock, clockTime } from "@/lib/operations/floor-time";
import { operateBookingAction } from "./actions";

// Success revalidates the booking page, which swaps these forms for the next step's: the outcome (and what was
// charged) must still reach the desk, so it is toasted as well as shown.
const operateAndTell = toastingAction(operateBookingAction);

// One field and its button on a row; the button lines up with the input, below the label (14 px) and its gap (8 px).
const ROW = "flex flex-wrap items-start gap-3 [&>div:first-child]:w-full sm:[&>div:first-child]:w-80";
const BESIDE = "sm:mt-[22px]";

function Hidden({ workspace, bookingId, op }: { workspace: string; bookingId: string; op: string }) {
  return (
    <>
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="op" value={op} />
    </>
  );
}

export type OvertimeTerms = { graceMinutes: number; ratePercent: number; hourlyRateCents: number; currency: string };

/** What checking out at `endedAt` will cost in overtime, by the rule the server charges with. */
function overtimeNote(endsAt: Date, endedAt: Date, terms: OvertimeTerms): string {
  const late = Math.floor((endedAt.getTime() - endsAt.getTime()) / 60_000);
  if (late <= 0) return "Within the booked time: no overtime.";
  const blocks = overtimeCharges({ bookingId: "preview", code: "preview", endsAt, endedAt, ...terms });
  if (blocks.length === 0) return `${late} min late, within the ${terms.graceMinutes}-minute grace: no overtime.`;
  const total = blocks.reduce((n, c) => n + c.amountCents, 0);
  return `${late} min late: ${blocks.length} overtime ${blocks.length === 1 ? "block" : "blocks"} of 15 min will be charged (${formatMoney(total, terms.currency)}).`;
}

/**
 * Check-out at the actual end. The time shows the studio's clock and follows it until staff change it (a
 * creator who left earlier); untouched, the server takes its own "now". What it will cost in overtime is said
 * before the button is pressed.
 */
export function CheckOutForm({
  workspace,
  bookingId,
  timeZone,
  now,
  endsAt,
  terms,
}: {
  workspace: string;
  bookingId: string;
  timeZone: string;
  now: string;
  endsAt: string;
  terms: OvertimeTerms;
}) {
  const [state, action] = useActionState(operateAndTell, idle);
  const [edited, setEdited] = useState(false);
  const at = useServerClock(now, 15_000);
  const [typed, setTyped] = useState("");
  const box = useRef<HTMLInputElement>(null);
  const clock = clockTime(new Date(at), timeZone);
  const shown = edited ? typed : clock;
  useEffect(() => {
    // The box is uncontrolled (so a failed submit keeps what was typed); until edited it follows the clock.
    if (!edited && box.current) box.current.value = clock;
  }, [clock, edited]);
  const endedAt = actualEndFromClock(shown, timeZone, new Date(at));
  return (
    <form action={action} className="grid gap-3" aria-label="Check out">
      <Hidden workspace={workspace} bookingId={bookingId} op="check_out" />
      <input type="hidden" name="endedAtEdited" value={edited ? "1" : ""} />
      <FormMessage state={state} />
      <div className={ROW}>
        <Field
          ref={box}
          id="desk-endedAt"
          name="endedAt"
          label="Actual end"
          type="time"
          required
          defaultValue={clock}
          state={state}
          onChange={(e) => {
            setEdited(true);
            setTyped(e.currentTarget.value);
          }}
          hint={
            <>
              Studio time ({timeZone}), now unless you change it.{" "}
              <span data-testid="overtime-note">{endedAt ? overtimeNote(new Date(endsAt), endedAt, terms) : ""}</span>
            </>
          }
        />
        <SubmitButton className={BESIDE} pendingText="Checking out…">
          Check out and charge
        </SubmitButton>
      </div>
    </form>
  );
}

/**
 * A session in progress runs longer: the new end, on the studio's clock. The first press prices it (what it adds
 * and the new total, nothing changed yet); *Extend to …* then confirms that end. Typing another end prices again.
 */
export function ExtendForm({
  workspace,
  bookingId,
  timeZone,
  endsAt,
  suggested,
}: {
  workspace: string;
  bookingId: string;
  timeZone: string;
  endsAt: string;
  suggested: string;
}) {
  const [state, action] = useActionState(operateAndTell, idle);
  const [typed, setTyped] = useState<string | null>(null);
  // A priced end stays offered only while the field still says it.
  const priced = state.data?.confirmEnd && (typed === null || typed === state.values?.endsAt) ? state.data : null;
  return (
    <form action={action} className="grid gap-3" aria-label="Extend the session">
      <Hidden workspace={workspace} bookingId={bookingId} op="extend" />
      {priced ? <input type="hidden" name="confirmEnd" value={priced.confirmEnd} /> : null}
      <FormMessage state={state} />
      <div className={ROW}>
        <Field
          key={state.values?.endsAt ?? "first"}
          id="desk-endsAt"
          name="endsAt"
          label="Extend to"
          type="time"
          required
          defaultValue={suggested}
          state={state}
          onChange={(e) => setTyped(e.currentTarget.value)}
          hint={`Studio time; booked until ${clockTime(new Date(endsAt), timeZone)}. The room must be free.`}
        />
        <SubmitButton variant="outline" className={BESIDE} pendingText={priced ? "Extending…" : "Pricing…"}>
          {priced ? `Extend to ${priced.until}` : "See the cost"}
        </SubmitButton>
      </div>
    </form>
  );
}

/** Nobody came: the fee by policy is charged and the rest of the slot is offered to walk-ins and the waitlist. */
export function NoShowForm({
  workspace,
  bookingId,
  feeNote,
}: {
  workspace: string;
  bookingId: string;
  feeNote: string;
}) {
  const [state, action] = useActionState(operateAndTell, idle);
  return (
    <form action={action} className="grid gap-3" aria-label="Mark a no-show">
      <Hidden workspace={workspace} bookingId={bookingId} op="no_show" />
      <FormMessage state={state} />
      <div className={ROW}>
        <Field
          id="desk-noshow-reason"
          name="reason"
          label="Reason (optional)"
          maxLength={500}
          placeholder="No answer on the phone"
          state={state}
          hint={feeNote}
        />
        <SubmitButton variant="destructive" className={BESIDE} pendingText="Marking…">
          Mark no-show
        </SubmitButton>
      </div>
    </form>
  );
}

/** A no-show marked by mistake (the creator was in the lobby), undone the same day with a reason. */
export function UndoNoShowForm({ workspace, bookingId }: { workspace: string; bookingId: string }) {
  const [state, action] = useActionState(operateAndTell, idle);
  return (
    <form action={action} className="grid gap-3" aria-label="Undo the no-show" noValidate>
      <Hidden workspace={workspace} bookingId={bookingId} op="undo_no_show" />
      <FormMessage state={state} />
      <div className={ROW}>
        <Field
          id="desk-undo-reason"
          name="reason"
          label="Why undo it"
          required
          minLength={3}
          maxLength={500}
          state={state}
          hint="If the room is still free, the creator is checked in at once (while the session runs) and a fee not yet invoiced is voided."
        />
        <SubmitButton variant="outline" className={BESIDE} pendingText="Undoing…">
          Undo no-show
        </SubmitButton>
      </div>
    </form>
  );
}
