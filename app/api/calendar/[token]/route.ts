import { renderFeed } from "@/lib/calendar/feeds";
import { getDb } from "@/lib/db";
import { problem } from "@/lib/api/problem";
import { appNow } from "@/lib/clock";

/** A private iCal feed: the secret in the URL is the credential (calendar apps cannot send headers). */
export async function GET(_req: Request, ctx: { params: Promise<{ token: string }> }) {
  const { token } = await ctx.params;
  const text = await renderFeed(getDb(), token.replace(/\.ics$/, ""), appNow());
  if (text === null)
    return problem(404, { code: "not_found", detail: "This calendar feed does not exist or was revoked." });
  return new Response(text, {
    headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300" },
  });
}
