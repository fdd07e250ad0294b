"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { changePasswordAction, updateProfileAction } from "./actions";

export function ProfileForm({ workspace, name, email }: { workspace: string; name: string; email: string }) {
  const [state, action] = useActionState(updateProfileAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />
      <Field name="name" label="Name" autoComplete="name" defaultValue={name} required state={state} />
      <Field name="email-readonly" label="Email" value={email} readOnly disabled hint="Your sign-in address." />
      <SubmitButton className="justify-self-start" pendingText="Saving…">
        Save profile
      </SubmitButton>
    </form>
  );
}

export function PasswordForm({ workspace, hasPassword }: { workspace: string; hasPassword: boolean }) {
  const [state, action] = useActionState(changePasswordAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />
      {hasPassword ? (
        <Field
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          state={state}
        />
      ) : (
        <p className="text-sm text-muted-foreground">
          You sign in with email links. Set a password to sign in with it too.
        </p>
      )}
      <Field
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters. Other devices will be signed out."
        state={state}
      />
      <SubmitButton className="justify-self-start" pendingText="Saving…">
        {hasPassword ? "Change password" : "Set password"}
      </SubmitButton>
    </form>
  );
}
