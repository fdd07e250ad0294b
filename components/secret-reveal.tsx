"use client";
import type { ReactNode } from "react";
import { Copy } from "lucide-react";
import { Button } from "./ui/button";
import { toast } from "./ui/toaster";

/** A secret shown once, right after it is made (an API token, a webhook signing secret), with a copy button. */
export function SecretReveal({
  secret,
  what,
  testId,
  children,
}: {
  secret: string;
  what: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div role="status" className="grid gap-2 rounded-md border border-success/40 bg-success/10 p-4 text-sm">
      <p className="font-medium">{children}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 break-all rounded bg-background px-2 py-1 font-mono text-xs"
        >
          {secret}
        </code>
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={() =>
            navigator.clipboard.writeText(secret).then(
              () => toast.success(`${what} copied`),
              () => toast.error("Could not copy: select it and copy by hand"),
            )
          }
        >
          <Copy aria-hidden /> Copy
        </Button>
      </div>
    </div>
  );
}
