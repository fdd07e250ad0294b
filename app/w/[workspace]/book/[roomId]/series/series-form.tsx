"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Field, FieldError, FormMessage, SubmitButton } from "@/components/form";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { idle, type ActionState } from "@/lib/action-state";
import { bookSeriesAction, previewSeriesAction } from "./actions";

const WEEKDAYS = [
  { value: 1, label: "Mon" },
  { value: 2, label: "Tue" },
  { value: 3, label: "Wed" },
  { value: 4, label: "Thu" },
  { value: 5, label: "Fri" },
  { value: 6, label: "Sat" },
  { value: 0, label: "Sun" },
];

type Listed = { label: string; ok: boolean; why: string; price?: string };
const datesOf = (state: ActionState): Listed[] | null =>
  state.data?.preview ? (JSON.parse(state.data.preview) as Listed[]) : null;

/**
 * The weekly pattern (weekdays, start, length, weeks, first date) and the check of every date. After a check the
 * choice is "book the free ones" or "book none"; when every date is free, "book all" books all of them or, if one
 * was taken in the meantime, none. Works without JavaScript (plain forms and server actions).
 */
export function SeriesForm(props: {
  workspace: string;
  roomId: string;
  today: string;
  durations: { value: string; label: string }[];
  defaultDuration: string;
  starts: string[];
  creators: { id: string; label: string }[] | null;
}) {
  const [preview, previewAction] = useActionState(previewSeriesAction, idle);
  const [booked, bookAction] = useActionState(bookSeriesAction, idle);
  // The latest answer wins: a failed booking lists the dates as they are now.
  const shown = booked.status !== "idle" && booked.data?.preview ? booked : preview;
  const values = (booked.status === "error" ? booked : preview).values;
  const dates = booked.data?.booked ? null : datesOf(shown);
  const free = dates?.filter((d) => d.ok).length ?? 0;
  const chosenDays = new Set(values?.weekdays?.split(",") ?? []);

  if (booked.data?.booked) {
    return (
      <div className="grid gap-3">
        <FormMessage state={booked} />
        <Button asChild variant="outline" className="justify-self-start">
          <Link href={`/w/${props.workspace}/bookings`}>See my bookings</Link>
        </Button>
      </div>
    );
  }
  return (
    <form action={previewAction} className="grid gap-6" noValidate>
      <input type="hidden" name="workspace" value={props.workspace} />
      <input type="hidden" name="roomId" value={props.roomId} />
      {/* A refusal is read first, above the fields it marks; a check's answer stays with the dates below. */}
      {shown.status === "error" ? <FormMessage state={shown} /> : null}
      <fieldset
        className="grid gap-2"
        aria-invalid={shown.fieldErrors?.weekdays ? true : undefined}
        aria-describedby={shown.fieldErrors?.weekdays ? "field-weekdays-error" : undefined}
      >
        <legend className="mb-1 font-medium">Every</legend>
        <div className="flex flex-wrap gap-3">
          {WEEKDAYS.map((d) => (
            <label key={d.value} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="weekdays"
                value={d.value}
                defaultChecked={chosenDays.has(String(d.value))}
                className="size-4"
              />
              {d.label}
            </label>
          ))}
        </div>
        <FieldError name="weekdays" state={shown} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="grid gap-2">
          <Label htmlFor="startTime">Start (studio time)</Label>
          <NativeSelect
            id="startTime"
            name="startTime"
            defaultValue={values?.startTime ?? "19:00"}
            aria-invalid={shown.fieldErrors?.startTime ? true : undefined}
            aria-describedby={shown.fieldErrors?.startTime ? "field-startTime-error" : undefined}
          >
            {props.starts.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </NativeSelect>
          <FieldError name="startTime" state={shown} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="durationMinutes">Session length</Label>
          <NativeSelect
            id="durationMinutes"
            name="durationMinutes"
            defaultValue={values?.durationMinutes ?? props.defaultDuration}
            aria-invalid={shown.fieldErrors?.durationMinutes ? true : undefined}
            aria-describedby={shown.fieldErrors?.durationMinutes ? "field-durationMinutes-error" : undefined}
          >
            {props.durations.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </NativeSelect>
          <FieldError name="durationMinutes" state={shown} />
        </div>
        <Field name="weeks" label="For how many weeks" type="number" min={1} max={26} defaultValue="4" state={shown} />
        <Field
          name="firstDate"
          label="Starting on"
          type="date"
          min={props.today}
          defaultValue={props.today}
          state={shown}
        />
      </div>
      {props.creators ? (
        <div className="grid max-w-sm gap-2">
          <Label htmlFor="creatorId">Book for creator</Label>
          <NativeSelect
            id="creatorId"
            name="creatorId"
            defaultValue={values?.creatorId ?? ""}
            aria-invalid={shown.fieldErrors?.creatorId ? true : undefined}
            aria-describedby={shown.fieldErrors?.creatorId ? "field-creatorId-error" : undefined}
          >
            <option value="">Choose…</option>
            {props.creators.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </NativeSelect>
          <FieldError name="creatorId" state={shown} />
        </div>
      ) : null}
      <SubmitButton
        variant={dates ? "outline" : "default"}
        className="justify-self-start"
        pendingText="Checking every date…"
      >
        Check the dates
      </SubmitButton>
      {shown.status !== "error" ? <FormMessage state={shown} /> : null}
      {dates ? (
        <section aria-label="The dates of this series" className="grid gap-3">
          <ul className="grid gap-1 text-sm">
            {dates.map((d) => (
              <li key={d.label} className={d.ok ? "" : "text-muted-foreground"}>
                <span aria-hidden>{d.ok ? "✓ " : "✕ "}</span>
                {d.label} <span className="sr-only">{d.ok ? "free" : "not free:"}</span>{" "}
                {d.ok ? (d.price ? `— ${d.price}` : null) : `— ${d.why}`}
              </li>
            ))}
          </ul>
          {free > 0 && shown.data?.totalPrice ? (
            <p className="font-medium">
              Total for {free} {free === 1 ? "date" : "dates"}: {shown.data.totalPrice}
            </p>
          ) : null}
          {free > 0 ? (
            <div className="flex flex-wrap gap-2">
              <input type="hidden" name="mode" value={free === dates.length ? "all_or_nothing" : "free_only"} />
              {/* What was checked travels with the confirmation; the server refuses it if a field changed since. */}
              <input type="hidden" name="previewed" value={shown.data?.previewed ?? ""} />
              <SubmitButton formAction={bookAction} pendingText="Booking…">
                {free === dates.length ? `Book all ${free} dates` : `Book the ${free} free dates`}
              </SubmitButton>
              <Button asChild variant="ghost">
                <Link href={`/w/${props.workspace}/book/${props.roomId}`}>Book none</Link>
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}
    </form>
  );
}
