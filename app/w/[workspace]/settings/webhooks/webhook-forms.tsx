"use client";
import { useActionState, useMemo, useState, type ReactNode } from "react";
import { Field, FieldError, FormMessage, SubmitButton, toastingAction } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { SecretReveal } from "@/components/secret-reveal";
import { formKey, idle, type ActionState } from "@/lib/action-state";
import {
  createEndpointAction,
  deleteEndpointAction,
  replayDeliveryAction,
  rotateSecretAction,
  sendTestEventAction,
  setEndpointEnabledAction,
  updateEndpointAction,
} from "./actions";

export type EventOption = { value: string; description: string };
type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

function EventCheckboxes({
  idPrefix,
  options,
  chosen,
  state,
}: {
  idPrefix: string;
  options: EventOption[];
  chosen: string[];
  state?: ActionState;
}) {
  const ticked = new Set(chosen);
  return (
    <fieldset className="grid gap-2" aria-describedby={`${idPrefix}-events-hint`}>
      <legend className="mb-1 text-sm font-medium">Events</legend>
      <p id={`${idPrefix}-events-hint`} className="text-xs text-muted-foreground">
        Tick none to receive every event, including events added later.
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <div key={o.value} className="flex items-start gap-2">
            <input
              id={`${idPrefix}-${o.value}`}
              type="checkbox"
              name="events"
              value={o.value}
              defaultChecked={ticked.has(o.value)}
              className="mt-0.5 size-4"
            />
            <Label htmlFor={`${idPrefix}-${o.value}`} className="grid gap-1 font-normal">
              <span className="font-mono text-xs font-medium">{o.value}</span>
              <span className="text-xs text-muted-foreground">{o.description}</span>
            </Label>
          </div>
        ))}
      </div>
      <FieldError name="events" state={state} />
    </fieldset>
  );
}

export function CreateEndpointForm({ workspace, events }: { workspace: string; events: EventOption[] }) {
  const [state, action] = useActionState(createEndpointAction, idle);
  const secret = state.status === "ok" ? state.data?.secret : undefined;
  const errorState = state.status === "error" ? state : undefined;
  return (
    <div className="grid gap-4">
      <form key={formKey(state)} action={action} className="grid gap-4" noValidate>
        <input type="hidden" name="workspace" value={workspace} />
        <Field
          name="url"
          label="Endpoint URL"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://example.com/webhooks/livebase"
          hint="Livebase POSTs JSON here. Use https in production."
          required
          state={errorState}
        />
        <Field
          name="description"
          label="Description (optional)"
          placeholder="e.g. Warehouse system"
          maxLength={200}
          state={errorState}
        />
        <EventCheckboxes
          idPrefix="new"
          options={events}
          chosen={errorState?.values?.events?.split(",") ?? []}
          state={errorState}
        />
        <SubmitButton className="justify-self-start" pendingText="Adding…">
          Add endpoint
        </SubmitButton>
      </form>
      {errorState ? <FormMessage state={errorState} /> : null}
      {secret ? (
        <SecretReveal secret={secret} what="Secret" testId="webhook-secret">
          Endpoint added. Copy its signing secret now: it will not be shown again.
        </SecretReveal>
      ) : null}
    </div>
  );
}

export function EditEndpointForm(props: {
  workspace: string;
  endpointId: string;
  description: string;
  events: string[];
  options: EventOption[];
}) {
  const tell = useMemo(() => toastingAction(updateEndpointAction), []);
  const [state, action] = useActionState(tell, idle);
  const errorState = state.status === "error" ? state : undefined;
  const prefix = `edit-${props.endpointId}`;
  return (
    <form key={formKey(state)} action={action} className="grid gap-4 pt-3" noValidate>
      <input type="hidden" name="workspace" value={props.workspace} />
      <input type="hidden" name="endpointId" value={props.endpointId} />
      <Field
        id={`${prefix}-description`}
        name="description"
        label="Description"
        defaultValue={props.description}
        maxLength={200}
        state={errorState}
      />
      <EventCheckboxes
        idPrefix={prefix}
        options={props.options}
        chosen={errorState?.values?.events?.split(",") ?? props.events}
        state={errorState}
      />
      <SubmitButton size="sm" className="justify-self-start" pendingText="Saving…">
        Save changes
      </SubmitButton>
    </form>
  );
}

