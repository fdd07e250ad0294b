import { LogOut } from "lucide-react";
import { signOutAction } from "@/app/actions";
import { SubmitButton } from "./form";

export function SignOutButton({ className }: { className?: string }) {
  return (
    <form action={signOutAction} className={className}>
      <SubmitButton variant="ghost" size="sm" pendingText="Signing out…">
        <LogOut aria-hidden /> Sign out
      </SubmitButton>
    </form>
  );
}
