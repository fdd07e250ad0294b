import { createRequire } from "node:module";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { ActionState } from "../../lib/action-state";
import type { ActionArgs, PageOutcome } from "./authz-matrix";

/** What an actor got from a page, in the matrix's words ("redirect to /x" or "status 500" when it is none of them). */
export function pageOutcome(res: APIResponse, ownSlug: string | null): PageOutcome | string {
  const status = res.status();
  if (status === 200) return "ok";
  if (status === 404) return "404";
  if (status >= 300 && status < 400) {
    const to = new URL(res.headers()["location"] ?? "", "http://localhost").pathname;
    if (to === "/sign-in") return "signin";
    if (to === "/workspaces") return "to-workspaces";
    if (ownSlug && to === `/w/${ownSlug}`) return "to-own-workspace";
    return `redirect to ${to}`;
  }
  return `status ${status}`;
}

// React's own encoder for server action arguments, the one the browser uses (Next's compiled copy). Typed here
// because the compiled file ships without declarations.
const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.edge") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

/** The form every action gets: the workspace it acts in and nothing else, so a call that passes the gate fails validation. */
function emptyForm(workspace: string) {
  const form = new FormData();
  form.set("workspace", workspace);
  return form;
}

/** Calls a server action over HTTP exactly as React does: a POST to a page that loads it, with the `Next-Action` id. */
export async function invokeAction(
  request: APIRequestContext,
  input: { pageUrl: string; actionId: string; args: ActionArgs; workspace: string },
) {
  const form = emptyForm(input.workspace);
  const idle: ActionState = { status: "idle" };
  const body = await encodeReply(input.args === "state-and-form" ? [idle, form] : [form]);
  const headers = { "Next-Action": input.actionId, Accept: "text/x-component" };
  return typeof body === "string"
    ? request.post(input.pageUrl, {
        headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" },
        data: body,
        maxRedirects: 0,
      })
    : request.post(input.pageUrl, { headers, multipart: body, maxRedirects: 0 });
}

export const DENIED_SIGNED_IN = "Not found.";
export const DENIED_ANONYMOUS = "Your session has ended. Sign in again.";

export type ActionAnswer = {
  status: number;
  outcome: "allowed" | "denied" | string;
  /** The message the action returned, or where it redirected. */
  detail: string;
};

/**
 * Reads the action's return value from the RSC (flight) response: row 0 is `{"a":"$@1",...}`, a reference to the
 * row holding the value (e.g. `1:{"status":"error","message":"Not found.",...}`).
 */
export function actionReturnValue(flight: string): unknown {
  const rows = new Map<string, string>();
  for (const line of flight.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  const parse = (row: string | undefined): unknown => {
    if (row === undefined) return undefined;
    try {
      return JSON.parse(row) as unknown;
    } catch {
      return undefined;
    }
  };
  const root = parse(rows.get("0"));
  const value = root && typeof root === "object" && "a" in root ? root.a : undefined;
  return typeof value === "string" && value.startsWith("$@") ? parse(rows.get(value.slice(2))) : value;
}

/**
 * Classifies an action's answer. Our gates answer with a message (requireActionMember), so a redirect means the
 * call went through (sign-out, a successful sign-in); a gate that redirected instead would need a new outcome.
 */
export async function actionAnswer(res: APIResponse): Promise<ActionAnswer> {
  const status = res.status();
  const redirect = res.headers()["x-action-redirect"];
  if (status !== 200) return { status, outcome: `status ${status}`, detail: (await res.text()).slice(0, 200) };
  if (redirect) return { status, outcome: "allowed", detail: `redirect to ${redirect.split(";")[0]}` };
  const value = actionReturnValue(await res.text());
  const message =
    value && typeof value === "object" && "message" in value && typeof value.message === "string" ? value.message : "";
  if (!value || typeof value !== "object")
    return { status, outcome: "unreadable answer", detail: JSON.stringify(value) ?? "undefined" };
  const denied = message === DENIED_SIGNED_IN || message === DENIED_ANONYMOUS;
  return { status, outcome: denied ? "denied" : "allowed", detail: message || JSON.stringify(value) };
}
