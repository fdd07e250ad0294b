import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Alert({
  className,
  variant = "default",
  ...props
}: ComponentProps<"div"> & { variant?: "default" | "destructive" | "success" }) {
  return (
    <div
      role={variant === "destructive" ? "alert" : "status"}
      className={cn(
        "rounded-md border px-4 py-3 text-sm",
        variant === "default" && "border-border bg-muted/50",
        variant === "destructive" && "border-destructive/50 bg-destructive/10 text-destructive",
        variant === "success" && "border-success/40 bg-success/10 text-success-foreground",
        className,
      )}
      {...props}
    />
  );
}
