import { listFreeSlots } from "./list-free-slots";
import type { AvailabilityInput, Interval } from "./types";

/**
 * The starts a waitlist can help with: every slot listFreeSlots would offer if `taken` (other bookings and holds,
 * buffers included) were gone, but does not offer with them. Such a slot passes every rule but "overlap", and
 * overlaps a booking; `input.busy` holds what no wait frees (maintenance blocks), so a slot blocked by one is not
 * listed. Reuses listFreeSlots twice rather than repeating a single rule (see list-taken-slots.test.ts).
 */
export function listTakenSlots(
  input: AvailabilityInput & { from: string; to: string; durationMinutes: number; taken: Interval[] },
): Interval[] {
  const { taken, ...rest } = input;
  if (taken.length === 0) return [];
  const free = new Set(listFreeSlots({ ...rest, busy: [...rest.busy, ...taken] }).map((slot) => slot.start.getTime()));
  return listFreeSlots(rest).filter((slot) => !free.has(slot.start.getTime()));
}
