import type { Role } from "@/db/schema";

/**
 * Every permission in the product, and the roles it is granted to. Anything not listed is denied.
 * Finer rules that depend on the target (a staff member's studios, whose row it is, a manager and an owner) are
 * in `studios.ts` and `roles.ts` beside this file; which rows each role sees is `row-scopes.ts`.
 */
const GRANTS = {
  "workspace.view": ["owner", "manager", "staff", "creator", "brand"],
  "profile.manage": ["owner", "manager", "staff", "creator", "brand"],
  "tokens.manage": ["owner", "manager", "staff", "creator", "brand"],
  "members.view": ["owner", "manager"],
  "members.invite": ["owner", "manager"],
  "members.manage": ["owner", "manager"],
  "studios.view": ["owner", "manager", "staff", "creator", "brand"],
  "studios.manage": ["owner", "manager"],
  "policies.manage": ["owner", "manager"],
  // Blocking a room for maintenance: managers and owners anywhere, staff in their studios (from the run sheet).
  "rooms.block": ["owner", "manager", "staff"],
  // Booking: creators for themselves; staff (their studios), managers and owners for a creator. Brands never.
  "bookings.view": ["owner", "manager", "staff", "creator"],
  "bookings.create": ["owner", "manager", "staff", "creator"],
  "bookings.act_for_others": ["owner", "manager", "staff"],
  // Cancelling: a creator their own bookings, staff those of their studios, managers and owners any (the row
  // scope is findBooking's). Its own name, not "may create", so who may cancel is found where it is decided.
  "bookings.cancel": ["owner", "manager", "staff", "creator"],
  // A booking's code is its check-in QR: the creator's and the studio's. A brand sees the session, never its code.
  "bookings.code": ["owner", "manager", "staff", "creator"],
  // A private calendar feed of one's own bookings: creators. (A studio's feed is for who operates that studio.)
  "calendar.own_feed": ["creator"],
  // Running sessions on the floor: check-in, check-out (completion), no-show. Staff in their studios.
  "bookings.operate": ["owner", "manager", "staff"],
  // Billing: a creator sees their own card, charges and invoices; managers and owners see every creator's.
  "billing.view": ["owner", "manager", "creator"],
  "billing.manage": ["owner", "manager"],
  // Staff see what a creator owes when they check them in, not the ledger itself.
  "billing.view_balance": ["owner", "manager", "staff"],
  "reports.view": ["owner", "manager"],
  // Where the workspace's money goes (Stripe Connect onboarding, the Express dashboard): owners only.
  "payments.manage": ["owner"],
  // The audit log: who voided, credited, recorded a payment, changed a policy, a price or a role. Owners only.
  "audit.view": ["owner"],
  // Samples: brands ship to a studio; creators see what is addressed to them; staff (their studios) receive,
  // store, stage and dispose; owners and managers everything.
  "shipments.view": ["owner", "manager", "staff", "creator", "brand"],
  "shipments.create": ["owner", "manager", "brand"],
  "inventory.view": ["owner", "manager", "staff", "creator", "brand"],
  "inventory.manage": ["owner", "manager", "staff"],
  // Overnight storage: creators reserve units and check their goods in and out; staff run the board (their
  // studios) and do the same for a creator; owners and managers set up the units.
  "storage.use": ["owner", "manager", "staff", "creator"],
  "storage.board": ["owner", "manager", "staff"],
  "storage.manage": ["owner", "manager"],
  // The operator dashboard: today across studios, and utilization by hour.
  "dashboard.view": ["owner", "manager"],
  // A brand's webhook endpoints (their deliveries and replays).
  "webhooks.manage": ["brand"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;
export const PERMISSIONS = Object.keys(GRANTS) as Permission[];
export const ROLES: readonly Role[] = ["owner", "manager", "staff", "creator", "brand"];

export type Actor = {
  userId: string;
  workspaceId: string;
  role: Role;
  studioIds: string[];
  brandId: string | null;
};

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  const roles: readonly Role[] | undefined = GRANTS[permission];
  return roles !== undefined && roles.includes(actor.role);
}
