import type { Fail } from "../result";
import { problem } from "./problem";

/**
 * A booking use case's refusal as RFC 9457 problem+json: 404 for what the caller may not see, 403 for a role
 * or scope that does not allow it, 409 when the time is taken (naming the taken range), 422 for a broken rule
 * (naming it) and 400 for invalid fields. A weekly series that cannot be booked as asked is a 409 listing every date;
 * joining the waitlist for a time that is free is a 409 too (book it instead).
 */
export function bookingProblem(
  f: Fail & { rule?: string; conflict?: { startsAt: string; endsAt: string }; occurrences?: unknown[] },
) {
  switch (f.error) {
    case "not_found":
      return problem(404, { code: "not_found", detail: f.message ?? "No such booking or room." });
    case "forbidden":
      return problem(403, { code: "forbidden", detail: f.message });
    case "slot_taken":
      return problem(409, { code: "slot_taken", detail: f.message ?? "This time is taken.", conflict: f.conflict });
    case "series_conflict":
      // A weekly series that could not be booked as asked: every date, with why each is or is not free.
      return problem(409, {
        code: "series_conflict",
        detail: f.message ?? "Some dates of this series are not available.",
        occurrences: f.occurrences,
      });
    case "slot_free":
      return problem(409, { code: "slot_free", detail: f.message ?? "This time is free: book it instead of waiting." });
    case "invalid":
      return problem(400, {
        code: "validation",
        detail: f.message ?? "Some fields are invalid.",
        errors: Object.entries(f.fieldErrors ?? {}).flatMap(([field, messages]) =>
          messages.map((message) => ({ field, message })),
        ),
      });
    default:
      return problem(422, {
        code: f.error === "rule" ? `rule_${f.rule ?? "violated"}` : f.error,
        detail: f.message,
        rule: f.rule ?? f.error,
      });
  }
}
