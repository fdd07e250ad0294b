import type { RunSheet } from "@/lib/operations/run-sheet";

export type SheetRoom = RunSheet["rooms"][number];
export type SheetBooking = SheetRoom["bookings"][number];
export type SheetStatus = SheetBooking["booking"]["status"];

/** Every status a session on the sheet can have, said in words (the colours only repeat them). */
export const STATUS_LABEL: Record<string, string> = {
  held: "Held",
  confirmed: "Confirmed",
  checked_in: "Checked in",
  completed: "Completed",
  no_show: "No-show",
  cancelled: "Cancelled",
};

export const STATUS_BADGE: Record<string, "outline" | "default" | "success" | "secondary" | "destructive"> = {
  held: "outline",
  confirmed: "default",
  checked_in: "success",
  completed: "secondary",
  no_show: "destructive",
};

/** The creator as the desk greets them: their name, else their email. */
export const creatorOf = (b: SheetBooking) => b.creatorName ?? b.creatorEmail;
