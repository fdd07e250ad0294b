import { createEvent, createEvents, type EventAttributes } from "ics";

export type CalendarBooking = {
  id: string;
  code: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  roomName: string;
  studioName: string;
  studioAddress: string;
  sequence: number;
};

function toEvent(b: CalendarBooking): EventAttributes {
  return {
    uid: `${b.id}@livebase`,
    sequence: b.sequence,
    start: b.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: b.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: `${b.roomName} · ${b.studioName}`,
    description: `Livebase booking ${b.code}. Show this code (or its QR) at the front desk to check in.`,
    location: b.studioAddress || b.studioName,
    status: b.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    busyStatus: "BUSY",
    productId: "livebase/bookings",
  };
}

/** One booking as an iCalendar file (METHOD:REQUEST, or CANCEL for a cancellation), for email attachments. */
export function bookingIcs(b: CalendarBooking) {
  const { error, value } = createEvent({ ...toEvent(b), method: b.status === "cancelled" ? "CANCEL" : "REQUEST" });
  if (error || !value) throw error ?? new Error("could not build the calendar file");
  return value;
}

/** A calendar feed of many bookings (the private iCal URLs). */
export function bookingsFeed(name: string, list: CalendarBooking[]) {
  if (list.length === 0) {
    return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:livebase/bookings", `X-WR-CALNAME:${name}`, "END:VCALENDAR", ""].join("\r\n");
  }
  const { error, value } = createEvents(list.map(toEvent), { calName: name, productId: "livebase/bookings" });
  if (error || !value) throw error ?? new Error("could not build the calendar feed");
  return value;
}
