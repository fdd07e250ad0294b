"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/form";
import { idle } from "@/lib/action-state";
import { magicLinkAction, signInAction } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(signInAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormMessage state={state} />
      <Field name="email" label="Email" type="email" autoComplete="email" required state={state} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required state={state} />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      <p className="text-sm">
        <Link className="underline underline-offset-4" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
    </form>
  );
}

export function MagicLinkForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(magicLinkAction, idle);
  return (
    <form action={action} className="grid gap-4" noValidate aria-label="Email me a sign-in link">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormMessage state={state} />
      <Field
        id="magic-link-email"
        name="email"
        label="Email for a sign-in link"
        type="email"
        autoComplete="email"
        required
        state={state}
      />
      <SubmitButton variant="outline" pendingText="Sending…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
