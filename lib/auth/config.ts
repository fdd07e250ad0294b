import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { getDb } from "../db";
import { getEnv } from "../env";
import { logger } from "../logger";
import { verifyPassword } from "./password";
import { clientIp } from "./client-ip";
import { beginSignInAttempt, succeedSignInAttempt } from "./rate-limit";
import { claimUnverifiedAccount } from "./accounts";
import { safeCallbackUrl, sameSitePath } from "./callback-url";
import { sendMagicLink } from "./magic-link";
import { signInSchema } from "./schemas";
import { appNow } from "../clock";

class InvalidLogin extends CredentialsSignin {
  code = "invalid_credentials";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
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
          const now = appNow();
          const attempt = await beginSignInAttempt(db, { email, ip, now });
          if (attempt.limited) throw new RateLimited();
          const [user] = await db.select().from(users).where(eq(users.email, email));
          const valid = await verifyPassword(user?.passwordHash, password);
          if (!user || !valid) throw new InvalidLogin();
          await succeedSignInAttempt(db, attempt.attemptId);
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
          await sendMagicLink(db, {
            to: identifier,
            url,
            appUrl: env.APP_URL,
            now: appNow(),
            mail: { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM },
          });
        },
      },
    ],
    callbacks: {
      /** After sign-in, only our own pages: a same-origin path, cleaned by safeCallbackUrl. */
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackUrl(sameSitePath(url, baseUrl)), baseUrl).toString();
      },
      async signIn({ user, account, email }) {
        // Someone may have signed up with this address (unverified) before its owner first signs in by email link.
        // That first verified sign-in drops the unverified password and every session made with it.
        if (account?.provider === "email" && !email?.verificationRequest && user.email) {
          await claimUnverifiedAccount(db, user.email);
        }
        return true;
      },
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
