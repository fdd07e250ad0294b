import Link from "next/link";
import type { Metadata } from "next";
import { Logo } from "@/components/logo";
import { signOutAction } from "@/app/actions";
import { SignOutButton } from "@/components/sign-out-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { findOpenInvitation } from "@/lib/workspaces/invitations";
import { AcceptForm } from "./accept-form";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 200 ? await findOpenInvitation(getDb(), token, appNow()) : null;
  const user = await getSessionUser();
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <main id="main" className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center gap-6 p-4 sm:p-6">
      <Link href="/" className="self-center" aria-label="Livebase home">
        <Logo />
      </Link>
      <Card>
        {!invitation ? (
          <>
            <CardHeader>
              <CardTitle as="h1">This invitation is no longer valid</CardTitle>
              <CardDescription>
                It has expired, was revoked, or was already used. Ask the studio to send a new one.
              </CardDescription>
            </CardHeader>
          </>
        ) : (
          <>
            <CardHeader>
              <CardTitle as="h1">Join {invitation.workspaceName}</CardTitle>
              <CardDescription>
                You are invited as <strong className="capitalize">{invitation.role}</strong>. The invitation is for{" "}
                <strong>{invitation.email}</strong>.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-3">
              {!user ? (
                <>
                  <Button asChild>
                    <Link
                      href={`/sign-up?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
                    >
                      Create an account to accept
                    </Link>
                  </Button>
                  <Button asChild variant="outline">
                    <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>I already have an account</Link>
                  </Button>
                </>
              ) : user.email !== invitation.email ? (
                <>
                  <Alert variant="destructive">
                    You are signed in as {user.email}. Sign out and sign in as {invitation.email} to accept.
                  </Alert>
                  <SignOutButton action={signOutAction} redirectTo={here} />
                </>
              ) : (
                <AcceptForm token={token} />
              )}
            </CardContent>
          </>
        )}
      </Card>
    </main>
  );
}
