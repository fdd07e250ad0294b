import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/require-member";
import { connectedAccountOf, describeRequirement, MODE_WORDS, paymentsMode } from "@/lib/billing/connect";
import { unsentInvoiceCount } from "@/lib/billing/payments-target";
import { feeBasisPointsOf, feePercentLabel } from "@/lib/billing/platform-fees";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { clockName, formatLocal } from "@/lib/studios/local-time";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";
import { PaymentsButton } from "./payments-forms";

export const metadata: Metadata = { title: "Payments" };

const BACK: Record<string, { variant: "success" | "destructive"; text: string }> = {
  back: { variant: "success", text: "Back from Stripe: this is where the account stands now." },
  unread: {
    variant: "destructive",
    text: "Back from Stripe, but Stripe could not be reached to read the account. Use Refresh in a minute.",
  },
  "no-link": {
    variant: "destructive",
    text: "Stripe could not make a new onboarding link. Try Continue onboarding in a minute.",
  },
};

/** Where the workspace's money goes: Stripe Connect onboarding and the account's state, in words. Owners only. */
export default async function PaymentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ "from-stripe"?: string }>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "payments.manage" });
  const back = BACK[(await searchParams)["from-stripe"] ?? ""];
  const mode = paymentsMode(getEnv());
  const db = getDb();
  const [account, zone] =
    mode === "platform"
      ? await Promise.all([connectedAccountOf(db, member.workspaceId), workspaceTimeZone(db, member.workspaceId)])
      : [null, "UTC"];
  const slug = member.workspaceSlug;
  const detailsNeeded =
    account !== null && (!account.detailsSubmitted || account.requirementsDue.length > 0 || !account.chargesEnabled);
  const [feeBasisPoints, unsent] =
    mode === "platform"
      ? await Promise.all([feeBasisPointsOf(db, member.workspaceId), unsentInvoiceCount(db, member.workspaceId)])
      : [0, 0];
  const waiting = mode === "platform" && !account?.chargesEnabled;

  return (
    <div className="grid max-w-2xl gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Payments</h1>
        <p className="text-muted-foreground">Where creators&apos; payments for this workspace go.</p>
      </header>
      {back ? <Alert variant={back.variant}>{back.text}</Alert> : null}
      {mode !== "platform" ? (
        <Card>
          <CardHeader>
            <CardTitle>
              {mode === "unconfigured" ? "Stripe is not configured on this server" : "Single-operator mode"}
            </CardTitle>
            <CardDescription>{MODE_WORDS[mode]}</CardDescription>
          </CardHeader>
        </Card>
      ) : account === null ? (
        <Card>
          <CardHeader>
            <CardTitle>Not connected</CardTitle>
            <CardDescription>
              Connect this workspace to its own Stripe account so creators pay you directly. Stripe asks for your
              business and bank details on its own pages, then brings you back here.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <PaymentsButton workspace={slug} kind="connect" />
          </CardContent>
        </Card>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>{detailsNeeded ? "Details needed" : "Connected to Stripe"}</CardTitle>
            <CardDescription>
              Stripe account {account.stripeAccountId}. Last read from Stripe {formatLocal(account.updatedAt, zone)} (
              {clockName(zone)}).
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <ul className="flex flex-wrap gap-2" aria-label="Account state">
              <li>
                <Badge variant={account.chargesEnabled ? "default" : "secondary"}>
                  {account.chargesEnabled ? "Charges enabled" : "Charges not enabled yet"}
                </Badge>
              </li>
              <li>
                <Badge variant={account.payoutsEnabled ? "default" : "secondary"}>
                  {account.payoutsEnabled ? "Payouts enabled" : "Payouts not enabled yet"}
                </Badge>
              </li>
            </ul>
            {detailsNeeded ? (
              <div className="grid gap-2">
                {account.requirementsDue.length > 0 ? (
                  <>
                    <p>Stripe still needs:</p>
                    <ul className="list-disc pl-6" aria-label="What Stripe still needs">
                      {account.requirementsDue.map((r) => (
                        <li key={r}>{describeRequirement(r)}</li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p>Stripe is reviewing the details you sent; it has not enabled charges yet.</p>
                )}
                <PaymentsButton workspace={slug} kind="continue" />
              </div>
            ) : null}
            <div className="flex flex-wrap gap-4">
              {account.detailsSubmitted ? <PaymentsButton workspace={slug} kind="dashboard" /> : null}
              <PaymentsButton workspace={slug} kind="refresh" />
            </div>
          </CardContent>
        </Card>
      )}
      {waiting ? (
        <Alert>
          <strong>Until Stripe enables charges,</strong> creators can book without a card (under the Automatic card
          policy) and their invoices wait unsent:{" "}
          {unsent === 0
            ? "none is waiting now"
            : unsent === 1
              ? "1 invoice is waiting"
              : `${unsent} invoices are waiting`}
          . They are sent on the first run after charges are enabled.
        </Alert>
      ) : null}
      {mode === "platform" ? (
        <Card>
          <CardHeader>
            <CardTitle>Platform fee</CardTitle>
            <CardDescription>
              Livebase takes <strong data-testid="platform-fee">{feePercentLabel(feeBasisPoints)}</strong> of each
              invoice paid on this account, in the invoice&apos;s currency, and returns it in proportion when a payment
              is refunded. Reports show gross, fee and net per studio and month.
            </CardDescription>
          </CardHeader>
        </Card>
      ) : null}
    </div>
  );
}
