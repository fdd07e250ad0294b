"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { currentTimeZoneName, timeZoneLabel } from "@/lib/studios/local-time";
import { HoursEditor } from "./hours-editor";
import { formKey, SelectField, type SetupAction } from "./setup-fields";

type Studio = { id: string; name: string; address: string; timeZone: string; openingHours: { weekday: number; opens: string; closes: string }[] };

/** A studio's name, address, time zone and weekly hours: the same form adds a studio and edits one. */
export function StudioForm({ workspace, action, studio, timeZones, defaultTimeZone }: {
  workspace: string;
  action: SetupAction;
  studio?: Studio;
  timeZones: string[];
  defaultTimeZone: string;
}) {
  const [state, run] = useActionState(action, idle);
  const p = studio ? `studio-${studio.id.slice(0, 8)}` : "new-studio";
  return (
    <form action={run} className="grid gap-4" noValidate key={formKey(state)} aria-label={studio ? `Details of ${studio.name}` : "New studio"}>
      <input type="hidden" name="workspace" value={workspace} />
      {studio ? <input type="hidden" name="studioId" value={studio.id} /> : null}
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field id={`${p}-name`} name="name" label="Name" defaultValue={studio?.name} required maxLength={80} state={state} />
        <SelectField
          id={`${p}-timeZone`}
          name="timeZone"
          label="Time zone"
          state={state}
          defaultValue={currentTimeZoneName(studio?.timeZone ?? defaultTimeZone)}
          options={timeZones.map((z) => ({ value: z, label: timeZoneLabel(z) }))}
          hint="Opening hours, closures and every time shown to creators use it."
        />
      </div>
      <Field id={`${p}-address`} name="address" label="Address" defaultValue={studio?.address} maxLength={200} autoComplete="off" state={state} />
      <HoursEditor hours={studio?.openingHours ?? []} state={state} idPrefix={p} />
      <SubmitButton className="justify-self-start" pendingText="Saving…">
        {studio ? "Save studio" : "Add studio"}
      </SubmitButton>
    </form>
  );
}
