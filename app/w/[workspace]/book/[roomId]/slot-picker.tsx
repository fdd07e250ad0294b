"use client";
import { useActionState } from "react";
import { FieldError, FormMessage, SubmitButton } from "@/components/form";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { idle } from "@/lib/action-state";
import { holdSlotAction, rescheduleSlotAction } from "./actions";
import { CreatorChoice } from "./creator-choice";
import { WaitlistJoin } from "./waitlist-join";

type Day = { date: string; label: string; slots: { value: string; time: string }[] };

/** The week's free start times as one radio group per day, plus add-ons and notes: one form, works without JS. */
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
  const total = props.days.reduce((n, d) => n + d.slots.length, 0);
  return (
    <div className="grid gap-6">
      <FormMessage state={state} />
      {state.data?.waitlist ? (
        <WaitlistJoin key={state.data.waitlist} workspace={props.workspace} roomId={props.roomId} waitlist={state.data.waitlist} creatorId={state.values?.creatorId} />
      ) : null}
      <form action={action} className="grid gap-6" noValidate>
        <input type="hidden" name="workspace" value={props.workspace} />
        <input type="hidden" name="roomId" value={props.roomId} />
        {props.rescheduleId ? <input type="hidden" name="bookingId" value={props.rescheduleId} /> : null}
        <fieldset className="grid gap-3">
          <legend className="mb-2 font-medium">
            Free start times <span className="text-sm font-normal text-muted-foreground">({props.timeZone})</span>
          </legend>
          <FieldError name="slot" state={state} />
          {total === 0 ? (
            <EmptyState title="No free time this week for this length">Try a shorter session or another week.</EmptyState>
          ) : (
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7">
              {props.days.map((day) => (
                <div key={day.date} role="group" aria-labelledby={`day-${day.date}`} className="rounded-md border border-border p-2">
                  <p id={`day-${day.date}`} className="mb-2 text-sm font-semibold">
                    {day.label}
                  </p>
                  {day.slots.length === 0 ? (
                    <p className="text-xs text-muted-foreground">Nothing free</p>
                  ) : (
                    <div className="flex flex-wrap gap-1">
                      {day.slots.map((s) => (
                        <label key={s.value} className="cursor-pointer">
                          <input type="radio" name="slot" value={s.value} defaultChecked={state.values?.slot === s.value} className="peer sr-only" />
                          <span className="inline-block rounded border border-border px-2 py-1 text-sm tabular-nums peer-checked:border-primary peer-checked:bg-primary peer-checked:text-primary-foreground peer-focus-visible:ring-2 peer-focus-visible:ring-ring">
                            <span className="sr-only">{day.label} </span>
                            {s.time}
                          </span>
                        </label>
                      ))}
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
                    <input type="checkbox" name="addOnIds" value={a.id} defaultChecked={chosenAddOns.has(a.id)} className="size-4" />
                    {a.label}
                  </label>
                ))}
                <FieldError name="addOnIds" state={state} />
              </fieldset>
            ) : null}
            {props.creators ? <CreatorChoice creators={props.creators} state={state} /> : null}
            <div className="grid max-w-xl gap-2">
              <Label htmlFor="notes">Notes for the studio (optional)</Label>
              <textarea id="notes" name="notes" maxLength={1000} defaultValue={state.values?.notes} rows={3} className="rounded-md border border-input bg-background px-3 py-2 text-sm" />
            </div>
          </>
        ) : null}
        <SubmitButton className="justify-self-start" pendingText={props.rescheduleId ? "Moving…" : "Holding the slot…"}>
          {props.rescheduleId ? "Move my booking here" : "Hold this slot and see the price"}
        </SubmitButton>
      </form>
    </div>
  );
}
