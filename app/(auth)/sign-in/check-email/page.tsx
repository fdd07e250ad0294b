import Link from "next/link";
import type { Metadata } from "next";
import { MailCheck } from "lucide-react";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <Card>
      <CardHeader>
        <MailCheck className="size-8 text-primary" aria-hidden />
        <h1 className="text-lg font-semibold">Check your email</h1>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm text-muted-foreground">
        <p>We sent you a sign-in link. It works once and expires in 24 hours.</p>
        <p>
          Nothing arrived? Check your spam folder, or{" "}
          <Link className="underline underline-offset-4 text-foreground" href="/sign-in">
            try again
          </Link>
          .
        </p>
      </CardContent>
    </Card>
  );
}
