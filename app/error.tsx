"use client";
import { Button } from "@/components/ui/button";

/** Never shows the error's message: it may carry internals. The digest lets support find the log line. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center"
    >
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-muted-foreground">
        We could not show this page. Nothing you entered was lost; try again in a moment.
      </p>
      {error.digest ? <p className="text-xs text-muted-foreground">Reference: {error.digest}</p> : null}
      <Button onClick={() => reset()}>Try again</Button>
    </main>
  );
}
