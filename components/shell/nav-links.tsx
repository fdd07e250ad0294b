"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  Banknote,
  Boxes,
  ScrollText,
  Building2,
  CalendarDays,
  CalendarPlus,
  ChartColumn,
  ClipboardList,
  CreditCard,
  Gauge,
  KeyRound,
  LayoutDashboard,
  Package,
  ScanBarcode,
  Settings,
  SlidersHorizontal,
  Users,
  Warehouse,
  Webhook,
} from "lucide-react";
import { cn } from "../ui/cn";

const ICONS = {
  Overview: LayoutDashboard,
  Dashboard: Gauge,
  "Run sheet": ClipboardList,
  Storage: Warehouse,
  "Book a set": CalendarPlus,
  Bookings: CalendarDays,
  Studios: Building2,
  Shipments: Package,
  Receiving: ScanBarcode,
  Inventory: Boxes,
  Billing: CreditCard,
  Reports: ChartColumn,
  Setup: SlidersHorizontal,
  Members: Users,
  "API tokens": KeyRound,
  Webhooks: Webhook,
  "Audit log": ScrollText,
  Payments: Banknote,
  Settings,
} as const;

export function NavLinks({
  items,
  orientation,
}: {
  items: { href: string; label: string; exact?: boolean }[];
  orientation: "vertical" | "horizontal";
}) {
  const pathname = usePathname();
  return (
    <ul className={cn("flex gap-1", orientation === "vertical" ? "flex-col" : "flex-row overflow-x-auto")}>
      {items.map((item) => {
        const active = item.exact
          ? pathname === item.href
          : pathname === item.href || pathname.startsWith(`${item.href}/`);
        const Icon = ICONS[item.label as keyof typeof ICONS] ?? LayoutDashboard;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium hover:bg-muted",
                active ? "bg-muted text-foreground" : "text-muted-foreground",
              )}
            >
              <Icon className="size-4" aria-hidden />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
