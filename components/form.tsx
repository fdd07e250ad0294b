"use client";
import { useFormStatus } from "react-dom";
import { Loader2 } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import type { ActionState } from "@/lib/action-state";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Input } from "./ui/input";
import { Label } from "./ui/label";
import { toast } from "./ui/toaster";

/**
 * A labelled input whose error is announced and tied to it with aria-describedby; keeps the typed value.
 * Pass `id` when two forms on one page have a field of the same name (ids must be unique for labels to work).
 */
export function Field({
  name,
  label,
  state,
  hint,
  defaultValue,
  id: idProp,
  ...props
}: { name: string; label: string; state?: ActionState; hint?: ReactNode } & ComponentProps<typeof Input>) {
  const errors = state?.fieldErrors?.[name];
  const id = idProp ?? `field-${name}`;
  const describedBy =
    [hint ? `${id}-hint` : null, errors ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={name}
        aria-invalid={errors ? true : undefined}
        aria-describedby={describedBy}
        defaultValue={state?.values?.[name] ?? defaultValue}
        {...props}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FieldError({ name, state }: { name: string; state?: ActionState }) {
  const errors = state?.fieldErrors?.[name];
  if (!errors) return null;
  return (
    <p id={`field-${name}-error`} className="text-sm text-destructive">
      {errors.join(" ")}
    </p>
  );
}

/** Submit button that shows progress while its form's action runs. */
export function SubmitButton({
  children,
  pendingText,
  ...props
}: ComponentProps<typeof Button> & { pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} {...props}>
      {pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
      {pending ? (pendingText ?? "Working…") : children}
    </Button>
  );
}

export function FormMessage({ state }: { state: ActionState }) {
  if (!state.message) return null;
  return <Alert variant={state.status === "error" ? "destructive" : "success"}>{state.message}</Alert>;
}

/**
 * Wraps a server action so that its message is toasted as soon as it answers. A toast fired from an effect is
 * lost when the action's own revalidation removes the component that ran it (a revoked token's button, the row
 * of a removed member or revoked invitation).
 */
export function toastingAction(action: (prev: ActionState, form: FormData) => Promise<ActionState>) {
  return async (prev: ActionState, form: FormData): Promise<ActionState> => {
    const next = await action(prev, form);
    if (next.message) {
      if (next.status === "error") toast.error(next.message);
      else toast.success(next.message);
    }
    return next;
  };
}
