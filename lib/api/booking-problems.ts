import type { Fail } from "../result";
import { problem } from "./problem";

/**
 * A booking use case's refusal as RFC 9457 problem+json: 404 for what the caller may not see, 403 for a role
 * or scope that does not allow it, 409 when the time is taken (naming the taken range), 422 for a broken rule
 * (naming it) and 400 for invalid fields.
 */
export function bookingProblem(f: Fail & { rule?: string; conflict?: { startsAt: string; endsAt: string } }) {
  switch (f.error) {
    case "not_found":
      return problem(404, { code: "not_found", detail: f.message ?? "No such booking or room." });
    case "forbidden":
      return problem(403, { code: "forbidden", detail: f.message });
    case "slot_taken":
      return problem(409, { code: "slot_taken", detail: f.message ?? "This time is taken.", conflict: f.conflict });
    case "invalid":
      return problem(400, {
        code: "validation",
        detail: f.message ?? "Some fields are invalid.",
        errors: Object.entries(f.fieldErrors ?? {}).flatMap(([field, messages]) => messages.map((message) => ({ field, message }))),
      });
    default:
      return problem(422, { code: f.error === "rule" ? `rule_${f.rule ?? "violated"}` : f.error, detail: f.message, rule: f.rule ?? f.error });
  }
}
