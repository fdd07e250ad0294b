import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { Badge } from "@/components/ui/badge";
import type { shipments } from "@/db/schema";

type Status = (typeof shipments.$inferSelect)["status"];
type Leftover = (typeof shipments.$inferSelect)["leftoverAction"];

export const STATUS_LABEL: Record<Status, string> = {
  announced: "Announced",
  in_transit: "In transit",
  partially_received: "Partly received",
  received: "Received",
  closed: "Closed",
};

const STATUS_VARIANT: Record<Status, "secondary" | "outline" | "warning" | "success"> = {
  announced: "outline",
  in_transit: "secondary",
  partially_received: "warning",
  received: "success",
  closed: "secondary",
};

export function StatusBadge({ status }: { status: Status }) {
  return <Badge variant={STATUS_VARIANT[status]}>{STATUS_LABEL[status]}</Badge>;
}

export const LEFTOVER_LABEL: Record<Leftover, string> = {
  return_to_brand: "Return to the brand",
  give_to_creator: "Give to the creator",
  dispose: "Dispose of",
};

/** When leftovers are due counts from the session's end, or from the delivery when the box is for no session. */
export const leftoverText = (action: Leftover, days: number, forSession: boolean) =>
  `${LEFTOVER_LABEL[action]} ${days === 0 ? "right after" : `${days} day${days === 1 ? "" : "s"} after`} ${forSession ? "the session" : "delivery"}`;

/** An instant on the studio's clock: "Tue 1 Dec 2026, 19:00" (the zone is named once, next to the list it is in). */
export const studioTime = (at: Date, timeZone: string) => format(new TZDate(at, timeZone), "EEE d MMM yyyy, HH:mm");

/** A calendar date (YYYY-MM-DD, no time or zone) as "Tue 1 Dec 2026"; read as UTC so no zone shifts the day. */
export const calendarDate = (day: string) =>
  format(new TZDate(Date.parse(`${day}T00:00:00Z`), "UTC"), "EEE d MMM yyyy");
