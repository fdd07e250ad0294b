export type { AvailabilityInput, BookingPolicy, Closure, Interval, OpeningHours, RoomRules, SlotRule } from "./types";
export { checkSlot } from "./check-slot";
export { blockedUntil, turnoverMs } from "./slot-rules";
export { listFreeSlots } from "./list-free-slots";
export { openingIntervals } from "./opening-intervals";
export { listTakenSlots } from "./list-taken-slots";
