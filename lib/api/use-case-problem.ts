import type { Fail } from "../result";
import { problem } from "./problem";

/**
 * A use case's refusal as problem+json: 404 for what the caller may not see, 403 a role or scope that does not
 * allow it, 409 a stale view (someone changed it meanwhile), 400 naming the invalid fields, 422 a state that
 * forbids it (the code names it). `what` words the 404.
 */
export function useCaseProblem(f: Fail, what: string) {
  switch (f.error) {
    case "not_found":
      return problem(404, { code: "not_found", detail: f.message ?? `No such ${what}.` });
    case "forbidden":
      return problem(403, { code: "forbidden", detail: f.message });
    case "conflict":
      return problem(409, { code: "conflict", detail: f.message });
    case "invalid":
      return problem(400, {
        code: "validation",
        detail: f.message ?? "Some fields are invalid.",
        errors: Object.entries(f.fieldErrors ?? {}).flatMap(([field, messages]) =>
          messages.map((message) => ({ field, message })),
        ),
      });
    default:
      return problem(422, { code: f.error, detail: f.message });
  }
}
