"use server";
import { revalidatePath } from "next/cache";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { replayDelivery, type AttemptOutcome } from "@/lib/webhooks/deliver";
import { createEndpoint, deleteEndpoint, rotateSecret, sendTestEvent, updateEndpoint } from "@/lib/webhooks/endpoints";
import { createEndpointSchema, updateEndpointSchema } from "@/lib/webhooks/schemas";
import { formatTimeInZone } from "@/lib/studios/local-time";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";
import { privateHostsAllowed } from "@/lib/webhooks/url-policy";
import { appNow } from "@/lib/clock";

const gateFor = (form: FormData) =>
  requireActionMember({ workspace: form.get("workspace"), permission: "webhooks.manage" });
const revalidate = (slug: string) => revalidatePath(`/w/${slug}/settings/webhooks`, "layout");
const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");
// Where endpoints may point and deliveries may connect: never this machine or a private network in production.
const addressPolicy = () => ({ allowPrivateHosts: privateHostsAllowed(getEnv()) });

// Deliberately not "Not found.": that answer belongs to the gate; these are a brand's own stale ids.
const NO_ENDPOINT = "That endpoint does not exist any more. Reload the page.";
const NO_DELIVERY = "That delivery does not exist any more. Reload the page.";
const DISABLED = "The endpoint is disabled: enable it first.";
const NO_BRAND = "Your membership is not linked to a brand. Ask the studio to link it, then add endpoints.";

/** What one attempt did, for the toast: the brand learns at once whether its receiver works. */
function describeOutcome(what: string, o: AttemptOutcome, zone: string): ActionState {
  const answer = o.statusCode !== null ? `HTTP ${o.statusCode}` : (o.error ?? "no answer");
  if (o.status === "delivered")
    return { status: "ok", message: `${what} delivered: your endpoint answered ${answer}.` };
  const detail = o.error && o.statusCode !== null && o.error !== `HTTP ${o.statusCode}` ? ` (${o.error})` : "";
  const next = o.nextAttemptAt ? ` It will be tried again at ${formatTimeInZone(o.nextAttemptAt, zone)}.` : "";
  return { status: "error", message: `${what} not delivered: ${answer}${detail}.${next}` };
}

export async function createEndpointAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await gateFor(form);
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = createEndpointSchema.safeParse({
    url: text(form.get("url")),
    description: text(form.get("description")),
    events: form.getAll("events"),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await createEndpoint(getDb(), gate.value, parsed.data, appNow(), addressPolicy());
  if (!result.ok)
    return failed(
      form,
      result.error === "not_found" ? NO_BRAND : (result.message ?? "The endpoint was not added."),
      result.fieldErrors,
    );
  revalidate(gate.value.workspaceSlug);
  return {
    status: "ok",
    message: "Endpoint added.",
    data: { secret: result.value.secret, endpointId: result.value.id },
  };
}

export async function updateEndpointAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await gateFor(form);
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = updateEndpointSchema.safeParse({
    description: text(form.get("description")),
    events: form.getAll("events"),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await updateEndpoint(getDb(), gate.value, text(form.get("endpointId")), parsed.data, appNow());
  if (!result.ok) return failed(form, NO_ENDPOINT);
  revalidate(gate.value.workspaceSlug);
  return { status: "ok", message: "Endpoint saved." };
}

export async function setEndpointEnabledAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await gateFor(form);
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const enabled = form.get("enabled");
  if (enabled !== "true" && enabled !== "false")
    return failed(form, "Choose whether to enable or disable the endpoint.");
  const result = await updateEndpoint(
    getDb(),
    gate.value,
    text(form.get("endpointId")),
    { enabled: enabled === "true" },
    appNow(),
  );
  if (!result.ok) return failed(form, NO_ENDPOINT);
  revalidate(gate.value.workspaceSlug);
  return {
    status: "ok",
    message: result.value.enabled
      ? "Endpoint enabled: waiting deliveries go out on the next run."
      : "Endpoint disabled: events are no longer sent to it.",
  };
}

export async function rotateSecretAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await gateFor(form);
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await rotateSecret(getDb(), gate.value, text(form.get("endpointId")), appNow());
  if (!result.ok) return failed(form, NO_ENDPOINT);
  revalidate(gate.value.workspaceSlug);
  return {
    status: "ok",
    message: "New secret created. The old one no longer signs anything.",
    data: { secret: result.value.secret },
  };
}

export async function deleteEndpointAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await gateFor(form);
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await deleteEndpoint(getDb(), gate.value, text(form.get("endpointId")), appNow());
  if (!result.ok) return failed(form, NO_ENDPOINT);
  revalidate(gate.value.workspaceSlug);
  return { status: "ok", message: "Endpoint deleted, with its delivery log." };
}

export async function sendTestEventAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await gateFor(form);
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await sendTestEvent(getDb(), gate.value, text(form.get("endpointId")), appNow(), addressPolicy());
  if (!result.ok) return failed(form, result.error === "endpoint_disabled" ? DISABLED : NO_ENDPOINT);
  revalidate(gate.value.workspaceSlug);
  return describeOutcome("Test event", result.value, await workspaceTimeZone(getDb(), gate.value.workspaceId));
}

export async function replayDeliveryAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await gateFor(form);
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await replayDelivery(getDb(), gate.value, text(form.get("deliveryId")), appNow(), addressPolicy());
  if (!result.ok) {
    const message =
      result.error === "endpoint_disabled"
        ? DISABLED
        : result.error === "in_progress"
          ? "This delivery is being sent right now: try again in a moment."
          : NO_DELIVERY;
    return failed(form, message);
  }
  revalidate(gate.value.workspaceSlug);
  return describeOutcome("Replay", result.value, await workspaceTimeZone(getDb(), gate.value.workspaceId));
}
