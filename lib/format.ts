// Formatting money is part of the money kernel (lib/money.ts); the UI has always imported it from here.
export { formatMoney, formatMoneyChange } from "./money";

/** A length of time in words, as every screen and email shows it: 45 → "45 min", 180 → "3 h", 150 → "2 h 30 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

const IRREGULAR: Record<string, string> = { person: "people", delivery: "deliveries", day: "days", box: "boxes" };

/** A count with its noun in the right number: (1, "member") → "1 member", (2, "person") → "2 people". */
export function plural(count: number, one: string, many: string = IRREGULAR[one] ?? `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/** A room's shortest to longest booking: (30, 180) → "30 min–3 h", (60, 240) → "1–4 h", (60, 60) → "1 h". */
export function formatDurationRange(min: number, max: number): string {
  if (min === max) return formatDuration(min);
  if (min % 60 === 0 && max % 60 === 0) return `${min / 60}–${max / 60} h`;
  return `${formatDuration(min)}–${formatDuration(max)}`;
}
