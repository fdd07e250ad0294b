import type { ComponentProps, ReactNode } from "react";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionState } from "@/lib/action-state";

/**
 * A labelled native select (it works with a phone's picker and a screen reader as is) whose error is tied to it
 * with aria-describedby and that keeps the chosen value when the action fails. `id` must be unique on the page:
 * the stock table has one form per row.
 */
export function SelectField({
  id,
  name,
  label,
  state,
  hint,
  defaultValue,
  children,
  ...props
}: { id: string; name: string; label: string; state?: ActionState; hint?: ReactNode } & ComponentProps<
  typeof NativeSelect
>) {
  const errors = state?.fieldErrors?.[name];
  const describedBy =
    [hint ? `${id}-hint` : null, errors ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      {/* Keyed by the value to show: React resets a form after its action, and a select would fall back to the
          option it was first rendered with; a new key renders it again with what was submitted. */}
      <NativeSelect
        key={String(state?.values?.[name] ?? defaultValue ?? "")}
        id={id}
        name={name}
        aria-invalid={errors ? true : undefined}
        aria-describedby={describedBy}
        defaultValue={state?.values?.[name] ?? defaultValue}
        {...props}
      >
        {children}
      </NativeSelect>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldErrorText id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** The error line under a field, with the id its field's aria-describedby names. */
export function FieldErrorText({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm text-destructive">
      {errors.join(" ")}
    </p>
  );
}
