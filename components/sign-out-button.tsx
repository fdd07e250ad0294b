import { LogOut } from "lucide-react";
import { SubmitButton } from "./form";

/** The sign-out form; the server action comes from app/ (components never reach into routes). */
export function SignOutButton({
  action,
  className,
  redirectTo,
}: {
  action: (form: FormData) => Promise<void>;
  className?: string;
  redirectTo?: string;
}) {
  return (
    <form action={action} className={className}>
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      <SubmitButton variant="ghost" size="sm" pendingText="Signing out…">
        <LogOut aria-hidden /> Sign out
      </SubmitButton>
    </form>
  );
}
