"use client";
import { Copy } from "lucide-react";
import { Button } from "./ui/button";
import { toast } from "./ui/toaster";

/** A link to hand out (a studio's public page), shown in full with a copy button. */
export function CopyLink({ href, what }: { href: string; what: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a
        href={href}
        data-testid="public-link"
        className="min-w-0 flex-1 break-all rounded bg-muted px-2 py-1 font-mono text-xs underline-offset-4 hover:underline"
        target="_blank"
        rel="noopener"
      >
        {href}
      </a>
      <Button
        type="button"
        variant="outline"
        size="sm"
        onClick={() =>
          navigator.clipboard.writeText(href).then(
            () => toast.success(`${what} copied`),
            () => toast.error("Could not copy: select it and copy by hand"),
          )
        }
      >
        <Copy aria-hidden /> Copy link
      </Button>
    </div>
  );
}
