import { failed, type ActionState } from "@/lib/action-state";
import type { Fail } from "@/lib/result";

/**
 * Helpers for the setup actions (not actions themselves): read a form into what the schemas of
 * lib/studios/schemas.ts parse, and turn a use case's refusal into the form's answer.
 */

/** The named text fields of a form; a missing field is undefined (the schema then asks for it). */
export function pick(form: FormData, names: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = form.get(name);
    out[name] = typeof value === "string" ? value : undefined;
  }
  return out;
}

/**
 * The hours editor sends, per weekday d, the lists `opens-d` and `closes-d` (one entry per range). A range left
 * completely empty is dropped (an added row that was never filled in); a half-filled one goes on to be refused.
 */
export function openingHoursFromForm(form: FormData) {
  const hours: { weekday: number; opens: string; closes: string }[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    const opens = form.getAll(`opens-${weekday}`).map(String);
    const closes = form.getAll(`closes-${weekday}`).map(String);
    for (let i = 0; i < Math.max(opens.length, closes.length) && i < 20; i++) {
      const range = { weekday, opens: (opens[i] ?? "").slice(0, 8), closes: (closes[i] ?? "").slice(0, 8) };
      if (range.opens !== "" || range.closes !== "") hours.push(range);
    }
  }
  return hours;
}

/** A use case's refusal as the form's answer. Never "Not found." (that is the gate's word, see the matrix). */
export function refused(form: FormData, result: Fail, fallback: string): ActionState {
  return failed(
    form,
    result.message ?? (result.fieldErrors ? "Check the fields marked below." : fallback),
    result.fieldErrors,
  );
}
