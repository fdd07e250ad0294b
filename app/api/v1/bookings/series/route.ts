import { apiRoute, json, methodNotAllowed, parseJson, parseQuery } from "@/lib/api/handler";
import { problemOf } from "@/lib/api/problem-of";
import { bookingJson } from "@/lib/bookings/list-bookings";
import { seriesQuerySchema, seriesRequestSchema } from "@/lib/bookings/schemas";
import { bookSeries, previewSeries } from "@/lib/bookings/series";
import { occurrenceJson } from "@/lib/bookings/series-plan";
import { getDb } from "@/lib/db";

/**
 * A weekly series: `?dryRun=true` (or `"dryRun": true` in the body) checks every date and books nothing (200); any
 * value but true/1/false/0 is a 400, never a booking; otherwise books the free dates
 * (`mode: "free_only"`) or all of them or none (`"all_or_nothing"`): 201, or 409 listing every date.
 */
export const POST = apiRoute(
  "bookings.create",
  async ({ req, member, now }) => {
    const query = parseQuery(req, seriesQuerySchema);
    if (query instanceof Response) return query;
    const input = await parseJson(req, seriesRequestSchema);
    if (input instanceof Response) return input;
    const dryRun = input.dryRun ?? (query.dryRun === "true" || query.dryRun === "1");
    if (dryRun) {
      const preview = await previewSeries(getDb(), member, input, now);
      if (!preview.ok) return problemOf(preview, "booking or room");
      const { timeZone, occurrences, currency, totalCents } = preview.value;
      return json({ timeZone, occurrences: occurrences.map(occurrenceJson), currency, totalCents });
    }
    const result = await bookSeries(getDb(), member, input, { mode: input.mode }, now);
    if (!result.ok)
      return problemOf({ ...result, occurrences: result.occurrences?.map(occurrenceJson) }, "booking or room");
    const { series, bookings, occurrences } = result.value;
    return json(
      {
        series: { id: series.id, roomId: series.roomId, creatorId: series.creatorId, pattern: series.pattern },
        bookings: bookings.map(bookingJson),
        occurrences: occurrences.map(occurrenceJson),
      },
      201,
    );
  },
  { idempotent: true },
);

export const GET = methodNotAllowed(["POST"]);
