"use client";
import { useLayoutEffect, useRef, type ComponentProps } from "react";
import { cn } from "./cn";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return (
    <input
      className={cn(
        "flex h-10 w-full rounded-md border border-input bg-background px-3 py-2 text-base sm:text-sm placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-50 aria-[invalid=true]:border-destructive",
        className,
      )}
      {...props}
    />
  );
}

/**
 * A native select that keeps the chosen option through React's reset of a form after its action. That reset puts
 * every select back to the options marked as default in the page, and React marks them only when the select is
 * first drawn: without this, every select fell back to its first default after a server answer (a series checked
 * at 18:00 was booked at 19:00; an invitation's Role jumped from Brand to Creator with the brand fields still
 * shown). Uncontrolled, it is rebuilt whenever its default changes (the answer's values); controlled, its options'
 * defaults follow the value, so a reset lands on what is chosen.
 */
export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  const ref = useRef<HTMLSelectElement>(null);
  const controlled = props.value !== undefined;
  const chosen = controlled ? JSON.stringify(props.value) : null;
  useLayoutEffect(() => {
    const select = ref.current;
    if (!select || chosen === null) return;
    const value = JSON.parse(chosen) as unknown;
    const wanted = (Array.isArray(value) ? value : [value]).map(String);
    for (const option of Array.from(select.options)) option.defaultSelected = wanted.includes(option.value);
  });
  return (
    <select
      key={controlled ? undefined : JSON.stringify(props.defaultValue ?? null)}
      ref={ref}
      className={cn(
        "flex h-10 w-full rounded-md border border-input bg-background px-3 py-2 text-base sm:text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[invalid=true]:border-destructive",
        className,
      )}
      {...props}
    />
  );
}
