import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TrendingUp, Wrench } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import { formatLocal, toLocalInput } from "@/lib/studios/local-time";
import { moneyExample } from "@/lib/studios/money";
import { weekRank, WEEKDAYS } from "@/lib/studios/opening-hours";
import { loadRoomSetup } from "@/lib/studios/setup-queries";
import { RoomForm } from "../../room-form";
import { InlineActionForm } from "../../setup-fields";
import { PHOTO_TOO_LARGE, ROOM_PHOTO_ACCEPT, ROOM_PHOTO_MAX_BYTES } from "@/lib/studios/photo-rules";
import { listRoomPhotos } from "@/lib/studios/room-photos";
import { removePricingRuleAction, removeRoomBlockAction, removeRoomPhotoAction, updateRoomAction } from "./actions";
import { BlockForm } from "./block-form";
import { RuleForm } from "./rule-form";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Room setup" };

const hhmm = (time: string) => time.slice(0, 5);

export default async function RoomSetupPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; roomId: string }>;
  searchParams: Promise<{ added?: string }>;
}) {
  const { workspace, roomId } = await params;
  const { added } = await searchParams;
  const member = await requireMember({ workspace, permission: "studios.manage" });
  const now = appNow();
  const setup = await loadRoomSetup(getDb(), member, roomId, now);
  if (!setup) notFound();
  const { room, studio, blocks } = setup;
  const uploaded = await listRoomPhotos(getDb(), { workspaceId: member.workspaceId, roomIds: [room.id] });
  const rules = [...setup.rules].sort(
    (a, b) => weekRank(a.weekday) - weekRank(b.weekday) || a.startsAt.localeCompare(b.startsAt),
  );
  const slug = member.workspaceSlug;
  const money = (cents: number) => formatMoney(cents, studio.currency);
  return (
    <div className="grid max-w-4xl gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${slug}/setup`}>
            Setup
          </Link>{" "}
          /{" "}
          <Link className="underline underline-offset-4" href={`/w/${slug}/setup/studios/${studio.id}`}>
            {studio.name}
          </Link>{" "}
          / {room.name}
        </p>
        <h1 className="text-2xl font-semibold">
          {room.name} {room.active ? null : <Badge variant="warning">closed for booking</Badge>}
        </h1>
        <p className="text-muted-foreground">Times on this page are in {studio.timeZone}.</p>
      </header>
      {added ? (
        <Alert variant="success">Room added. Set its peak prices below, or block it for maintenance.</Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Room details</CardTitle>
        </CardHeader>
        <CardContent>
          <RoomForm
            workspace={slug}
            action={updateRoomAction}
            currency={studio.currency}
            room={room}
            photoUpload={{ accept: ROOM_PHOTO_ACCEPT, maxBytes: ROOM_PHOTO_MAX_BYTES, tooLarge: PHOTO_TOO_LARGE }}
          />
          {uploaded.length > 0 ? (
            <section aria-labelledby="uploaded-photos" className="mt-6 grid gap-3 border-t border-border pt-4">
              <h3 id="uploaded-photos" className="font-semibold">
                Uploaded photos
              </h3>
              <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label={`Uploaded photos of ${room.name}`}>
                {uploaded.map((p, i) => (
                  <li key={p.id} className="grid gap-1">
                    {/* Served by /media/rooms/<id> from the database or the bucket. */}
                    {/* eslint-disable-next-line @next/next/no-img-element */}
                    <img
                      src={p.src}
                      alt={`${room.name}, uploaded photo ${i + 1}`}
                      className="aspect-video w-full rounded bg-muted object-cover"
                    />
                    <InlineActionForm
                      action={removeRoomPhotoAction}
                      workspace={slug}
                      fields={{ photoId: p.id }}
                      label={`Remove uploaded photo ${i + 1}`}
                    >
                      Remove
                    </InlineActionForm>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Peak pricing</CardTitle>
          <CardDescription>
            Hours that cost more (or less) than the {money(room.hourlyRateCents)} hourly rate. Where rules overlap, the
            higher rate applies.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {rules.length === 0 ? (
            <EmptyState title="No peak rules" icon={<TrendingUp />}>
              Every hour costs the room rate.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border" aria-label={`Peak rules of ${room.name}`}>
              {rules.map((r) => {
                const range = `${WEEKDAYS[r.weekday]} ${hhmm(r.startsAt)}–${hhmm(r.endsAt)}`;
                const price =
                  r.rateCents !== null ? `${money(r.rateCents)} / hour` : `${Number(r.multiplier)} × the room rate`;
                return (
                  <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      <span className="font-medium">{range}</span>
                      {r.endsAt <= r.startsAt ? (
                        <span className="text-sm text-muted-foreground"> (next day)</span>
                      ) : null}
                      <span className="block text-sm text-muted-foreground">
                        {r.name}: {price}
                      </span>
                    </span>
                    <InlineActionForm
                      action={removePricingRuleAction}
                      workspace={slug}
                      fields={{ ruleId: r.id }}
                      label={`Remove peak rule ${r.name}, ${range}`}
                    >
                      Remove
                    </InlineActionForm>
                  </li>
                );
              })}
            </ul>
          )}
          <section aria-labelledby="add-rule" className="grid gap-3 border-t border-border pt-4">
            <h3 id="add-rule" className="font-semibold">
              Add a peak rule
            </h3>
            <RuleForm
              workspace={slug}
              roomId={room.id}
              currency={studio.currency}
              example={moneyExample(studio.currency)}
            />
          </section>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Maintenance blocks</CardTitle>
          <CardDescription>Times the room cannot be booked.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {blocks.length === 0 ? (
            <EmptyState title="No maintenance blocks ahead" icon={<Wrench />} />
          ) : (
            <ul className="divide-y divide-border" aria-label={`Maintenance blocks of ${room.name}`}>
              {blocks.map((b) => {
                const when = `${formatLocal(b.startsAt, studio.timeZone)} – ${formatLocal(b.endsAt, studio.timeZone)}`;
                return (
                  <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      <span className="font-medium">{when}</span>{" "}
                      <span className="text-sm text-muted-foreground">{b.reason}</span>
                    </span>
                    <InlineActionForm
                      action={removeRoomBlockAction}
                      workspace={slug}
                      fields={{ blockId: b.id }}
                      label={`Remove block ${when}`}
                    >
                      Remove
                    </InlineActionForm>
                  </li>
                );
              })}
            </ul>
          )}
          <section aria-labelledby="add-block" className="grid gap-3 border-t border-border pt-4">
            <h3 id="add-block" className="font-semibold">
              Block the room
            </h3>
            <BlockForm
              workspace={slug}
              roomId={room.id}
              timeZone={studio.timeZone}
              now={toLocalInput(now, studio.timeZone)}
            />
          </section>
        </CardContent>
      </Card>
    </div>
  );
}
