import { can, type Actor, type Permission } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; permission: Permission; exact?: boolean };

/** The navigation, filtered by the same permission rules the pages enforce: a role sees what it may open. */
const ITEMS: NavItem[] = [
  { href: "", label: "Overview", permission: "workspace.view", exact: true },
  { href: "/dashboard", label: "Dashboard", permission: "dashboard.view" },
  { href: "/run-sheet", label: "Run sheet", permission: "bookings.operate" },
  { href: "/book", label: "Book a set", permission: "bookings.create" },
  { href: "/bookings", label: "Bookings", permission: "bookings.view" },
  { href: "/studios", label: "Studios", permission: "studios.view" },
  { href: "/shipments", label: "Shipments", permission: "shipments.view" },
  { href: "/receiving", label: "Receiving", permission: "inventory.manage" },
  { href: "/inventory", label: "Inventory", permission: "inventory.view" },
  { href: "/storage", label: "Storage", permission: "storage.use" },
  { href: "/billing", label: "Billing", permission: "billing.view" },
  { href: "/reports", label: "Reports", permission: "reports.view" },
  { href: "/setup", label: "Setup", permission: "studios.manage" },
  { href: "/settings/members", label: "Members", permission: "members.view" },
  { href: "/settings/tokens", label: "API tokens", permission: "tokens.manage" },
  { href: "/settings/webhooks", label: "Webhooks", permission: "webhooks.manage" },
  { href: "/settings/audit", label: "Audit log", permission: "audit.view" },
  { href: "/settings/payments", label: "Payments", permission: "payments.manage" },
  { href: "/settings", label: "Settings", permission: "profile.manage", exact: true },
];

export function navFor(member: Pick<Actor, "role">, workspaceSlug: string) {
  return ITEMS.filter((item) => can(member, item.permission)).map((item) => ({
    ...item,
    href: `/w/${workspaceSlug}${item.href}`,
  }));
}
