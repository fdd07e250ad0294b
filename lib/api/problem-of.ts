import { kindOf, type ErrorCode, type ErrorKind } from "@/kernel/errors";
import type { Fail } from "../result";
import { problem } from "./problem";

/**
 * The one map from the error vocabulary (kernel/errors.ts) to RFC 9457 problem+json, for every /api/v1 route:
 * the status follows the code's kind, and only the codes below that answer otherwise say so.
 */
export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  not_found: 404, // what the caller may not see
  forbidden: 403, // a role or scope that does not allow it
  invalid: 400, // naming the invalid fields
  conflict: 409, // taken, or changed meanwhile (naming what was taken)
  rule: 422, // a state that forbids it (the code names it)
};

/** The codes whose status is not their kind's (HTTP has a more precise answer for them). */
const STATUS_OF_CODE: Partial<Record<ErrorCode, number>> = {
  unauthenticated: 401,
  rate_limited: 429,
  sync_failed: 500, // the Stripe webhook: Stripe delivers a 5xx again
};

/** Details for a refusal that carries no message of its own. */
const DETAIL_OF_CODE: Partial<Record<ErrorCode, string>> = {
  invalid: "Some fields are invalid.",
  slot_taken: "This time is taken.",
  series_conflict: "Some dates of this series are not available.",
  slot_free: "This time is free: book it instead of waiting.",
};

export function statusOf(code: ErrorCode): number {
  return STATUS_OF_CODE[code] ?? STATUS_OF_KIND[kindOf(code)];
}

/**
 * The problem's `code` (and `type`): the code itself, except plain `invalid` (`validation`, like a body that fails
 * its schema) and a broken booking rule (`rule_<rule>`, naming it).
 */
export function problemCodeOf(f: Pick<Fail, "error"> & { rule?: string }): string {
  if (f.error === "invalid") return "validation";
  if (f.error === "rule") return `rule_${f.rule ?? "violated"}`;
  return f.error;
}

type Refusal = Fail & { rule?: string; conflict?: unknown; occurrences?: unknown[] };

/**
 * A use case's refusal as problem+json. `what` words a 404 without a message ("No such charge."). A 400 lists the
 * field errors, a 409 the taken range (`conflict`) or every date of a series (`occurrences`), a 422 the rule.
 */
export function problemOf(f: Refusal, what: string): Response {
  const code = f.error as ErrorCode;
  const status = statusOf(code);
  const detail = f.message ?? DETAIL_OF_CODE[code] ?? (status === 404 ? `No such ${what}.` : undefined);
  const init = { code: problemCodeOf(f), detail };
  switch (status) {
    case 400:
      return problem(400, {
        ...init,
        errors: Object.entries(f.fieldErrors ?? {}).flatMap(([field, messages]) =>
          messages.map((message) => ({ field, message })),
        ),
      });
    case 409:
      return problem(409, { ...init, conflict: f.conflict, occurrences: f.occurrences });
    case 422:
      return problem(422, { ...init, rule: f.rule ?? f.error });
    default:
      return problem(status, init);
  }
}
