"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/form";
import { idle, type ActionState } from "@/lib/action-state";
import {
  connectStripeAction,
  continueOnboardingAction,
  openStripeDashboardAction,
  refreshStripeAccountAction,
} from "./actions";

const ACTIONS = {
  connect: {
    action: connectStripeAction,
    label: "Connect with Stripe",
    pending: "Opening Stripe…",
    variant: "default",
  },
  continue: {
    action: continueOnboardingAction,
    label: "Continue onboarding",
    pending: "Opening Stripe…",
    variant: "default",
  },
  dashboard: {
    action: openStripeDashboardAction,
    label: "Open the Stripe dashboard",
    pending: "Opening Stripe…",
    variant: "outline",
  },
  refresh: {
    action: refreshStripeAccountAction,
    label: "Refresh",
    pending: "Reading from Stripe…",
    variant: "outline",
  },
} as const satisfies Record<
  string,
  {
    action: (prev: ActionState, form: FormData) => Promise<ActionState>;
    label: string;
    pending: string;
    variant: "default" | "outline";
  }
>;

/** One Payments button: its action redirects to Stripe (or re-reads the account); a failure stays on the page, in words. */
export function PaymentsButton({ workspace, kind }: { workspace: string; kind: keyof typeof ACTIONS }) {
  const which = ACTIONS[kind];
  const [state, action] = useActionState(which.action, idle);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="workspace" value={workspace} />
      <FormMessage state={state} />
      <SubmitButton variant={which.variant} className="justify-self-start" pendingText={which.pending}>
        {which.label}
      </SubmitButton>
    </form>
  );
}
