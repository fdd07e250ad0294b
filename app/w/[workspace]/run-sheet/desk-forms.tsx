"use client";
import { useActionState, useEffect, useRef } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { SelectField } from "../inventory/fields";
import { blockRoomAction, checkInByCodeAction } from "./actions";

/**
 * The scan box. A barcode scanner types the booking code and presses Enter; the answer is announced, and the
 * cursor stays in the box for the next person: emptied after a check-in, the code selected after a refusal (so
 * the next scan replaces it, while it can still be read and corrected).
 */
export function CheckInByCodeForm({
  workspace,
  studioId,
  studioName,
}: {
  workspace: string;
  studioId: string;
  studioName: string;
}) {
  const [state, action] = useActionState(checkInByCodeAction, idle);
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.status === "idle" || !box.current) return;
    box.current.focus();
    if (state.status === "error") box.current.select();
  }, [state]);
  return (
    <form action={action} className="grid gap-3" aria-label="Check in by code" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="studioId" value={studioId} />
      <div className="grid items-end gap-3 sm:grid-cols-[minmax(0,1fr)_auto]">
        <Field
          ref={box}
          id="checkin-code"
          name="code"
          label="Booking code"
          state={state}
          // The desk's first job: the cursor is in the box when the sheet opens, ready for the scanner.
          autoFocus
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="go"
          placeholder="K7Q-M3X"
          maxLength={40}
          hint={`Scan the creator's QR or type their code and press Enter. Checks in at ${studioName}, today.`}
        />
        <SubmitButton className="sm:mb-6" pendingText="Checking in…">
          Check in
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

type RoomChoice = { id: string; name: string };

/** Takes a room out of service between two times on the studio's clock; the block shows on the sheet at once. */
export function BlockRoomForm({
  workspace,
  rooms,
  timeZone,
  defaults,
}: {
  workspace: string;
  rooms: RoomChoice[];
  timeZone: string;
  defaults: { from: string; to: string };
}) {
  const [state, action] = useActionState(blockRoomAction, idle);
  return (
    // Keyed by the answer: React resets a form after its action, and a <select> would fall back to the option it
    // first rendered with; a fresh form takes what was sent back as its defaults (nothing typed is lost).
    <form
      action={action}
      className="grid gap-4"
      aria-label="Block a room"
      noValidate
      key={state.status === "idle" ? "idle" : JSON.stringify([state.message, state.values])}
    >
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          id="block-room"
          name="roomId"
          label="Room"
          state={state}
          defaultValue={rooms.length === 1 ? rooms[0].id : ""}
        >
          {rooms.length === 1 ? null : <option value="">Choose a room</option>}
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
        <Field
          id="block-from"
          name="startsAt"
          label="From"
          type="datetime-local"
          required
          defaultValue={defaults.from}
          hint={`Studio time (${timeZone}).`}
          state={state}
        />
        <Field
          id="block-to"
          name="endsAt"
          label="To"
          type="datetime-local"
          required
          defaultValue={defaults.to}
          state={state}
        />
        <Field
          id="block-reason"
          name="reason"
          label="Reason (optional)"
          maxLength={200}
          placeholder="Ring light broken"
          state={state}
        />
      </div>
      <SubmitButton variant="outline" className="justify-self-start" pendingText="Blocking…">
        Block the room
      </SubmitButton>
    </form>
  );
}
