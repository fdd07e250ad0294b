"use client";
import { Toaster as Sonner } from "sonner";
import { useTheme } from "next-themes";

export { toast } from "sonner";

export function Toaster() {
  const { resolvedTheme } = useTheme();
  return <Sonner theme={resolvedTheme === "dark" ? "dark" : "light"} closeButton position="top-center" />;
}
