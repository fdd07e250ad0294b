"use server";
import { memberAction } from "@/app/_lib/actions";
import { readForm } from "@/lib/actions/read-form";
import { failed, type ActionState } from "@/lib/action-state";
import type { Member } from "@/lib/auth/member";
import { getEnv } from "@/lib/env";
import { replayDelivery, type AttemptOutcome } from "@/lib/webhooks/deliver";
import { createEndpoint, deleteEndpoint, rotateSecret, sendTestEvent, updateEndpoint } from "@/lib/webhooks/endpoints";
import { createEndpointSchema, updateEndpointSchema } from "@/lib/webhooks/schemas";
import { formatTimeInZone } from "@/lib/studios/local-time";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";
import { privateHostsAllowed } from "@/lib/webhooks/url-policy";
import { fail } from "@/lib/result";

const webhooksChanged = (gate: Member) => [
  { path: `/w/${gate.workspaceSlug}/settings/webhooks`, type: "layout" as const },
];
// Where endpoints may point and deliveries may connect: never this machine or a private network in production.
const addressPolicy = () => ({ allowPrivateHosts: privateHostsAllowed(getEnv()) });

const endpointOf = (form: FormData) => readForm(form, { endpointId: "string" }).endpointId;

// Deliberately not "Not found.": that answer belongs to the gate; these are a brand's own stale ids.
const NO_ENDPOINT = "That endpoint does not exist any more. Reload the page.";
const NO_DELIVERY = "That delivery does not exist any more. Reload the page.";
const DISABLED = "The endpoint is disabled: enable it first.";
const NO_BRAND = "Your membership is not linked to a brand. Ask the studio to link it, then add endpoints.";

/** What one attempt did, for the toast: the brand learns at once whether its receiver works. */
function describeOutcome(what: string, o: AttemptOutcome, zone: string): ActionState & { status: "ok" | "error" } {
  const answer = o.statusCode !== null ? `HTTP ${o.statusCode}` : (o.error ?? "no answer");
  if (o.status === "delivered")
    return { status: "ok", message: `${what} delivered: your endpoint answered ${answer}.` };
  const detail = o.error && o.statusCode !== null && o.error !== `HTTP ${o.statusCode}` ? ` (${o.error})` : "";
  const next = o.nextAttemptAt ? ` It will be tried again at ${formatTimeInZone(o.nextAttemptAt, zone)}.` : "";
  return { status: "error", message: `${what} not delivered: ${answer}${detail}.${next}` };
}

export const createEndpointAction = memberAction("webhooks.manage", {
  fields: { url: "string", description: "string", events: "list" },
  schema: createEndpointSchema,
  run: ({ db, gate, input, now }) => createEndpoint(db, gate, input, now, addressPolicy()),
  refused: { not_found: NO_BRAND, fields: "The endpoint was not added.", fallback: "The endpoint was not added." },
  done: (endpoint, { gate }) => ({
    message: "Endpoint added.",
    data: { secret: endpoint.secret, endpointId: endpoint.id },
    revalidate: webhooksChanged(gate),
  }),
});

export const updateEndpointAction = memberAction("webhooks.manage", {
  fields: { description: "string", events: "list" },
  schema: updateEndpointSchema,
  run: ({ db, gate, input, form, now }) => updateEndpoint(db, gate, endpointOf(form), input, now),
  refused: (_, { form }) => failed(form, NO_ENDPOINT),
  done: (_, { gate }) => ({ message: "Endpoint saved.", revalidate: webhooksChanged(gate) }),
});

export const setEndpointEnabledAction = memberAction("webhooks.manage", {
  fields: { endpointId: "string", enabled: "text" },
  run: async ({ db, gate, input, now }) =>
    input.enabled !== "true" && input.enabled !== "false"
      ? fail("invalid", { message: "Choose whether to enable or disable the endpoint." })
      : updateEndpoint(db, gate, input.endpointId, { enabled: input.enabled === "true" }, now),
  refused: (f, { form }) => failed(form, f.error === "invalid" && f.message ? f.message : NO_ENDPOINT),
  done: (endpoint, { gate }) => ({
    message: endpoint.enabled
      ? "Endpoint enabled: waiting deliveries go out on the next run."
      : "Endpoint disabled: events are no longer sent to it.",
    revalidate: webhooksChanged(gate),
  }),
});

export const rotateSecretAction = memberAction("webhooks.manage", {
  fields: { endpointId: "string" },
  run: ({ db, gate, input, now }) => rotateSecret(db, gate, input.endpointId, now),
  refused: (_, { form }) => failed(form, NO_ENDPOINT),
  done: (rotated, { gate }) => ({
    message: "New secret created. The old one no longer signs anything.",
    data: { secret: rotated.secret },
    revalidate: webhooksChanged(gate),
  }),
});

export const deleteEndpointAction = memberAction("webhooks.manage", {
  fields: { endpointId: "string" },
  run: ({ db, gate, input, now }) => deleteEndpoint(db, gate, input.endpointId, now),
  refused: (_, { form }) => failed(form, NO_ENDPOINT),
  done: (_, { gate }) => ({ message: "Endpoint deleted, with its delivery log.", revalidate: webhooksChanged(gate) }),
});

export const sendTestEventAction = memberAction("webhooks.manage", {
  fields: { endpointId: "string" },
  run: ({ db, gate, input, now }) => sendTestEvent(db, gate, input.endpointId, now, addressPolicy()),
  refused: (f, { form }) => failed(form, f.error === "endpoint_disabled" ? DISABLED : NO_ENDPOINT),
  done: async (outcome, { db, gate }) => ({
    ...describeOutcome("Test event", outcome, await workspaceTimeZone(db, gate.workspaceId)),
    revalidate: webhooksChanged(gate),
  }),
});

export const replayDeliveryAction = memberAction("webhooks.manage", {
  fields: { deliveryId: "string" },
  run: ({ db, gate, input, now }) => replayDelivery(db, gate, input.deliveryId, now, addressPolicy()),
  refused: (f, { form }) =>
    failed(
      form,
      f.error === "endpoint_disabled"
        ? DISABLED
        : f.error === "in_progress"
          ? "This delivery is being sent right now: try again in a moment."
          : NO_DELIVERY,
    ),
  done: async (outcome, { db, gate }) => ({
    ...describeOutcome("Replay", outcome, await workspaceTimeZone(db, gate.workspaceId)),
    revalidate: webhooksChanged(gate),
  }),
});
