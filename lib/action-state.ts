import type { z } from "zod";

/**
 * What a server action answers to its form: a message, per-field errors, and the values that were sent, so
 * a form that fails keeps what was typed (passwords excepted).
 */
export type ActionState = {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  data?: Record<string, string>;
};

export const idle: ActionState = { status: "idle" };

const SECRET_FIELDS = /password|token|secret/i;

/** The text fields of a form, minus secrets: echoed back so nothing typed is lost on an error. */
export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !SECRET_FIELDS.test(key) && !key.startsWith("$")) {
      out[key] = out[key] !== undefined ? `${out[key]},${value}` : value.slice(0, 2000);
    }
  }
  return out;
}

/** A schema's issues as a form's field errors, keyed by the top-level field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

export function invalid(form: FormData, error: z.ZodError, message = "Check the fields marked below."): ActionState {
  return { status: "error", message, fieldErrors: fieldErrorsOf(error), values: formValues(form) };
}

export function failed(form: FormData, message: string, fieldErrors?: Record<string, string[]>): ActionState {
  return { status: "error", message, fieldErrors, values: formValues(form) };
}

/**
 * Server actions are public HTTP endpoints: a client can send any arguments. Anything that is not a form is
 * treated as an empty one, so it gets the normal field errors instead of a crash.
 */
export function ensureForm(form: unknown): FormData {
  return form instanceof FormData ? form : new FormData();
}

/**
 * A key for a form that changes with every different answer, so the form is rebuilt with the answer's values:
 * selects, checkboxes and client-side lists then show what was sent (React's reset after an action would put
 * uncontrolled selects back to their first default).
 */
export function formKey(state: ActionState) {
  return state.status === "idle"
    ? "idle"
    : `${state.status}:${state.message ?? ""}:${JSON.stringify(state.values ?? {})}`;
}
