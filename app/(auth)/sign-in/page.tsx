import Link from "next/link";
import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { MagicLinkForm, SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  Configuration: "Sign-in is not available right now. Try again later.",
  AccessDenied: "You cannot sign in with this account.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;
  const notice = params.notice === "signin-needed" ? "Your account is saved. Sign in to continue." : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Sign in to Livebase</CardTitle>
        <CardDescription>
          New here?{" "}
          <Link
            className="underline underline-offset-4"
            href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          >
            Create an account
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {error ? <Alert variant="destructive">{error}</Alert> : null}
        {notice ? <Alert>{notice}</Alert> : null}
        <SignInForm callbackUrl={callbackUrl} />
        <div className="flex items-center gap-3 text-xs text-muted-foreground" aria-hidden>
          <span className="h-px flex-1 bg-border" /> or <span className="h-px flex-1 bg-border" />
        </div>
        <MagicLinkForm callbackUrl={callbackUrl} />
      </CardContent>
    </Card>
  );
}
