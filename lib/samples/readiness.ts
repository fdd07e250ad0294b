import { DAY_MS } from "@/kernel/time";
export type Readiness = "staged" | "ready" | "waiting" | "at_risk";

type Sample = { wanted: number; staged: number; inStudio: number; arrived: boolean };

/**
 * Units of a sample that are neither here nor on their way: its box was counted without them (it arrived short,
 * or what came has gone since). 0 while the box is still on its way.
 */
export function missingUnits(input: Sample): number {
  return input.arrived ? Math.max(0, input.wanted - input.staged - input.inStudio) : 0;
}

/**
 * Whether samples meant for a session will be on set in time:
 * - staged: on the session's set already; ready: received and in the studio;
 * - at risk: not all here, and either their box arrived without them (nothing more is on its way), or they are
 *   expected after the session starts, or still missing a day before it;
 * - waiting: not all received yet, but their box is on its way and expected in time.
 */
export function readiness(input: Sample & { expectedOn: string | null; startsAt: Date; now: Date }): Readiness {
  if (input.staged >= input.wanted) return "staged";
  if (input.inStudio + input.staged >= input.wanted) return "ready";
  if (missingUnits(input) > 0) return "at_risk";
  if (input.expectedOn && Date.parse(`${input.expectedOn}T00:00:00Z`) > input.startsAt.getTime()) return "at_risk";
  if (input.now.getTime() >= input.startsAt.getTime() - DAY_MS) return "at_risk";
  return "waiting";
}

/** A session's overall state: the worst of its items (at risk, then waiting, then ready). */
export function overallReadiness(states: Readiness[]): Readiness | null {
  if (states.length === 0) return null;
  if (states.includes("at_risk")) return "at_risk";
  if (states.includes("waiting")) return "waiting";
  return states.every((s) => s === "staged") ? "staged" : "ready";
}

export const READINESS_LABEL: Record<Readiness, string> = {
  staged: "On set",
  ready: "Ready",
  waiting: "Waiting",
  at_risk: "At risk",
};

const MEANING: Record<Readiness, string> = {
  staged: "Everything is on the set.",
  ready: "Everything is in the studio, ready to stage.",
  waiting: "Some samples have not arrived yet, but are expected in time.",
  at_risk: "Some samples may not be here in time.",
};

/**
 * A session's samples in one sentence. When a counted box left some short it names them ("2 × PAL-02 Palette
 * missing: …"), rather than a state that could pass for "on its way".
 */
export function readinessMeaning(state: Readiness, items: { sku: string; name: string; missing: number }[]): string {
  const missing = items.filter((i) => i.missing > 0).map((i) => `${i.missing} × ${i.sku} ${i.name}`);
  return missing.length
    ? `${missing.join(", ")} missing: not in the studio, and nothing more is on its way.`
    : MEANING[state];
}
