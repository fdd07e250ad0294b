import { kindOf, type ErrorCode, type ErrorKind } from "@/kernel/errors";
import type { Fail } from "../result";

/**
 * The one map from the error vocabulary (kernel/errors.ts) to what a form says. A use case's own message wins
 * (it knows the booking's code, the unit's name), unless the action has words for that exact code; then the field
 * errors' heading; then the action's words for the code's kind, its fallback ("The room was not saved."), or the
 * kind's words below. Never "Not found.": that is the gate's
 * word, for a workspace the person is not in (the authorization matrix tells the two apart).
 */
export const CHECK_FIELDS = "Check the fields marked below.";

/** What a form says for a refusal without a message, when the action has no words of its own. */
export const KIND_WORDS: Record<ErrorKind, string> = {
  not_found: "That does not exist, or is not yours.",
  forbidden: "Your role does not allow this.",
  invalid: CHECK_FIELDS,
  conflict: "Someone changed this meanwhile. Look again and retry.",
  rule: "This is not possible now.",
};

/**
 * An action's words for refusals. `fallback`: when nothing better is known; `fields`: the heading over field
 * errors (default CHECK_FIELDS); a code: what to say for it whatever the use case's message (a not_found that
 * must not tell a creator whether a booking exists); a kind: what to say for its codes that carry no message.
 */
export type Refusals = { fallback?: string; fields?: string } & Partial<Record<ErrorCode, string>>;

export function refusalMessage(f: Fail, words: Refusals = {}): string {
  const code = f.error as ErrorCode;
  const kind = kindOf(code);
  return (
    words[code] ??
    f.message ??
    (f.fieldErrors ? (words.fields ?? CHECK_FIELDS) : (words[kind] ?? words.fallback ?? KIND_WORDS[kind]))
  );
}
