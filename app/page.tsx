import Link from "next/link";
import { redirect } from "next/navigation";
import { CalendarClock, Package, Warehouse, Receipt } from "lucide-react";
import { Logo } from "@/components/logo";
import { Button } from "@/components/ui/button";
import { getSessionUser } from "@/lib/auth/require-member";

const FEATURES = [
  {
    icon: CalendarClock,
    title: "Rooms that never double-book",
    text: "Creators book sets by the hour, one-off or weekly; Postgres itself guarantees no overlap.",
  },
  {
    icon: Package,
    title: "Samples onto the right set",
    text: "Brands ship boxes in; staff receive, shelve and stage them for the session they were meant for.",
  },
  {
    icon: Warehouse,
    title: "Overnight storage",
    text: "Creators keep stock in the studio's bins; every night stored is billed.",
  },
  {
    icon: Receipt,
    title: "Pay per use",
    text: "Room time, overtime, add-ons and fees charged through Stripe from a ledger that never loses a charge.",
  },
];

export default async function Home() {
  if (await getSessionUser()) redirect("/workspaces");
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-5xl flex-col gap-12 p-6">
      <header className="flex items-center justify-between">
        <Logo />
        <nav aria-label="Account" className="flex gap-2">
          <Button asChild variant="ghost">
            <Link href="/sign-in">Sign in</Link>
          </Button>
          <Button asChild>
            <Link href="/sign-up">Create account</Link>
          </Button>
        </nav>
      </header>
      <section className="grid gap-4 py-8">
        <h1 className="text-3xl font-bold tracking-tight sm:text-5xl">
          Run your live-commerce studios from one screen.
        </h1>
        <p className="max-w-2xl text-lg text-muted-foreground">
          Livebase books your streaming sets, follows brand samples from the box to the set, stores creators&apos; stock
          overnight and bills every minute used.
        </p>
      </section>
      <section aria-label="Features" className="grid gap-4 sm:grid-cols-2">
        {FEATURES.map((f) => (
          <div key={f.title} className="rounded-lg border border-border p-5">
            <f.icon className="mb-3 size-6 text-primary" aria-hidden />
            <h2 className="font-semibold">{f.title}</h2>
            <p className="text-sm text-muted-foreground">{f.text}</p>
          </div>
        ))}
      </section>
    </main>
  );
}
