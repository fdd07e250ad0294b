"use client";
import { useState, type ReactNode } from "react";
import { SubmitButton } from "./form";
import { Button } from "./ui/button";

/**
 * A button that does something that cannot be undone (goods leave the building, a unit is emptied) asks first:
 * its first press shows the question, any fields it needs (a tracking number) and the real submit button; "Not
 * now" puts it back. Lives inside the form whose action it submits.
 */
export function ConfirmStep({
  label,
  srContext,
  question,
  confirmLabel,
  pendingText,
  variant = "outline",
  children,
}: {
  label: string;
  /** Hidden words that tell a screen reader's list of buttons which row this one is for. */
  srContext?: string;
  question: ReactNode;
  confirmLabel: string;
  pendingText: string;
  variant?: "outline" | "destructive" | "default";
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const context = srContext ? <span className="sr-only"> {srContext}</span> : null;
  if (!open) {
    return (
      <Button type="button" size="sm" variant="outline" className="justify-self-start" onClick={() => setOpen(true)}>
        {label}…{context}
      </Button>
    );
  }
  return (
    <div className="grid gap-2 rounded-md border border-border p-3">
      <p className="text-sm font-medium">{question}</p>
      {children}
      <div className="flex flex-wrap gap-2">
        <SubmitButton size="sm" variant={variant} pendingText={pendingText} autoFocus={!children}>
          {confirmLabel}
          {context}
        </SubmitButton>
        <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Not now{context}
        </Button>
      </div>
    </div>
  );
}
