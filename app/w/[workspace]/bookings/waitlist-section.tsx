import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Member } from "@/lib/auth/member";
import { actsForSelfOnly, can } from "@/lib/auth/permissions";
import { studioTimeRange } from "@/lib/bookings/emails";
import { listWaitlist } from "@/lib/bookings/waitlist";
import { getDb } from "@/lib/db";
import { WithdrawForm } from "./series-forms";

/** "My waitlist" (creators) or the studio's waitlist (staff, managers): times people wait for, and their place in line. */
export async function WaitlistSection({ member, now }: { member: Member; now: Date }) {
  const rows = await listWaitlist(getDb(), member, now);
  if (rows.length === 0) return null;
  const slug = member.workspaceSlug;
  const mine = actsForSelfOnly(member);
  return (
    <section aria-labelledby="waitlist-heading" className="grid gap-3">
      <h2 id="waitlist-heading" className="text-lg font-semibold">
        {mine ? "My waitlist" : "Waitlist"}
      </h2>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>When (studio time)</TableHead>
            <TableHead>Room</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((e) => {
            const when = studioTimeRange(e.startsAt, e.endsAt, e.timeZone);
            return (
              <TableRow key={e.id}>
                <TableCell>{when}</TableCell>
                <TableCell>
                  {e.roomName}
                  <span className="block text-xs text-muted-foreground">{e.studioName}</span>
                </TableCell>
                <TableCell>
                  {e.status === "offered" && e.offeredBookingId ? (
                    <Link
                      className="font-medium underline underline-offset-4"
                      href={`/w/${slug}/bookings/${e.offeredBookingId}`}
                    >
                      Held for you: confirm it
                    </Link>
                  ) : (
                    <Badge>#{e.place} in line</Badge>
                  )}
                </TableCell>
                <TableCell className="text-right">
                  {can(member, "bookings.create") ? (
                    <WithdrawForm workspace={slug} entryId={e.id} label={when} />
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}
