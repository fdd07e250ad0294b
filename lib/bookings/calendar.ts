import type { EmailAttachment } from "@/db/schema";

/**
 * iCalendar (RFC 5545) for bookings: the invite attached to booking emails and the private feeds.
 *
 * Invites are METHOD:PUBLISH (RFC 5546): Livebase is not a calendar user who invites attendees, so a REQUEST
 * (which needs an ORGANIZER and ATTENDEEs and expects replies) would be a lie clients reject or answer. A
 * PUBLISH with the same UID and a higher SEQUENCE updates the event; a cancelled booking is published with
 * STATUS:CANCELLED. Written by hand rather than with the `ics` package, which folds lines at 75 characters
 * instead of 75 octets (every summary has a "·", so its lines broke the limit).
 */
export type CalendarBooking = {
  id: string;
  code: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  roomName: string;
  studioName: string;
  studioAddress: string;
  /** The booking's last change: it orders versions (SEQUENCE) and stamps this one (DTSTAMP). */
  updatedAt: Date;
};

const PRODID = "-//Livebase//Bookings//EN";
const CRLF = "\r\n";

/** The content type of an emailed invite: the method parameter must match the METHOD inside (RFC 5546). */
export const INVITE_CONTENT_TYPE = "text/calendar; charset=utf-8; method=PUBLISH";

/** TEXT values: backslash, semicolon, comma and newlines escaped; other control characters are not allowed. */
function text(value: string) {
  return (
    value
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      // RFC 5545 TEXT excludes CONTROL characters other than HTAB (newlines are escaped above).
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
  );
}

/** 20261205T030000Z: every instant is written in UTC, so no VTIMEZONE is needed. */
function utc(d: Date) {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

function utf8Length(codePoint: number) {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a character; continuations start with a space. */
export function foldLine(line: string) {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > 75) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** SEQUENCE: whole seconds of the last change, so every later version of a booking has a higher one. */
export function bookingSequence(updatedAt: Date) {
  return Math.floor(updatedAt.getTime() / 1000);
}

function eventLines(b: CalendarBooking) {
  return [
    "BEGIN:VEVENT",
    `UID:${b.id}@livebase`,
    `DTSTAMP:${utc(b.updatedAt)}`,
    `SEQUENCE:${bookingSequence(b.updatedAt)}`,
    `DTSTART:${utc(b.startsAt)}`,
    `DTEND:${utc(b.endsAt)}`,
    `SUMMARY:${text(`${b.roomName} · ${b.studioName}`)}`,
    `DESCRIPTION:${text(`Livebase booking ${b.code}. Show this code (or its QR) at the front desk to check in.`)}`,
    `LOCATION:${text(b.studioAddress || b.studioName)}`,
    `STATUS:${b.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
  ];
}

function calendar(header: string[], events: CalendarBooking[]) {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...header,
    ...events.flatMap(eventLines),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** One booking as an iCalendar object (METHOD:PUBLISH; a cancellation is STATUS:CANCELLED), for email attachments. */
export function bookingIcs(b: CalendarBooking) {
  return calendar([], [b]);
}

/** The invite as an email attachment, with the content type its METHOD needs. */
export function bookingIcsAttachment(b: CalendarBooking): EmailAttachment {
  return { filename: `livebase-${b.code}.ics`, contentType: INVITE_CONTENT_TYPE, content: bookingIcs(b) };
}

/** A calendar feed of many bookings (the private iCal URLs). */
export function bookingsFeed(name: string, list: CalendarBooking[]) {
  return calendar([`X-WR-CALNAME:${text(name)}`], list);
}
