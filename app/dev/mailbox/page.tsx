import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Inbox } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { listOutbox } from "@/lib/notifications/mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

/** Every email the app wrote, for local development without SMTP. Never served in production. */
export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  // Sign-in and reset links are readable here: never in production, and not when real email is configured.
  if (getEnv().NODE_ENV === "production" || getEnv().SMTP_URL) notFound();
  const { to } = await searchParams;
  const messages = await listOutbox(getDb(), { to: typeof to === "string" ? to : undefined, limit: 100 });
  return (
    <main id="main" className="mx-auto grid max-w-3xl gap-4 p-4 sm:p-6">
      <header>
        <h1 className="text-2xl font-semibold">Dev mailbox</h1>
        <p className="text-sm text-muted-foreground">
          The email outbox, newest first. Outside production only. SMTP_URL is not set: nothing leaves this machine.
        </p>
        <form className="mt-3 flex gap-2">
          <label htmlFor="to" className="sr-only">
            Filter by recipient
          </label>
          <input
            id="to"
            name="to"
            defaultValue={to}
            placeholder="Filter by recipient"
            className="h-9 flex-1 rounded-md border border-input bg-background px-3 text-sm"
          />
          <button className="h-9 rounded-md border border-border px-3 text-sm">Filter</button>
        </form>
      </header>
      {messages.length === 0 ? (
        <EmptyState title="No emails yet" icon={<Inbox />}>
          Sign-in links, invitations and resets appear here.
        </EmptyState>
      ) : (
        <ul className="grid gap-3">
          {messages.map((m) => (
            <li key={m.id}>
              <article className="rounded-lg border border-border p-4" aria-label={m.subject}>
                <p className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  <span>To {m.toEmail}</span>
                  <span>· {m.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</span>
                  <Badge variant="outline">{m.kind}</Badge>
                  <Badge>{m.status}</Badge>
                </p>
                <h2 className="mt-1 font-semibold">{m.subject}</h2>
                <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-sm">{linkify(m.text)}</pre>
                {m.attachments.length > 0 ? (
                  <p className="mt-2 flex flex-wrap gap-x-3 text-xs text-muted-foreground">
                    Attachments:
                    {m.attachments.map((a, i) => (
                      // The file itself, as the email carries it (an .ics opens in a calendar).
                      <a
                        key={i}
                        className="text-primary underline"
                        download={a.filename}
                        href={`data:${a.contentType.split(";")[0].trim()};charset=utf-8,${encodeURIComponent(a.content)}`}
                      >
                        Download {a.filename}
                      </a>
                    ))}
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="break-all text-primary underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
