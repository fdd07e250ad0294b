"use server";
import { requestPasswordReset } from "@/lib/auth/accounts";
import { resetRequestSchema } from "@/lib/auth/schemas";
import { ensureForm, invalid, type ActionState } from "@/lib/action-state";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { appNow } from "@/lib/clock";

export async function requestResetAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const parsed = resetRequestSchema.safeParse({ email: form.get("email") });
  if (!parsed.success) return invalid(form, parsed.error);
  const env = getEnv();
  const mail = { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM };
  await requestPasswordReset(getDb(), { email: parsed.data.email, appUrl: env.APP_URL, now: appNow(), mail });
  return {
    status: "ok",
    message: `If ${parsed.data.email} has an account, a reset link is on its way. It expires in 1 hour.`,
    values: { email: parsed.data.email },
  };
}
