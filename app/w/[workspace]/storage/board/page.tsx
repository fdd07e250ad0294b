import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChevronLeft, ChevronRight, Warehouse } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { addNights, isNight } from "@/lib/storage/nights";
import { storageBoard } from "@/lib/storage/board";
import { boardStudios } from "@/lib/storage/storage-queries";
import { localDate } from "@/lib/studios/local-time";
import { BoardGrid } from "./board-grid";
import { AddUnitForm } from "./unit-form";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Storage board" };

const DAYS = 14;

export default async function StorageBoardPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ studio?: string | string[]; from?: string | string[] }>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "storage.board" });
  const query = await searchParams;
  const db = getDb();
  const now = appNow();
  const slug = member.workspaceSlug;
  const studios = await boardStudios(db, member);
  const header = (
    <header className="grid gap-1">
      <h1 className="text-2xl font-semibold">Storage board</h1>
      <p className="text-muted-foreground">
        Who is in each unit, night by night. Nights are on the studio&apos;s clock.
      </p>
      <Link className="text-sm font-medium underline underline-offset-4" href={`/w/${slug}/storage`}>
        Reservations and goods
      </Link>
    </header>
  );
  if (studios.length === 0) {
    return (
      <div className="grid gap-6">
        {header}
        <EmptyState title="No studio to show" icon={<Warehouse />}>
          You are not assigned to a studio yet. Ask a manager to add you to one.
        </EmptyState>
      </div>
    );
  }
  // A studio the actor does not run answers like one that does not exist (staff: another studio's id).
  if (query.studio !== undefined && (typeof query.studio !== "string" || !studios.some((s) => s.id === query.studio)))
    notFound();
  const studio = studios.find((s) => s.id === query.studio) ?? studios[0];
  const today = localDate(now, studio.timeZone);
  // Dates typed into the URL by hand: anything that is not a plausible night falls back to tonight.
  const from = isNight(query.from) && query.from >= "2000-01-01" && query.from <= "2099-12-01" ? query.from : today;
  const board = await storageBoard(db, member, studio.id, from, DAYS, now);
  if (!board) notFound();
  const at = (day: string) => `/w/${slug}/storage/board?studio=${studio.id}&from=${day}`;

  return (
    <div className="grid gap-6">
      {header}
      <form method="get" aria-label="Choose the studio and the nights" className="flex flex-wrap items-end gap-3">
        {studios.length > 1 ? (
          <div className="grid gap-2">
            <Label htmlFor="board-studio">Studio</Label>
            <NativeSelect id="board-studio" name="studio" defaultValue={studio.id} className="w-auto min-w-56">
              {studios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </NativeSelect>
          </div>
        ) : (
          <input type="hidden" name="studio" value={studio.id} />
        )}
        <div className="grid gap-2">
          <Label htmlFor="board-from">From the night of</Label>
          <Input id="board-from" name="from" type="date" defaultValue={from} className="w-auto" />
        </div>
        <Button type="submit" variant="outline">
          Show
        </Button>
      </form>

      <section className="grid gap-3" aria-labelledby="board-heading">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="board-heading" className="text-lg font-semibold">
            {studio.name}
          </h2>
          <nav aria-label="Nights shown" className="flex flex-wrap gap-2">
            <Button asChild variant="outline" size="sm">
              <Link href={at(addNights(from, -DAYS))}>
                <ChevronLeft aria-hidden />
                Previous {DAYS} nights
              </Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <Link href={at(today)} aria-current={from === today ? "page" : undefined}>
                Tonight
              </Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <Link href={at(addNights(from, DAYS))}>
                Next {DAYS} nights
                <ChevronRight aria-hidden />
              </Link>
            </Button>
          </nav>
        </div>
        {board.units.length === 0 ? (
          <EmptyState title="No storage units in this studio" icon={<Warehouse />}>
            {can(member, "storage.manage") ? "Add the first one below." : "Ask a manager to add units."}
          </EmptyState>
        ) : (
          <BoardGrid board={board} currency={studio.currency} />
        )}
      </section>

      {can(member, "storage.manage") ? (
        <Card aria-labelledby="add-unit-heading">
          <CardHeader>
            <CardTitle id="add-unit-heading">Add a unit</CardTitle>
          </CardHeader>
          <CardContent>
            <AddUnitForm
              key={studio.id}
              workspace={slug}
              studioId={studio.id}
              studioName={studio.name}
              currency={studio.currency}
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
