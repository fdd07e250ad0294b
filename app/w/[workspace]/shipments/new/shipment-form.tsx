"use client";
import { useActionState, useState, type ReactNode } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { idle, type ActionState } from "@/lib/action-state";
import { formKey, SelectField, TextAreaField } from "../../setup/setup-fields";
import { createShipmentAction } from "./actions";
import { ItemRows } from "./item-rows";

export type SessionOption = { id: string; creatorId: string; studioId: string; label: string };
type Option = { id: string; label: string };

const LEFTOVERS = [
  { value: "return_to_brand", label: "Return them to the brand" },
  { value: "give_to_creator", label: "Give them to the creator" },
  { value: "dispose", label: "Dispose of them" },
];

export function ShipmentForm(props: {
  workspace: string;
  currency: string;
  studios: { id: string; name: string }[];
  creators: Option[];
  sessions: SessionOption[];
  brands: { id: string; name: string }[] | null;
}) {
  const [state, action] = useActionState(createShipmentAction, idle);
  // Rebuilt with every answer, so the selects and the item rows show exactly what was sent (see formKey).
  return <ShipmentFormBody key={formKey(state)} state={state} action={action} {...props} />;
}

function ShipmentFormBody({
  workspace,
  currency,
  studios,
  creators,
  sessions,
  brands,
  state,
  action,
}: Parameters<typeof ShipmentForm>[0] & { state: ActionState; action: (form: FormData) => void }) {
  const v = state.values;
  const [studioId, setStudioId] = useState(v?.studioId ?? (studios.length === 1 ? studios[0].id : ""));
  const [creatorId, setCreatorId] = useState(v?.creatorId ?? "");
  const [bookingId, setBookingId] = useState(v?.bookingId ?? "");
  // Only the chosen creator's sessions in the chosen studio; a session that no longer fits is simply not chosen.
  const fitting = sessions.filter((s) => s.studioId === studioId && s.creatorId === creatorId);
  const booking = fitting.some((s) => s.id === bookingId) ? bookingId : "";
  const sessionHint =
    !creatorId || !studioId
      ? "Choose the studio and the creator first."
      : fitting.length === 0
        ? "This creator has no upcoming session in this studio."
        : "The studio stages the samples on that set.";

  return (
    <form action={action} className="grid gap-6" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />

      <Group legend="Where it goes">
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <ControlledSelect
            name="studioId"
            label="Studio"
            value={studioId}
            onChange={setStudioId}
            state={state}
            required
          >
            <option value="">Choose a studio</option>
            {studios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </ControlledSelect>
          {brands ? (
            <SelectField
              name="brandId"
              label="Brand"
              state={state}
              options={[
                { value: "", label: "Choose the brand it comes from" },
                ...brands.map((b) => ({ value: b.id, label: b.name })),
              ]}
              required
            />
          ) : null}
          <ControlledSelect
            name="creatorId"
            label="Creator (optional)"
            value={creatorId}
            onChange={setCreatorId}
            state={state}
          >
            <option value="">No particular creator</option>
            {creators.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </ControlledSelect>
          <ControlledSelect
            name="bookingId"
            label="Session (optional, studio time)"
            value={booking}
            onChange={setBookingId}
            state={state}
            hint={sessionHint}
          >
            <option value="">No particular session</option>
            {fitting.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </ControlledSelect>
        </div>
      </Group>

      <Group legend="Delivery">
        <div className="grid items-start gap-4 sm:grid-cols-3">
          <Field name="carrier" label="Carrier (optional)" state={state} maxLength={60} autoComplete="off" />
          <Field
            name="trackingNumber"
            label="Tracking number (optional)"
            state={state}
            maxLength={100}
            autoComplete="off"
          />
          <Field name="expectedOn" label="Expected on (optional)" type="date" state={state} />
        </div>
      </Group>

      <Group legend="Leftovers">
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <SelectField
            name="leftoverAction"
            label="What happens to what is left"
            state={state}
            options={LEFTOVERS}
            defaultValue="return_to_brand"
          />
          <Field
            name="leftoverAfterDays"
            label="After how many days"
            type="number"
            inputMode="numeric"
            min={0}
            max={365}
            step={1}
            defaultValue="7"
            state={state}
            hint="Counted from the end of the session, or from delivery when the box is for no session."
          />
        </div>
      </Group>

      <ItemRows workspace={workspace} currency={currency} state={state} />

      <TextAreaField name="notes" label="Notes for the studio (optional)" state={state} maxLength={2000} />

      <SubmitButton className="justify-self-start" pendingText="Announcing…">
        Announce shipment
      </SubmitButton>
    </form>
  );
}

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-base font-semibold">{legend}</legend>
      {children}
    </fieldset>
  );
}

/** A select whose choice other fields depend on (the sessions offered follow the studio and the creator). */
function ControlledSelect({
  name,
  label,
  value,
  onChange,
  state,
  hint,
  required,
  children,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  state: ActionState;
  hint?: string;
  required?: boolean;
  children: ReactNode;
}) {
  const id = `field-${name}`;
  const errors = state.fieldErrors?.[name];
  const describedBy =
    [hint ? `${id}-hint` : null, errors ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors ? true : undefined}
        aria-describedby={describedBy}
        aria-required={required || undefined}
      >
        {children}
      </NativeSelect>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground" aria-live="polite">
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
