"use client";
import { Printer } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; the page's print styles leave only what belongs on paper. */
export function PrintButton({ label = "Print", variant }: { label?: string; variant?: "default" | "outline" }) {
  return (
    <Button type="button" variant={variant} className="print:hidden" onClick={() => window.print()}>
      <Printer aria-hidden /> {label}
    </Button>
  );
}
