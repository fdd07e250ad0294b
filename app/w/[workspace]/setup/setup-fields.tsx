"use client";
import { useActionState, useMemo, type ComponentProps, type ReactNode } from "react";
import { SubmitButton, toastingAction } from "@/components/form";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { idle, type ActionState } from "@/lib/action-state";

export type SetupAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

export { formKey } from "@/lib/action-state";

const describedBy = (id: string, state: ActionState | undefined, name: string, hint: boolean) =>
  [hint ? `${id}-hint` : null, state?.fieldErrors?.[name] ? `${id}-error` : null].filter(Boolean).join(" ") ||
  undefined;

/** A field's errors, tied to it by id (each form on a page gives its fields their own ids). */
export function ErrorText({ id, name, state }: { id: string; name: string; state: ActionState }) {
  const errors = state.fieldErrors?.[name];
  return errors ? (
    <p id={`${id}-error`} className="text-sm text-destructive">
      {errors.join(" ")}
    </p>
  ) : null;
}

function Hint({ id, children }: { id: string; children?: ReactNode }) {
  return children ? (
    <p id={`${id}-hint`} className="text-xs text-muted-foreground">
      {children}
    </p>
  ) : null;
}

/** A labelled native select that keeps the sent value and shows its error. */
export function SelectField({
  name,
  label,
  state,
  hint,
  defaultValue,
  options,
  id = `field-${name}`,
  ...props
}: {
  name: string;
  label: string;
  state: ActionState;
  hint?: ReactNode;
  defaultValue?: string;
  options: { value: string; label: string }[];
} & Omit<ComponentProps<"select">, "defaultValue">) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect
        id={id}
        name={name}
        defaultValue={state.values?.[name] ?? defaultValue}
        aria-invalid={state.fieldErrors?.[name] ? true : undefined}
        aria-describedby={describedBy(id, state, name, Boolean(hint))}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
      <Hint id={id}>{hint}</Hint>
      <ErrorText id={id} name={name} state={state} />
    </div>
  );
}

export function TextAreaField({
  name,
  label,
  state,
  hint,
  defaultValue,
  id = `field-${name}`,
  ...props
}: {
  name: string;
  label: string;
  state: ActionState;
  hint?: ReactNode;
  defaultValue?: string;
} & Omit<ComponentProps<"textarea">, "defaultValue">) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <textarea
        id={id}
        name={name}
        rows={3}
        defaultValue={state.values?.[name] ?? defaultValue}
        aria-invalid={state.fieldErrors?.[name] ? true : undefined}
        aria-describedby={describedBy(id, state, name, Boolean(hint))}
        className="w-full rounded-md border border-input bg-background px-3 py-2 text-base focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[invalid=true]:border-destructive sm:text-sm"
        {...props}
      />
      <Hint id={id}>{hint}</Hint>
      <ErrorText id={id} name={name} state={state} />
    </div>
  );
}

/** A checkbox whose sent state wins over the stored one after an error (an unticked box is not sent at all). */
export function CheckboxField({
  name,
  label,
  state,
  defaultChecked,
  id = `field-${name}`,
}: {
  name: string;
  label: string;
  state: ActionState;
  defaultChecked: boolean;
  id?: string;
}) {
  const checked = state.values ? state.values[name] === "on" : defaultChecked;
  return (
    <div className="flex items-center gap-2">
      <input id={id} type="checkbox" name={name} defaultChecked={checked} className="size-4" />
      <Label htmlFor={id}>{label}</Label>
    </div>
  );
}

/** One button that posts a few hidden fields (remove a closure, deactivate an add-on); the answer is toasted. */
export function InlineActionForm({
  action,
  workspace,
  fields,
  label,
  children,
  variant = "outline",
}: {
  action: SetupAction;
  workspace: string;
  fields: Record<string, string>;
  label: string;
  children: ReactNode;
  variant?: "outline" | "destructive" | "ghost";
}) {
  const tell = useMemo(() => toastingAction(action), [action]);
  const [, run] = useActionState(tell, idle);
  return (
    <form action={run}>
      <input type="hidden" name="workspace" value={workspace} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton size="sm" variant={variant} aria-label={label} pendingText="Working…">
        {children}
      </SubmitButton>
    </form>
  );
}
