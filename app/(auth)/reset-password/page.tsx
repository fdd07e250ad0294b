import Link from "next/link";
import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ResetForm } from "./reset-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Choose a new password</CardTitle>
        <CardDescription>Every other signed-in device will be signed out.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {typeof token === "string" && token.length > 0 ? (
          <ResetForm token={token} />
        ) : (
          <Alert variant="destructive">
            This link is incomplete.{" "}
            <Link className="underline" href="/forgot-password">
              Ask for a new one
            </Link>
            .
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
