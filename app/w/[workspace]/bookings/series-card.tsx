import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Member } from "@/lib/auth/member";
import { can } from "@/lib/auth/permissions";
import { studioTimeRange } from "@/lib/bookings/emails";
import { previewSeriesCancellation } from "@/lib/bookings/series";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import { CancelSeriesForm } from "./series-forms";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** On a booking of a weekly series: the pattern, the dates still ahead, and "Cancel all future". */
export async function SeriesCard({ member, seriesId, now }: { member: Member; seriesId: string; now: Date }) {
  const found = await previewSeriesCancellation(getDb(), member, seriesId, now);
  if (!found) return null;
  const { pattern, upcoming, studio } = found;
  const days = [...pattern.weekdays].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => DAYS[d]);
  const feeText =
    found.feeCents > 0
      ? `Cancelling all ${upcoming.length} future dates now costs ${formatMoney(found.feeCents, studio.currency)} in late-cancellation fees (dates within ${found.freeCancellationHours} h of their start).`
      : `Cancelling all ${upcoming.length} future dates now is free.`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Part of a weekly series</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <p>
          Every {days.join(", ")} at {pattern.startTime} ({studio.timeZone}) for {pattern.weeks}{" "}
          {pattern.weeks === 1 ? "week" : "weeks"}.
        </p>
        {upcoming.length === 0 ? (
          <p className="text-sm text-muted-foreground">No date of this series is still ahead.</p>
        ) : (
          <>
            <details className="text-sm">
              <summary className="cursor-pointer">
                {upcoming.length} {upcoming.length === 1 ? "date" : "dates"} still ahead
              </summary>
              <ul className="mt-2 grid gap-1">
                {upcoming.map((b) => (
                  <li key={b.id}>
                    {studioTimeRange(b.startsAt, b.endsAt, studio.timeZone)} ·{" "}
                    <span className="font-mono">{b.code}</span>
                  </li>
                ))}
              </ul>
            </details>
            {can(member, "bookings.create") ? (
              <CancelSeriesForm workspace={member.workspaceSlug} seriesId={seriesId} feeText={feeText} />
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
