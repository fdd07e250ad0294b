"use server";
import { revalidatePath } from "next/cache";
import { requireActionMember } from "@/lib/auth/require-member";
import { ensureForm, failed, formValues, invalid, type ActionState } from "@/lib/action-state";
import { studioTimeRange } from "@/lib/bookings/emails";
import { seriesSchema } from "@/lib/bookings/schemas";
import { bookSeries, previewSeries, type SeriesMode } from "@/lib/bookings/series";
import { seriesPatternKey, type Occurrence } from "@/lib/bookings/series-plan";
import { formatMoney } from "@/lib/format";
import { getDb } from "@/lib/db";
import { appNow } from "@/lib/clock";

/** The series fields of the form, as the shared schema expects them (numbers, a list of weekdays). */
function seriesInput(form: FormData) {
  const creatorId = form.get("creatorId");
  return seriesSchema.safeParse({
    roomId: form.get("roomId"),
    weekdays: form.getAll("weekdays").map(Number),
    startTime: form.get("startTime"),
    durationMinutes: Number(form.get("durationMinutes")),
    weeks: Number(form.get("weeks")),
    firstDate: form.get("firstDate"),
    notes: form.get("notes") ?? "",
    creatorId: typeof creatorId === "string" && creatorId ? creatorId : undefined,
  });
}

/** The dates for the form to list: the studio-time label, the price of a free one, and why a date cannot be booked. */
function listed(occurrences: Occurrence[], timeZone: string) {
  return JSON.stringify(
    occurrences.map((o) => ({
      label: studioTimeRange(o.startsAt, o.endsAt, timeZone),
      ok: o.ok,
      why: o.ok ? "" : o.message,
      price: o.ok ? formatMoney(o.quote.totalCents, o.quote.currency) : "",
    })),
  );
}

type Checked = { occurrences: Occurrence[]; timeZone: string; currency: string; totalCents: number };

/** What the form shows after a check: the dates, their total, and the key of what was checked (sent back to book). */
function checkedData(checked: Checked, key: string) {
  const free = checked.occurrences.filter((o) => o.ok).length;
  return {
    preview: listed(checked.occurrences, checked.timeZone),
    free: String(free),
    total: String(checked.occurrences.length),
    totalPrice: formatMoney(checked.totalCents, checked.currency),
    previewed: key,
  };
}

const REFUSED: Record<string, string> = {
  not_found: "This room does not exist, or is not open to you.",
  forbidden: "You do not work in this room's studio.",
  room_inactive: "This room is not open for booking.",
};

/** Checks every date of the weekly pattern and lists which are free; nothing is booked. */
export async function previewSeriesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = seriesInput(form);
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await previewSeries(getDb(), gate.value, parsed.data, appNow());
  if (!result.ok)
    return failed(
      form,
      REFUSED[result.error] ?? result.message ?? "These dates cannot be checked.",
      result.fieldErrors,
    );
  const free = result.value.occurrences.filter((o) => o.ok).length;
  const total = result.value.occurrences.length;
  const message = free === total ? `All ${total} dates are free.` : `${free} of ${total} dates are free.`;
  return {
    status: "ok",
    message,
    values: formValues(form),
    data: checkedData(result.value, seriesPatternKey(parsed.data)),
  };
}

/** Books the series: the free dates (`free_only`), or every date or none (`all_or_nothing`). */
export async function bookSeriesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = seriesInput(form);
  if (!parsed.success) return invalid(form, parsed.error);
  // What is booked is what was checked: a field changed after the check gets the dates checked again, not booked.
  const key = seriesPatternKey(parsed.data);
  if (form.get("previewed") !== key) {
    const checked = await previewSeries(getDb(), gate.value, parsed.data, appNow());
    const state = failed(
      form,
      "The series changed after you checked the dates, so nothing was booked: check the dates and prices below, then book.",
    );
    return checked.ok ? { ...state, data: checkedData(checked.value, key) } : state;
  }
  const mode: SeriesMode = form.get("mode") === "all_or_nothing" ? "all_or_nothing" : "free_only";
  const result = await bookSeries(getDb(), gate.value, parsed.data, { mode }, appNow());
  if (!result.ok) {
    const state = failed(
      form,
      REFUSED[result.error] ?? result.message ?? "This series cannot be booked.",
      result.fieldErrors,
    );
    // The dates as they are now, so the choice can be made again.
    if (result.error === "series_conflict" && result.occurrences) {
      const checked = await previewSeries(getDb(), gate.value, parsed.data, appNow());
      return {
        ...state,
        data: checked.ok
          ? checkedData(checked.value, key)
          : { preview: listed(result.occurrences, result.timeZone ?? "UTC") },
      };
    }
    return state;
  }
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  const n = result.value.bookings.length;
  return {
    status: "ok",
    message: `Booked ${n} ${n === 1 ? "date" : "dates"}. One email lists them all, with a calendar invite for each.`,
    data: { booked: "1", first: result.value.bookings[0].id },
  };
}
