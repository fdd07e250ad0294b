"use client";
import { useActionState, useState } from "react";
import { FieldError, FormMessage, SubmitButton } from "@/components/form";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { idle } from "@/lib/action-state";
import { NEW_CREATOR } from "@/lib/bookings/schemas";
import { holdSlotAction, joinWaitlistAction, rescheduleSlotAction } from "./actions";
import { CreatorChoice } from "./creator-choice";
import { WaitlistJoin } from "./waitlist-join";

type Slot = { value: string; time: string; taken: boolean; waiting: boolean };
type Day = { date: string; label: string; slots: Slot[] };

/**
 * The week's start times as one group per day: the free ones are radios of one form (with add-ons and notes; works
 * without JS), the taken ones say so and each has *Join the waitlist*, a button of a second form (forms cannot nest:
 * the button names that form by its id, and sends its own slot).
 */
export function SlotPicker(props: {
  workspace: string;
  roomId: string;
  days: Day[];
  timeZone: string;
  addOns: { id: string; label: string }[];
  creators: { id: string; label: string }[] | null;
  rescheduleId: string | null;
}) {
  const [state, action] = useActionState(props.rescheduleId ? rescheduleSlotAction : holdSlotAction, idle);
  const chosenAddOns = new Set(state.values?.addOnIds?.split(",") ?? []);
  const [joined, join] = useActionState(joinWaitlistAction, idle);
  // Staff join for the creator chosen in the booking form (the select belongs to that form, so it is copied).
  const [creatorId, setCreatorId] = useState(state.values?.creatorId ?? "");
  // A move is priced first: the priced slot stays offered for confirmation only while it is still the one picked.
  const [picked, setPicked] = useState<string | null>(null);
  const priced =
    props.rescheduleId && state.data?.confirmSlot && (picked === null || picked === state.data.confirmSlot)
      ? state.data
      : null;
  const total = props.days.reduce((n, d) => n + d.slots.length, 0);
  const waitlistForm = `waitlist-${props.roomId}`;
  return (
    <div className="grid gap-6">
      <FormMessage state={state} />
      {/* Someone new is not a member yet, so cannot wait in line: they pick another time instead. */}
      {state.data?.waitlist && state.values?.creatorId !== NEW_CREATOR ? (
        <WaitlistJoin
          key={state.data.waitlist}
          workspace={props.workspace}
          roomId={props.roomId}
          waitlist={state.data.waitlist}
          creatorId={state.values?.creatorId}
        />
      ) : null}
      <form id={waitlistForm} action={join} aria-label="Join the waitlist">
        <input type="hidden" name="workspace" value={props.workspace} />
        <input type="hidden" name="roomId" value={props.roomId} />
        {creatorId && creatorId !== NEW_CREATOR ? <input type="hidden" name="creatorId" value={creatorId} /> : null}
        <FormMessage state={joined} />
      </form>
      <form
        action={action}
        className="grid gap-6"
        noValidate
        onChange={(e) => {
          const input = e.target;
          if (input instanceof HTMLInputElement && input.name === "slot") setPicked(input.value);
        }}
      >
        <input type="hidden" name="workspace" value={props.workspace} />
        <input type="hidden" name="roomId" value={props.roomId} />
        {props.rescheduleId ? <input type="hidden" name="bookingId" value={props.rescheduleId} /> : null}
        {priced ? (
          <>
            <input type="hidden" name="confirmSlot" value={priced.confirmSlot} />
            <input type="hidden" name="confirmTotal" value={priced.confirmTotal} />
          </>
        ) : null}
        <fieldset className="grid gap-3">
          <legend className="mb-2 font-medium">
            Start times <span className="text-sm font-normal text-muted-foreground">({props.timeZone})</span>
          </legend>
          <FieldError name="slot" state={state} />
          {total === 0 ? (
            <EmptyState title="No free time this week for this length">
              Try a shorter session or another week.
            </EmptyState>
          ) : (
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7">
              {props.days.map((day) => (
                <div
                  key={day.date}
                  role="group"
                  aria-labelledby={`day-${day.date}`}
                  className="rounded-md border border-border p-2"
                >
                  <p id={`day-${day.date}`} className="mb-2 text-sm font-semibold">
                    {day.label}
                  </p>
                  {day.slots.length === 0 ? (
                    <p className="text-xs text-muted-foreground">Nothing free</p>
                  ) : (
                    <div className="flex flex-wrap gap-1">
                      {day.slots.map((s) =>
                        s.taken ? (
                          <TakenSlot key={s.value} slot={s} day={day.label} form={waitlistForm} />
                        ) : (
                          <label key={s.value} className="cursor-pointer">
                            <input
                              type="radio"
                              name="slot"
                              value={s.value}
                              defaultChecked={state.values?.slot === s.value}
                              className="peer sr-only"
                            />
                            <span className="inline-block rounded border border-border px-2 py-1 text-sm tabular-nums peer-checked:border-primary peer-checked:bg-primary peer-checked:text-primary-foreground peer-focus-visible:ring-2 peer-focus-visible:ring-ring">
                              <span className="sr-only">{day.label} </span>
                              {s.time}
                            </span>
                          </label>
                        ),
                      )}
                    </div>
                  )}
                </div>
              ))}
            </div>
          )}
        </fieldset>
        {!props.rescheduleId ? (
          <>
            {props.addOns.length > 0 ? (
              <fieldset className="grid gap-2">
                <legend className="mb-1 font-medium">Add-ons</legend>
                {props.addOns.map((a) => (
                  <label key={a.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name="addOnIds"
                      value={a.id}
                      defaultChecked={chosenAddOns.has(a.id)}
                      className="size-4"
                    />
                    {a.label}
                  </label>
                ))}
                <FieldError name="addOnIds" state={state} />
              </fieldset>
            ) : null}
            {props.creators ? <CreatorChoice creators={props.creators} state={state} onChoose={setCreatorId} /> : null}
            <div className="grid max-w-xl gap-2">
              <Label htmlFor="notes">Notes for the studio (optional)</Label>
              <textarea
                id="notes"
                name="notes"
                maxLength={1000}
                defaultValue={state.values?.notes}
                rows={3}
                className="rounded-md border border-input bg-background px-3 py-2 text-sm"
              />
            </div>
          </>
        ) : null}
        {priced ? (
          <div
            role="group"
            aria-label="Price of the move"
            className="max-w-sm rounded-md border border-border p-3 text-sm"
          >
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="text-muted-foreground">Now</dt>
              <dd className="tabular-nums">{priced.oldPrice}</dd>
              <dt className="text-muted-foreground">At the new time</dt>
              <dd className="tabular-nums">{priced.newPrice}</dd>
              <dt className="text-muted-foreground">Difference</dt>
              <dd className="font-medium tabular-nums">{priced.change}</dd>
            </dl>
          </div>
        ) : null}
        <SubmitButton
          className="justify-self-start"
          pendingText={priced ? "Moving…" : props.rescheduleId ? "Pricing…" : "Holding the slot…"}
        >
          {priced ? "Confirm the move" : props.rescheduleId ? "See the new price" : "Hold this slot and see the price"}
        </SubmitButton>
      </form>
    </div>
  );
}

/** A start another booking or hold occupies: not selectable; the creator can wait for exactly this time. */
function TakenSlot({ slot, day, form }: { slot: Slot; day: string; form: string }) {
  return (
    <span className="inline-flex flex-col items-start gap-0.5 rounded border border-dashed border-border px-2 py-1 text-sm text-muted-foreground tabular-nums">
      <span>
        <span className="sr-only">{day} </span>
        {slot.time} taken
      </span>
      {slot.waiting ? (
        <span className="text-xs font-medium text-foreground">You are on the waitlist</span>
      ) : (
        <Button
          type="submit"
          form={form}
          name="slot"
          value={slot.value}
          variant="link"
          size="sm"
          className="h-auto p-0 text-xs"
          aria-label={`Join the waitlist for ${day} ${slot.time}`}
        >
          Join the waitlist
        </Button>
      )}
    </span>
  );
}
