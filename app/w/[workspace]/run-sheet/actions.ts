"use server";
import { memberAction } from "@/app/_lib/actions";
import { failed, invalid } from "@/lib/action-state";
import type { Member } from "@/lib/auth/member";
import { checkInByCode } from "@/lib/bookings/check-in-by-code";
import { checkInByCodeSchema } from "@/lib/operations/schemas";
import { addRoomBlock } from "@/lib/studios/room-blocks";
import { roomBlockSchema } from "@/lib/studios/schemas";
import { compactCode } from "@/kernel/ids";
import { isStudioScoped } from "@/lib/auth/permissions";

/** A code as it is printed (K7Q-M3X), whatever case and dashes were typed; anything else as typed. */
function shownCode(typed: string) {
  const compact = compactCode(typed);
  return compact.length === 6 ? `${compact.slice(0, 3)}-${compact.slice(3)}` : `“${typed.slice(0, 40)}”`;
}

/** The floor changed: the run sheet, the booking pages and the dashboard show it on their next render. */
const floorChanged = (gate: Member) => [
  `/w/${gate.workspaceSlug}/run-sheet`,
  { path: `/w/${gate.workspaceSlug}/bookings`, type: "layout" as const },
  `/w/${gate.workspaceSlug}/dashboard`,
];

/**
 * The desk's scan box: a booking code (from the QR, or typed) checks its creator in at the studio the run sheet
 * shows. A code of another studio, another day, or none at all is said plainly, so the desk knows what to tell
 * the person in front of it.
 */
export const checkInByCodeAction = memberAction("bookings.operate", {
  fields: ["studioId", "code"],
  schema: checkInByCodeSchema,
  invalid: (error, form) => invalid(form, error, error.issues[0]?.message ?? "Check the code."),
  run: ({ db, gate, input, now }) => checkInByCode(db, gate, input, now),
  refused: (f, { gate, input, form }) => {
    // Staff do not see other studios' bookings, so for them a code of another studio is as unknown as a mistyped
    // one: the answer says where it looked.
    if (f.error === "not_found" && isStudioScoped(gate.role))
      return failed(form, `No booking in your studios has the code ${shownCode(input.code)}.`);
    if (f.error === "forbidden") return failed(form, "That booking is at a studio you do not work in.");
    return failed(form, f.message ?? "That booking cannot be checked in.");
  },
  done: (booking, { gate, now }) => {
    // A second scan of the same code is harmless: the booking was already checked in, and it says so.
    const already = booking.checkedInAt !== null && booking.checkedInAt.getTime() !== now.getTime();
    return {
      message: already ? `${booking.code} was already checked in.` : `Checked in ${booking.code}.`,
      revalidate: floorChanged(gate),
    };
  },
});

/** Staff take a room out of service for a while (a broken light, a deep clean), with a reason on the sheet. */
export const blockRoomAction = memberAction("bookings.operate", {
  fields: ["roomId", "startsAt", "endsAt", "reason"],
  schema: roomBlockSchema,
  run: ({ db, gate, input, now }) => addRoomBlock(db, gate, input, now),
  refused: { fallback: "The room was not blocked." },
  done: ({ overlappingBookings: n }, { gate }) => {
    const overlap =
      n === 0
        ? ""
        : ` ${n} ${n === 1 ? "booking overlaps" : "bookings overlap"} it: move or cancel ${n === 1 ? "it" : "them"} from its booking page.`;
    return { message: `Room blocked.${overlap}`, revalidate: floorChanged(gate) };
  },
});
