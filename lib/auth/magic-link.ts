import type { Db } from "@/db/client";
import { deliverEmail, enqueueEmail, type MailConfig } from "../notifications/outbox";
import { magicLinkEmail } from "../notifications/templates";
import { mayEmail } from "../notifications/throttle";
import { safeCallbackUrl, sameSitePath } from "./callback-url";

/**
 * Emails a sign-in link (Auth.js's sendVerificationRequest). Auth.js builds the link from the request's
 * (forwardable) host: it is rebuilt on our own public URL so a forged X-Forwarded-Host can never send someone's
 * sign-in token to another site. The person is waiting, so with SMTP this one email is sent at once (and only
 * it); if that fails the job loop sends it. At most 5 links per address in 15 minutes: more throws.
 */
export async function sendMagicLink(
  db: Db,
  input: { to: string; url: string; appUrl: string; now: Date; mail: MailConfig },
) {
  const link = new URL(input.url);
  const safe = new URL(link.pathname + link.search, input.appUrl);
  const cb = safe.searchParams.get("callbackUrl");
  if (cb)
    safe.searchParams.set(
      "callbackUrl",
      new URL(safeCallbackUrl(sameSitePath(cb, input.appUrl)), input.appUrl).toString(),
    );
  if (!(await mayEmail(db, { to: input.to, kinds: ["auth.magic_link"], max: 5, now: input.now }))) {
    throw new Error("too many sign-in links requested for this address");
  }
  const id = await enqueueEmail(db, { to: input.to, ...magicLinkEmail(safe.toString()), at: input.now });
  await deliverEmail(db, input.mail, id, input.now);
}
