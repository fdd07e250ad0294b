"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { currencyLabel, STUDIO_CURRENCIES } from "@/lib/money";
import { normalRate } from "@/lib/pricing/tax";
import { currentTimeZoneName, formatInZone, timeZoneLabel } from "@/lib/studios/local-time";
import { HoursEditor } from "./hours-editor";
import { formKey, SelectField, type SetupAction } from "./setup-fields";

type Studio = {
  id: string;
  name: string;
  address: string;
  timeZone: string;
  currency: string;
  taxMode: "none" | "exclusive" | "inclusive";
  taxRate: string;
  taxName: string;
  taxSource: "studio" | "stripe";
  taxAddress: { line1: string; city: string; state: string; postalCode: string; country: string } | null;
  taxCheckedAt: Date | null;
  taxCheckError: string | null;
  openingHours: { weekday: number; opens: string; closes: string }[];
};

/** A studio's name, address, time zone, currency, tax and weekly hours: the same form adds a studio and edits one. */
export function StudioForm({
  workspace,
  action,
  studio,
  timeZones,
  defaultTimeZone,
  defaultCurrency,
}: {
  workspace: string;
  action: SetupAction;
  studio?: Studio;
  timeZones: string[];
  defaultTimeZone: string;
  /** The workspace's: a new studio is priced in it unless another is chosen. */
  defaultCurrency: string;
}) {
  const [state, run] = useActionState(action, idle);
  const p = studio ? `studio-${studio.id.slice(0, 8)}` : "new-studio";
  return (
    <form
      action={run}
      className="grid gap-4"
      noValidate
      key={formKey(state)}
      aria-label={studio ? `Details of ${studio.name}` : "New studio"}
    >
      <input type="hidden" name="workspace" value={workspace} />
      {studio ? <input type="hidden" name="studioId" value={studio.id} /> : null}
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field
          id={`${p}-name`}
          name="name"
          label="Name"
          defaultValue={studio?.name}
          required
          maxLength={80}
          state={state}
        />
        <SelectField
          id={`${p}-timeZone`}
          name="timeZone"
          label="Time zone"
          state={state}
          defaultValue={currentTimeZoneName(studio?.timeZone ?? defaultTimeZone)}
          options={timeZones.map((z) => ({ value: z, label: timeZoneLabel(z) }))}
          hint="Opening hours, closures and every time shown to creators use it."
        />
      </div>
      <SelectField
        id={`${p}-currency`}
        name="currency"
        label="Currency"
        state={state}
        defaultValue={studio?.currency ?? defaultCurrency}
        options={currencyOptions(studio?.currency ?? defaultCurrency).map((c) => ({
          value: c,
          label: currencyLabel(c),
        }))}
        hint="Rooms, add-ons, peak rates, storage and fees of this studio are priced in it. It cannot change while charges or bookings in the old currency are still to be settled."
      />
      <Field
        id={`${p}-address`}
        name="address"
        label="Address"
        defaultValue={studio?.address}
        maxLength={200}
        autoComplete="off"
        state={state}
      />
      <fieldset className="grid gap-4 rounded-md border border-border p-4">
        <legend className="px-1 text-sm font-medium">Tax</legend>
        <div className="grid items-start gap-4 sm:grid-cols-3">
          <SelectField
            id={`${p}-taxMode`}
            name="taxMode"
            label="Prices and tax"
            state={state}
            defaultValue={studio?.taxMode ?? "none"}
            options={[
              { value: "none", label: "No tax" },
              { value: "exclusive", label: "Prices exclude tax (added on top)" },
              { value: "inclusive", label: "Prices include tax" },
            ]}
          />
          <Field
            id={`${p}-taxRate`}
            name="taxRate"
            label="Tax rate (%)"
            inputMode="decimal"
            defaultValue={studio && studio.taxMode !== "none" ? normalRate(studio.taxRate) : ""}
            hint="Like 9.5 or 20"
            state={state}
          />
          <Field
            id={`${p}-taxName`}
            name="taxName"
            label="Tax name"
            defaultValue={studio?.taxName}
            maxLength={40}
            hint="As invoices show it: VAT, CA sales tax"
            state={state}
          />
        </div>
        <SelectField
          id={`${p}-taxSource`}
          name="taxSource"
          label="Tax rate from"
          state={state}
          defaultValue={studio?.taxSource ?? "studio"}
          options={[
            { value: "studio", label: "The rate and name typed above" },
            { value: "stripe", label: "Stripe Tax, for the studio's address below" },
          ]}
          hint="With Stripe Tax, Stripe decides the rate from your tax registrations and the address where the studio stands, and Livebase asks again every day."
        />
        <div className="grid items-start gap-4 sm:grid-cols-5">
          <Field
            id={`${p}-taxLine1`}
            name="taxLine1"
            label="Street"
            defaultValue={studio?.taxAddress?.line1}
            maxLength={200}
            autoComplete="off"
            state={state}
          />
          <Field
            id={`${p}-taxCity`}
            name="taxCity"
            label="City"
            defaultValue={studio?.taxAddress?.city}
            maxLength={100}
            state={state}
          />
          <Field
            id={`${p}-taxState`}
            name="taxState"
            label="State or region"
            defaultValue={studio?.taxAddress?.state}
            maxLength={40}
            hint="Like CA"
            state={state}
          />
          <Field
            id={`${p}-taxPostalCode`}
            name="taxPostalCode"
            label="Postal code"
            defaultValue={studio?.taxAddress?.postalCode}
            maxLength={20}
            state={state}
          />
          <Field
            id={`${p}-taxCountry`}
            name="taxCountry"
            label="Country"
            defaultValue={studio?.taxAddress?.country}
            maxLength={2}
            hint="Two letters: US, FR"
            state={state}
          />
        </div>
        {studio?.taxSource === "stripe" ? <StripeTaxStatus studio={studio} /> : null}
        <p className="text-sm text-muted-foreground">
          Quotes show the tax as its own line. Bookings already made keep the tax they were quoted with.
        </p>
      </fieldset>
      <HoursEditor hours={studio?.openingHours ?? []} state={state} idPrefix={p} />
      <SubmitButton className="justify-self-start" pendingText="Saving…">
        {studio ? "Save studio" : "Add studio"}
      </SubmitButton>
    </form>
  );
}

/** What Stripe Tax last answered for the studio, in words. */
function StripeTaxStatus({ studio }: { studio: Studio }) {
  const checked = studio.taxCheckedAt ? ` (asked ${formatInZone(studio.taxCheckedAt, studio.timeZone)})` : "";
  const rate = Number(studio.taxRate) > 0 && studio.taxName !== "";
  return (
    <div className="grid gap-1 text-sm" data-testid="stripe-tax-status">
      <p>
        {rate
          ? `Stripe Tax charges ${studio.taxName} ${normalRate(studio.taxRate)} % at this address${checked}.`
          : `Stripe Tax collects no tax at this address: the account has no tax registration covering it${checked}.`}
      </p>
      {studio.taxCheckError ? (
        <p role="status" className="text-destructive">
          The last check failed, so the rate above still applies: {studio.taxCheckError}
        </p>
      ) : null}
    </div>
  );
}

/** The currencies offered, with the studio's own first added if it is not among them (a legacy one stays choosable). */
const currencyOptions = (current: string): string[] =>
  (STUDIO_CURRENCIES as readonly string[]).includes(current) ? [...STUDIO_CURRENCIES] : [current, ...STUDIO_CURRENCIES];
