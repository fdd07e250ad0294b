import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/lib/format";
import { countNights, nightLabel, nightsLabel } from "@/lib/storage/nights";
import { CancelButton, CollectButton, GoodsForm } from "./reservation-forms";

export type ReservationCard = {
  id: string;
  unitCode: string;
  unitSize: string;
  studioName: string;
  /** The studio's, which the rate is in. */
  currency: string;
  creator: string;
  firstNight: string;
  lastNight: string;
  status: string;
  nightlyRateCents: number;
  /** The studio's date now: what can be done depends on it (check in from the first night, cancel before it). */
  today: string;
  goods: { sku: string; name: string; onHand: number }[];
};

const STATUS: Record<string, { label: string; variant: "secondary" | "success" | "outline" }> = {
  reserved: { label: "Reserved", variant: "secondary" },
  active: { label: "Goods in", variant: "success" },
  ended: { label: "Collected", variant: "outline" },
  cancelled: { label: "Cancelled", variant: "outline" },
};

/** Reservations as cards (a table of forms does not fit a phone), each with what can be done with it now. */
export function ReservationList({
  workspace,
  rows,
  showCreator,
  label,
}: {
  workspace: string;
  rows: ReservationCard[];
  showCreator: boolean;
  label: string;
}) {
  return (
    <ul className="grid gap-3 lg:grid-cols-2" aria-label={label}>
      {rows.map((r) => (
        <li key={r.id} className="min-w-0">
          <Reservation workspace={workspace} r={r} showCreator={showCreator} />
        </li>
      ))}
    </ul>
  );
}

function Reservation({ workspace, r, showCreator }: { workspace: string; r: ReservationCard; showCreator: boolean }) {
  const nights = countNights(r.firstNight, r.lastNight);
  const overdue = r.status === "active" && r.lastNight < r.today;
  const open = r.status === "reserved" || r.status === "active";
  const status = STATUS[r.status] ?? { label: r.status, variant: "outline" as const };
  const unitLabel = `Unit ${r.unitCode}`;
  const context = `${unitLabel}, ${nightsLabel(r.firstNight, r.lastNight)}${showCreator ? `, ${r.creator}` : ""}`;
  return (
    <article
      aria-labelledby={`res-${r.id}-title res-${r.id}-nights`}
      className="grid gap-3 rounded-lg border border-border bg-card p-4"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid gap-0.5">
          <h3 id={`res-${r.id}-title`} className="font-semibold">
            {unitLabel} · {r.studioName}
          </h3>
          <p id={`res-${r.id}-nights`} className="text-sm">
            {nightsLabel(r.firstNight, r.lastNight)}
          </p>
          {showCreator ? <p className="text-sm text-muted-foreground">For {r.creator}</p> : null}
        </div>
        <div className="flex flex-wrap gap-1">
          <Badge variant={status.variant}>{status.label}</Badge>
          {overdue ? <Badge variant="destructive">Overdue</Badge> : null}
        </div>
      </div>
      <p className="text-sm text-muted-foreground">
        Size {r.unitSize} · {nights} {nights === 1 ? "night" : "nights"} × {formatMoney(r.nightlyRateCents, r.currency)}{" "}
        = {formatMoney(nights * r.nightlyRateCents, r.currency)}
      </p>
      {overdue ? (
        <p className="text-sm font-medium text-destructive">
          The last night was {nightLabel(r.lastNight)}. Every extra night is charged until the goods are collected.
        </p>
      ) : null}
      {open ? (
        <div className="grid gap-1">
          <h4 className="text-sm font-medium">What is stored</h4>
          {r.goods.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing yet.</p>
          ) : (
            <ul className="text-sm" aria-label={`Stored in ${unitLabel}`}>
              {r.goods.map((g) => (
                <li key={g.sku}>
                  <span className="font-mono">{g.sku}</span> {g.name} × {g.onHand}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {open ? (
        <div className="grid gap-3">
          {r.today >= r.firstNight ? (
            <GoodsForm workspace={workspace} reservationId={r.id} unitLabel={unitLabel} />
          ) : (
            <p className="text-sm text-muted-foreground">Goods can be checked in from {nightLabel(r.firstNight)}.</p>
          )}
          <div className="flex flex-wrap gap-2">
            {r.status === "active" ? (
              <CollectButton workspace={workspace} reservationId={r.id} context={context} />
            ) : null}
            {r.status === "reserved" && r.firstNight > r.today ? (
              <CancelButton workspace={workspace} reservationId={r.id} context={context} />
            ) : null}
          </div>
        </div>
      ) : null}
    </article>
  );
}
