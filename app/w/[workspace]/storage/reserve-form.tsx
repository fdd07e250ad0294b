"use client";
import { useActionState, useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle, type ActionState } from "@/lib/action-state";
import { formatMoney } from "@/lib/format";
import { countNights } from "@/lib/storage/nights";
import { SelectField } from "../inventory/fields";
import { reserveUnitAction } from "./actions";
import { numbered } from "./numbered-action";

const reserve = numbered(reserveUnitAction);

/** A unit that can be reserved, with its studio and the studio's date today (the earliest first night). */
/** A unit is priced in its studio's `currency`. */
export type UnitChoice = {
  id: string;
  code: string;
  size: string;
  nightlyRateCents: number;
  currency: string;
  studioId: string;
  studioName: string;
  timeZone: string;
  today: string;
};
export type CreatorChoice = { id: string; label: string };

/**
 * Studio → unit, first and last night, with the number of nights and the total shown before confirming. Staff,
 * managers and owners also choose the creator (`creators`). The server checks everything again.
 */
export function ReserveForm(props: {
  workspace: string;
  units: UnitChoice[];
  creators: CreatorChoice[] | null;
  maxNights: number;
}) {
  const [state, action] = useActionState(reserve, idle);
  // A new key after each reservation gives the next one a fresh form (its dates and the price shown included).
  return <ReserveFields key={state.data?.reservationId ?? "form"} {...props} state={state} action={action} />;
}

function ReserveFields({
  workspace,
  units,
  creators,
  maxNights,
  state,
  action,
}: {
  workspace: string;
  units: UnitChoice[];
  creators: CreatorChoice[] | null;
  maxNights: number;
  state: ActionState;
  action: (form: FormData) => void;
}) {
  const studios = [
    ...new Map(
      units.map((u) => [u.studioId, { id: u.studioId, name: u.studioName, timeZone: u.timeZone, today: u.today }]),
    ).values(),
  ];
  const sent = state.status === "error" ? state.values : undefined;
  const defaultUnit = (studioId: string) => {
    const inStudio = units.filter((u) => u.studioId === studioId);
    if (sent?.unitId && inStudio.some((u) => u.id === sent.unitId)) return sent.unitId;
    return inStudio.length === 1 ? inStudio[0].id : "";
  };
  const [studioId, setStudioId] = useState(() =>
    sent?.studioId && studios.some((s) => s.id === sent.studioId) ? sent.studioId : studios[0].id,
  );
  const [unitId, setUnitId] = useState(() => defaultUnit(studioId));
  const studio = studios.find((s) => s.id === studioId) ?? studios[0];
  const [firstNight, setFirstNight] = useState(sent?.firstNight ?? studio.today);
  const [lastNight, setLastNight] = useState(sent?.lastNight ?? studio.today);
  const unit = units.find((u) => u.id === unitId);
  const nights = countNights(firstNight, lastNight);
  const inStudio = units.filter((u) => u.studioId === studioId);
  // Selects are rendered again after every answer (see numbered-action.ts), so a failed form keeps every choice.
  const answer = state.data?.answer ?? "0";

  let summary: string;
  if (!unit) summary = "Choose a unit to see the price.";
  else if (!firstNight || !lastNight) summary = "Choose the first and the last night.";
  else if (firstNight < studio.today) summary = "The first night has already passed.";
  else if (nights === 0) summary = "The last night cannot be before the first.";
  else if (nights > maxNights) summary = `At most ${maxNights} nights at a time.`;
  else
    summary = `${nights} ${nights === 1 ? "night" : "nights"} × ${formatMoney(unit.nightlyRateCents, unit.currency)} = ${formatMoney(nights * unit.nightlyRateCents, unit.currency)}`;

  return (
    <form action={action} className="grid gap-4" noValidate aria-label="Reserve a unit">
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        {creators ? (
          <SelectField
            key={`creator:${answer}`}
            id="reserve-creator"
            name="creatorId"
            label="For creator"
            state={state}
            defaultValue=""
            required
          >
            <option value="">Choose the creator</option>
            {creators.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </SelectField>
        ) : null}
        {studios.length > 1 ? (
          <SelectField
            key={`studio:${answer}`}
            id="reserve-studio"
            name="studioId"
            label="Studio"
            defaultValue={studioId}
            onChange={(e) => {
              setStudioId(e.target.value);
              setUnitId(defaultUnit(e.target.value));
            }}
          >
            {studios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        ) : (
          <div className="grid gap-2">
            <input type="hidden" name="studioId" value={studio.id} />
            <p className="text-sm font-medium">Studio</p>
            <p className="text-sm">{studio.name}</p>
          </div>
        )}
        {/* Keyed by studio too: its units replace the last studio's, with a fresh choice. */}
        <SelectField
          key={`unit:${studioId}:${answer}`}
          id="reserve-unit"
          name="unitId"
          label="Unit"
          state={state}
          defaultValue={unitId}
          onChange={(e) => setUnitId(e.target.value)}
          required
        >
          {inStudio.length === 1 ? null : <option value="">Choose a unit</option>}
          {inStudio.map((u) => (
            <option key={u.id} value={u.id}>
              Unit {u.code} · size {u.size} · {formatMoney(u.nightlyRateCents, u.currency)} a night
            </option>
          ))}
        </SelectField>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="reserve-first"
          name="firstNight"
          label="First night"
          type="date"
          min={studio.today}
          defaultValue={firstNight}
          onChange={(e) => setFirstNight(e.target.value)}
          hint={`The night that starts that evening, on the studio's clock (${studio.timeZone}).`}
          state={state}
          required
        />
        <Field
          id="reserve-last"
          name="lastNight"
          label="Last night"
          type="date"
          min={firstNight || studio.today}
          defaultValue={lastNight}
          onChange={(e) => setLastNight(e.target.value)}
          state={state}
          required
        />
      </div>
      <p className="text-sm font-medium tabular-nums" aria-live="polite" data-testid="reserve-summary">
        {summary}
      </p>
      <SubmitButton className="justify-self-start" pendingText="Reserving…">
        Reserve
      </SubmitButton>
    </form>
  );
}
