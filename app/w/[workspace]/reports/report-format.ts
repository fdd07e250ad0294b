import type { ChargeKind } from "@/lib/billing/reports";

const MONTH_LABEL = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

/** "2026-11" → "Nov 2026". */
export function monthLabel(month: string) {
  return MONTH_LABEL.format(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
}

/** Minutes as hours with at most one decimal: "12.5 h". */
export function hoursLabel(minutes: number) {
  return `${(minutes / 60).toLocaleString("en-US", { maximumFractionDigits: 1 })} h`;
}

export function percentLabel(value: number | null) {
  return value === null ? "—" : `${value.toFixed(1)} %`;
}

export const KIND_LABELS: Record<ChargeKind, string> = {
  room_time: "Room time",
  overtime: "Overtime",
  add_on: "Add-ons",
  storage_night: "Storage",
  late_cancel_fee: "Late-cancel fees",
  no_show_fee: "No-show fees",
  tax: "Tax",
  credit: "Credits",
};
