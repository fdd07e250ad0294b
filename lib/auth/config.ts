import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { getDb } from "../db";
import { getEnv } from "../env";
import { logger } from "../logger";
import { deliverQueuedEmails, enqueueEmail } from "../notifications/outbox";
import { magicLinkEmail } from "../notifications/templates";
import { verifyPassword } from "./password";
import { isSignInLimited, recordSignInAttempt } from "./rate-limit";
import { signInSchema } from "./schemas";

class InvalidLogin extends CredentialsSignin {
  code = "invalid_credentials";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

/** The client's address as seen by the first proxy (Next's server sets x-forwarded-for). */
export function clientIp(headers: Headers) {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}

/**
 * Auth.js v5. Sessions are JWTs (the Credentials provider needs them) carrying the user id and the user's
 * session version; requireMember checks that version against the database on every request, so a password
 * change or reset signs out every other session.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const db = getDb();
  const env = getEnv();
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    logger: {
      error: (error) => {
        // A failed password is an expected outcome, not an error worth a stack trace.
        if (error instanceof CredentialsSignin) return;
        logger.error({ err: error }, "auth error");
      },
      warn: (code) => logger.warn({ code }, "auth warning"),
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) throw new InvalidLogin();
          const { email, password } = parsed.data;
          const ip = clientIp(request.headers);
          const now = new Date();
          if (await isSignInLimited(db, { email, ip, now })) throw new RateLimited();
          const [user] = await db.select().from(users).where(eq(users.email, email));
          const valid = await verifyPassword(user?.passwordHash, password);
          await recordSignInAttempt(db, { email, ip, succeeded: valid, now });
          if (!user || !valid) throw new InvalidLogin();
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      {
        id: "email",
        type: "email",
        name: "Email",
        from: env.EMAIL_FROM,
        maxAge: 24 * 60 * 60,
        options: {},
        async sendVerificationRequest({ identifier, url }) {
          await enqueueEmail(db, { to: identifier, ...magicLinkEmail(url) });
          await deliverQueuedEmails(db, { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM });
        },
      },
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          const [row] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, user.id));
          token.uid = user.id;
          token.sv = row?.sv ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        (session as { sv?: number }).sv = typeof token.sv === "number" ? token.sv : -1;
        return session;
      },
    },
  };
});
