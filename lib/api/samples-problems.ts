import type { Fail } from "../result";
import { problem } from "./problem";

/** A samples use case's refusal as problem+json: 404 unseen, 403 role or studio, 400 fields, 409 a stale count, 422 a state. */
export function shipmentProblem(f: Fail) {
  switch (f.error) {
    case "not_found":
      return problem(404, { code: "not_found", detail: f.message ?? "No such shipment." });
    case "forbidden":
      return problem(403, { code: "forbidden", detail: f.message });
    case "conflict":
      return problem(409, { code: "conflict", detail: f.message });
    case "invalid":
      return problem(400, {
        code: "validation",
        detail: f.message ?? "Some fields are invalid.",
        errors: Object.entries(f.fieldErrors ?? {}).flatMap(([field, messages]) => messages.map((message) => ({ field, message }))),
      });
    default:
      return problem(422, { code: f.error, detail: f.message });
  }
}
