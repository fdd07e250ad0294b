export type Readiness = "staged" | "ready" | "waiting" | "at_risk";

const DAY = 86_400_000;

/**
 * Whether samples meant for a session will be on set in time:
 * - staged: on the session's set already; ready: received and in the studio;
 * - at risk: not all received, and either expected after the session starts or still missing a day before it;
 * - waiting: not all received yet, but expected in time.
 */
export function readiness(input: { wanted: number; staged: number; inStudio: number; expectedOn: string | null; startsAt: Date; now: Date }): Readiness {
  if (input.staged >= input.wanted) return "staged";
  if (input.inStudio + input.staged >= input.wanted) return "ready";
  if (input.expectedOn && Date.parse(`${input.expectedOn}T00:00:00Z`) > input.startsAt.getTime()) return "at_risk";
  if (input.now.getTime() >= input.startsAt.getTime() - DAY) return "at_risk";
  return "waiting";
}

/** A session's overall state: the worst of its items (at risk, then waiting, then ready). */
export function overallReadiness(states: Readiness[]): Readiness | null {
  if (states.length === 0) return null;
  if (states.includes("at_risk")) return "at_risk";
  if (states.includes("waiting")) return "waiting";
  return states.every((s) => s === "staged") ? "staged" : "ready";
}

export const READINESS_LABEL: Record<Readiness, string> = { staged: "On set", ready: "Ready", waiting: "Waiting", at_risk: "At risk" };
