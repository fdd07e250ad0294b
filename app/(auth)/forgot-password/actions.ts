"use server";
import { publicAction } from "@/app/_lib/actions";
import { requestPasswordReset } from "@/lib/auth/accounts";
import { resetRequestSchema } from "@/lib/auth/schemas";
import { getEnv } from "@/lib/env";
import { ok } from "@/lib/result";

export const requestResetAction = publicAction({
  fields: ["email"],
  schema: resetRequestSchema,
  run: async ({ db, input, now }) => {
    const env = getEnv();
    const mail = { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM };
    return ok(await requestPasswordReset(db, { email: input.email, appUrl: env.APP_URL, now, mail }));
  },
  done: (_, { input }) => ({
    message: `If ${input.email} has an account, a reset link is on its way. It expires in 1 hour.`,
    values: { email: input.email },
  }),
});
