import { LogOut } from "lucide-react";
import { signOutAction } from "@/app/actions";
import { SubmitButton } from "./form";

export function SignOutButton({ className, redirectTo }: { className?: string; redirectTo?: string }) {
  return (
    <form action={signOutAction} className={className}>
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      <SubmitButton variant="ghost" size="sm" pendingText="Signing out…">
        <LogOut aria-hidden /> Sign out
      </SubmitButton>
    </form>
  );
}
