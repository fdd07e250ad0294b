"use server";
import { revalidatePath } from "next/cache";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { checkInByCode } from "@/lib/bookings/operate-booking";
import { getDb } from "@/lib/db";
import { checkInByCodeSchema } from "@/lib/operations/schemas";
import { addRoomBlock } from "@/lib/studios/room-blocks";
import { roomBlockSchema } from "@/lib/studios/schemas";
import { appNow } from "@/lib/clock";
import { compactCode } from "@/kernel/ids";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

/** A code as it is printed (K7Q-M3X), whatever case and dashes were typed; anything else as typed. */
function shownCode(typed: string) {
  const compact = compactCode(typed);
  return compact.length === 6 ? `${compact.slice(0, 3)}-${compact.slice(3)}` : `“${typed.slice(0, 40)}”`;
}

/** The floor changed: the run sheet, the booking pages and the dashboard show it on their next render. */
function floorChanged(slug: string) {
  revalidatePath(`/w/${slug}/run-sheet`);
  revalidatePath(`/w/${slug}/bookings`, "layout");
  revalidatePath(`/w/${slug}/dashboard`);
}

/**
 * The desk's scan box: a booking code (from the QR, or typed) checks its creator in at the studio the run sheet
 * shows. A code of another studio, another day, or none at all is said plainly, so the desk knows what to tell
 * the person in front of it.
 */
export async function checkInByCodeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.operate" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = checkInByCodeSchema.safeParse({ studioId: text(form, "studioId"), code: text(form, "code") });
  if (!parsed.success) return invalid(form, parsed.error, parsed.error.issues[0]?.message ?? "Check the code.");
  const now = appNow();
  const r = await checkInByCode(getDb(), gate.value, parsed.data, now);
  if (!r.ok) {
    // Staff do not see other studios' bookings, so for them a code of another studio is as unknown as a mistyped
    // one: the answer says where it looked.
    if (r.error === "not_found" && gate.value.role === "staff")
      return failed(form, `No booking in your studios has the code ${shownCode(parsed.data.code)}.`);
    if (r.error === "forbidden") return failed(form, "That booking is at a studio you do not work in.");
    return failed(form, r.message ?? "That booking cannot be checked in.");
  }
  floorChanged(gate.value.workspaceSlug);
  // A second scan of the same code is harmless: the booking was already checked in, and it says so.
  const already = r.value.checkedInAt !== null && r.value.checkedInAt.getTime() !== now.getTime();
  return { status: "ok", message: already ? `${r.value.code} was already checked in.` : `Checked in ${r.value.code}.` };
}

/** Staff take a room out of service for a while (a broken light, a deep clean), with a reason on the sheet. */
export async function blockRoomAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.operate" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = roomBlockSchema.safeParse({
    roomId: text(form, "roomId"),
    startsAt: text(form, "startsAt"),
    endsAt: text(form, "endsAt"),
    reason: text(form, "reason"),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const r = await addRoomBlock(getDb(), gate.value, parsed.data, appNow());
  if (!r.ok)
    return failed(
      form,
      r.message ?? (r.fieldErrors ? "Check the fields marked below." : "The room was not blocked."),
      r.fieldErrors,
    );
  floorChanged(gate.value.workspaceSlug);
  const n = r.value.overlappingBookings;
  const overlap =
    n === 0
      ? ""
      : ` ${n} ${n === 1 ? "booking overlaps" : "bookings overlap"} it: move or cancel ${n === 1 ? "it" : "them"} from its booking page.`;
  return { status: "ok", message: `Room blocked.${overlap}` };
}
