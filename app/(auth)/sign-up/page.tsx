import Link from "next/link";
import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const email = typeof params.email === "string" ? params.email.slice(0, 254) : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Create your Livebase account</CardTitle>
        <CardDescription>
          Already have one?{" "}
          <Link
            className="underline underline-offset-4"
            href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          >
            Sign in
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SignUpForm callbackUrl={callbackUrl} email={email} />
      </CardContent>
    </Card>
  );
}
