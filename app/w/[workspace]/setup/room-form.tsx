"use client";
import { useActionState, useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { minorToDecimal, moneyExample } from "@/lib/studios/money";
import { CheckboxField, formKey, SelectField, TextAreaField, type SetupAction } from "./setup-fields";

type Room = {
  id: string;
  name: string;
  kind: string;
  capacity: number;
  features: string[];
  photos: string[];
  hourlyRateCents: number;
  stepMinutes: number;
  minMinutes: number;
  maxMinutes: number;
  bufferMinutes: number;
  active: boolean;
};

/** A room's name, kind, size, features, photos (links, and an upload when editing), rate and booking rules: adds a room to a studio, or edits one. */
export function RoomForm({
  workspace,
  action,
  currency,
  room,
  studioId,
  photoUpload,
}: {
  workspace: string;
  action: SetupAction;
  currency: string;
  room?: Room;
  studioId?: string;
  /** Offers a photo upload (editing a room): the types the picker shows, and the size a file may have. */
  photoUpload?: { accept: string; maxBytes: number; tooLarge: string };
}) {
  const [state, run] = useActionState(action, idle);
  // A file over the limit is refused as soon as it is chosen: sent, it would exceed the request size instead.
  const [photoTooLarge, setPhotoTooLarge] = useState(false);
  const photoState =
    photoTooLarge && photoUpload
      ? { ...state, fieldErrors: { ...state.fieldErrors, photo: [photoUpload.tooLarge] } }
      : state;
  const p = room ? `room-${room.id.slice(0, 8)}` : "new-room";
  const f = (name: string) => ({ id: `${p}-${name}`, name, state });
  return (
    <form
      action={run}
      className="grid gap-4"
      noValidate
      key={formKey(state)}
      aria-label={room ? `Details of ${room.name}` : "New room"}
    >
      <input type="hidden" name="workspace" value={workspace} />
      {room ? (
        <input type="hidden" name="roomId" value={room.id} />
      ) : (
        <input type="hidden" name="studioId" value={studioId} />
      )}
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field {...f("name")} label="Name" defaultValue={room?.name} required maxLength={80} />
        <Field
          {...f("kind")}
          label="Kind"
          defaultValue={room?.kind}
          maxLength={40}
          hint="Optional: beauty, fashion, food…"
        />
        <Field
          {...f("capacity")}
          label="Capacity (people)"
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          defaultValue={String(room?.capacity ?? 2)}
          required
        />
        <Field
          {...f("hourlyRate")}
          label={`Hourly rate (${currency})`}
          inputMode="decimal"
          defaultValue={room ? minorToDecimal(room.hourlyRateCents, currency) : undefined}
          hint={`Like ${moneyExample(currency)}`}
          required
        />
      </div>
      <Field
        {...f("features")}
        label="Features"
        defaultValue={room?.features.join(", ")}
        hint="Separated by commas: ring light, vanity, 3 cameras"
      />
      <TextAreaField
        {...f("photos")}
        label="Photo links (optional)"
        defaultValue={room?.photos.join("\n")}
        hint="Links to pictures of the room, one per line, starting with https://"
      />
      {photoUpload ? (
        <Field
          {...f("photo")}
          state={photoState}
          label="Upload a photo (optional)"
          type="file"
          accept={photoUpload.accept}
          hint={`JPEG, PNG or WebP, at most ${Math.round(photoUpload.maxBytes / (1024 * 1024))} MB. Shown when creators book and on the studio's public page.`}
          onChange={(e) => {
            const tooLarge = (e.currentTarget.files?.[0]?.size ?? 0) > photoUpload.maxBytes;
            if (tooLarge) e.currentTarget.value = "";
            setPhotoTooLarge(tooLarge);
          }}
        />
      ) : null}
      <fieldset className="grid gap-4">
        <legend className="mb-1 text-sm font-medium">Booking rules</legend>
        <div className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField
            {...f("stepMinutes")}
            label="Start times every"
            defaultValue={String(room?.stepMinutes ?? 30)}
            options={[15, 30, 60].map((m) => ({ value: String(m), label: `${m} minutes` }))}
          />
          <Field
            {...f("minMinutes")}
            label="Shortest booking (min)"
            type="number"
            inputMode="numeric"
            min={15}
            step={15}
            defaultValue={String(room?.minMinutes ?? 60)}
            required
          />
          <Field
            {...f("maxMinutes")}
            label="Longest booking (min)"
            type="number"
            inputMode="numeric"
            min={15}
            step={15}
            defaultValue={String(room?.maxMinutes ?? 480)}
            required
          />
          <Field
            {...f("bufferMinutes")}
            label="Turnover buffer (min)"
            type="number"
            inputMode="numeric"
            min={0}
            defaultValue={String(room?.bufferMinutes ?? 15)}
            required
            hint="Kept free after each booking."
          />
        </div>
        <p className="text-xs text-muted-foreground">
          Shortest and longest bookings are multiples of the start-time step.
        </p>
      </fieldset>
      <CheckboxField {...f("active")} label="Open for booking" defaultChecked={room?.active ?? true} />
      <SubmitButton className="justify-self-start" pendingText="Saving…">
        {room ? "Save room" : "Add room"}
      </SubmitButton>
    </form>
  );
}