/** A button that posts hidden fields to an action; the answer is toasted. */
function ActionButton(props: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingText: string;
  children: ReactNode;
  variant?: "outline" | "destructive" | "default";
}) {
  const tell = useMemo(() => toastingAction(props.action), [props.action]);
  const [, run] = useActionState(tell, idle);
  return (
    <form action={run}>
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        size="sm"
        variant={props.variant ?? "outline"}
        aria-label={props.label}
        pendingText={props.pendingText}
      >
        {props.children}
      </SubmitButton>
    </form>
  );
}

export function SendTestEventButton({
  workspace,
  endpointId,
  name,
}: {
  workspace: string;
  endpointId: string;
  name: string;
}) {
  return (
    <ActionButton
      action={sendTestEventAction}
      fields={{ workspace, endpointId }}
      label={`Send a test event to ${name}`}
      pendingText="Sending…"
    >
      Send test event
    </ActionButton>
  );
}

export function ToggleEndpointButton({
  workspace,
  endpointId,
  name,
  enabled,
}: {
  workspace: string;
  endpointId: string;
  name: string;
  enabled: boolean;
}) {
  return (
    <ActionButton
      action={setEndpointEnabledAction}
      fields={{ workspace, endpointId, enabled: String(!enabled) }}
      label={`${enabled ? "Disable" : "Enable"} ${name}`}
      pendingText={enabled ? "Disabling…" : "Enabling…"}
    >
      {enabled ? "Disable" : "Enable"}
    </ActionButton>
  );
}

export function ReplayButton({
  workspace,
  deliveryId,
  label,
}: {
  workspace: string;
  deliveryId: string;
  label: string;
}) {
  return (
    <ActionButton action={replayDeliveryAction} fields={{ workspace, deliveryId }} label={label} pendingText="Sending…">
      Replay
    </ActionButton>
  );
}

/** Asks once more before doing something that cannot be undone; focus moves to the confirming button. */
function Confirm(props: {
  ask: string;
  askLabel: string;
  confirm: string;
  confirmLabel: string;
  pendingText: string;
  action: (form: FormData) => void;
  fields: Record<string, string>;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button variant="outline" size="sm" onClick={() => setConfirming(true)} aria-label={props.askLabel}>
        {props.ask}
      </Button>
    );
  }
  return (
    <form action={props.action} className="flex flex-wrap items-center gap-2">
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        variant="destructive"
        size="sm"
        pendingText={props.pendingText}
        aria-label={props.confirmLabel}
        autoFocus
      >
        {props.confirm}
      </SubmitButton>
      <Button variant="ghost" size="sm" type="button" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </form>
  );
}

export function RotateSecretButton({
  workspace,
  endpointId,
  name,
}: {
  workspace: string;
  endpointId: string;
  name: string;
}) {
  const tell = useMemo(() => toastingAction(rotateSecretAction), []);
  const [state, action] = useActionState(tell, idle);
  const secret = state.status === "ok" ? state.data?.secret : undefined;
  return (
    <>
      <Confirm
        key={secret ?? "ask"}
        ask="Rotate secret"
        askLabel={`Rotate the signing secret of ${name}`}
        confirm="Confirm: new secret"
        confirmLabel={`Confirm: replace the signing secret of ${name}`}
        pendingText="Rotating…"
        action={action}
        fields={{ workspace, endpointId }}
      />
      {secret ? (
        <div className="basis-full">
          <SecretReveal secret={secret} what="Secret" testId="webhook-secret">
            New signing secret: put it in your receiver now. It will not be shown again.
          </SecretReveal>
        </div>
      ) : null}
    </>
  );
}

export function DeleteEndpointButton({
  workspace,
  endpointId,
  name,
}: {
  workspace: string;
  endpointId: string;
  name: string;
}) {
  const tell = useMemo(() => toastingAction(deleteEndpointAction), []);
  const [, action] = useActionState(tell, idle);
  return (
    <Confirm
      ask="Delete"
      askLabel={`Delete ${name}`}
      confirm="Confirm delete"
      confirmLabel={`Confirm: delete ${name} and its delivery log`}
      pendingText="Deleting…"
      action={action}
      fields={{ workspace, endpointId }}
    />
  );
}
