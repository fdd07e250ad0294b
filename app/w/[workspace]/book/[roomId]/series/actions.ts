"use server";
import { memberAction } from "@/app/_lib/actions";
import { formValues } from "@/lib/action-state";
import { readForm } from "@/lib/actions/read-form";
import { refusalMessage, type Refusals } from "@/lib/actions/refusal";
import { studioTimeRange } from "@/lib/bookings/emails";
import { seriesSchema } from "@/lib/bookings/schemas";
import { bookSeries, previewSeries, type SeriesMode } from "@/lib/bookings/series";
import { seriesPatternKey, type Occurrence } from "@/lib/bookings/series-plan";
import { formatMoney } from "@/lib/format";
import { ok } from "@/lib/result";

/** The series fields of the form, as the shared schema expects them (numbers, a list of weekdays). */
const SERIES_FIELDS = {
  roomId: "text",
  weekdays: (form: FormData) => form.getAll("weekdays").map(Number),
  startTime: "text",
  durationMinutes: (form: FormData) => Number(form.get("durationMinutes")),
  weeks: (form: FormData) => Number(form.get("weeks")),
  firstDate: "text",
  notes: "string",
  creatorId: "optional",
} as const;

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

const REFUSED: Refusals = {
  not_found: "This room does not exist, or is not open to you.",
  forbidden: "You do not work in this room's studio.",
  room_inactive: "This room is not open for booking.",
};

/** Checks every date of the weekly pattern and lists which are free; nothing is booked. */
export const previewSeriesAction = memberAction("bookings.create", {
  fields: SERIES_FIELDS,
  schema: seriesSchema,
  run: ({ db, gate, input, now }) => previewSeries(db, gate, input, now),
  refused: { ...REFUSED, fields: "These dates cannot be checked.", fallback: "These dates cannot be checked." },
  done: (checked, { input, form }) => {
    const free = checked.occurrences.filter((o) => o.ok).length;
    const total = checked.occurrences.length;
    return {
      message: free === total ? `All ${total} dates are free.` : `${free} of ${total} dates are free.`,
      values: formValues(form),
      data: checkedData(checked, seriesPatternKey(input)),
    };
  },
});

/** Books the series: the free dates (`free_only`), or every date or none (`all_or_nothing`). */
export const bookSeriesAction = memberAction("bookings.create", {
  fields: SERIES_FIELDS,
  schema: seriesSchema,
  run: async ({ db, gate, input, form, now }) => {
    // What is booked is what was checked: a field changed after the check gets the dates checked again, not booked.
    const key = seriesPatternKey(input);
    const sent = readForm(form, { previewed: "text", mode: "text" });
    if (sent.previewed !== key) return ok({ booked: null, rechecked: await previewSeries(db, gate, input, now) });
    const mode: SeriesMode = sent.mode === "all_or_nothing" ? "all_or_nothing" : "free_only";
    const booked = await bookSeries(db, gate, input, { mode }, now);
    return booked.ok ? ok({ booked: booked.value, rechecked: null }) : booked;
  },
  refused: async (f, { db, gate, input, form, now }) => {
    const words = { ...REFUSED, fields: "This series cannot be booked.", fallback: "This series cannot be booked." };
    const state = {
      status: "error" as const,
      message: refusalMessage(f, words),
      fieldErrors: f.fieldErrors,
      values: formValues(form),
    };
    const conflict = f as typeof f & { occurrences?: Occurrence[]; timeZone?: string };
    // The dates as they are now, so the choice can be made again.
    if (f.error === "series_conflict" && conflict.occurrences) {
      const checked = await previewSeries(db, gate, input, now);
      return {
        ...state,
        data: checked.ok
          ? checkedData(checked.value, seriesPatternKey(input))
          : { preview: listed(conflict.occurrences, conflict.timeZone ?? "UTC") },
      };
    }
    return state;
  },
  done: ({ booked, rechecked }, { gate, input, form }) => {
    if (!booked) {
      const message =
        "The series changed after you checked the dates, so nothing was booked: check the dates and prices below, then book.";
      return {
        status: "error",
        message,
        values: formValues(form),
        ...(rechecked?.ok ? { data: checkedData(rechecked.value, seriesPatternKey(input)) } : {}),
      };
    }
    const n = booked.bookings.length;
    return {
      message: `Booked ${n} ${n === 1 ? "date" : "dates"}. One email lists them all, with a calendar invite for each.`,
      data: { booked: "1", first: booked.bookings[0].id },
      revalidate: [{ path: `/w/${gate.workspaceSlug}/bookings`, type: "layout" }],
    };
  },
});
