"use client";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { signUpAction } from "./actions";

export function SignUpForm({ callbackUrl, email }: { callbackUrl: string; email?: string }) {
  const [state, action] = useActionState(signUpAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormMessage state={state} />
      <Field name="name" label="Your name" autoComplete="name" required state={state} />
      <Field name="email" label="Email" type="email" autoComplete="email" required defaultValue={email} state={state} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        state={state}
      />
      <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
    </form>
  );
}
