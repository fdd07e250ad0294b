/**
 * The authorization matrix: who may reach every page, route handler and server action of the app.
 *
 * EVERY NEW PAGE (app/**\/page.tsx), ROUTE HANDLER (app/**\/route.ts, per exported HTTP method) AND SERVER ACTION
 * (an export of a "use server" file) NEEDS A ROW: pages here, route handlers in e2e/support/authz-matrix-routes.ts,
 * server actions in e2e/support/authz-matrix-actions.ts (both re-exported here). e2e/authz-matrix.spec.ts discovers them from the source tree
 * and the build's server-reference manifest, and fails on anything missing here (or listed here and gone).
 * Write down what each actor SHOULD get, then let the test prove it; never copy what the app happens to answer.
 *
 * Actors (all asking for workspace `demo`, see e2e/support/authz-actors.ts):
 *   owner, manager, staff (scoped to the Los Angeles studio), creator, brand: the demo accounts of `demo`;
 *   outsider: the owner of ANOTHER workspace, so a member of Livebase but not of `demo`;
 *   anonymous: no session cookie and no API token.
 *
 * URLs may hold placeholders filled from the demo data at run time (e2e/support/authz-ids.ts): {studio} the LA studio, {room} an LA room,
 * {booking} a confirmed booking of creator@demo there, {missing} an id that exists nowhere (for routes that would
 * change data: the gate is proven without cancelling anything).
 *
 * Page outcomes (GET, redirects not followed):
 *   "ok" 200 · "404" the not-found page (a non-member, or a role without the permission: never 403) ·
 *   "signin" a redirect to /sign-in · "to-workspaces" a redirect to /workspaces ·
 *   "to-own-workspace" a redirect to /w/<the actor's own workspace> (demo for demo accounts, the outsider's for it).
 * Route handler outcomes: the HTTP status. Bearer routes (/api/v1) get the actor's own API token, nothing else;
 *   every 4xx there must be application/problem+json.
 * Server action outcomes (POSTed like React does, with an empty form plus workspace=demo, so nothing changes):
 *   "allowed" the gate let the call through (it then answers a validation message, or redirects);
 *   "denied" the gate stopped it: "Not found." for a signed-in actor, "Your session has ended. Sign in again." for
 *   anonymous.
 */
export const ACTOR_NAMES = ["owner", "manager", "staff", "creator", "brand", "outsider", "anonymous"] as const;
export type ActorName = (typeof ACTOR_NAMES)[number];

export type PerActor<T> = Record<ActorName, T>;
export type PageOutcome = "ok" | "404" | "signin" | "to-workspaces" | "to-own-workspace";
export type ActionOutcome = "allowed" | "denied";
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The same outcome for every actor (public pages, health checks). */
const everyone = <T>(outcome: T): PerActor<T> => ({
  owner: outcome,
  manager: outcome,
  staff: outcome,
  creator: outcome,
  brand: outcome,
  outsider: outcome,
  anonymous: outcome,
});

export type PageRow = { url: string; gate: string; expect: PerActor<PageOutcome> };

/** Pages for owners and managers only: everyone else in the workspace gets the 404 page, like an outsider. */
const managersOnly: PerActor<PageOutcome> = {
  owner: "ok",
  manager: "ok",
  staff: "404",
  creator: "404",
  brand: "404",
  outsider: "404",
  anonymous: "signin",
};

/** Keyed by the URL pattern of the page (route groups removed). `url` is what the test requests. */
export const PAGES: Record<string, PageRow> = {
  "/": {
    url: "/",
    gate: "public; a signed-in user is sent on to /workspaces",
    expect: {
      owner: "to-workspaces",
      manager: "to-workspaces",
      staff: "to-workspaces",
      creator: "to-workspaces",
      brand: "to-workspaces",
      outsider: "to-workspaces",
      anonymous: "ok",
    },
  },
  "/sign-in": { url: "/sign-in", gate: "public", expect: everyone("ok") },
  "/sign-in/check-email": { url: "/sign-in/check-email", gate: "public", expect: everyone("ok") },
  "/sign-up": { url: "/sign-up", gate: "public", expect: everyone("ok") },
  "/forgot-password": { url: "/forgot-password", gate: "public", expect: everyone("ok") },
  "/reset-password": {
    url: "/reset-password",
    gate: "public (the token is checked by the action)",
    expect: everyone("ok"),
  },
  "/s/[workspace]/[studio]": {
    url: "/s/demo/{studio}",
    gate: "public: a studio's page for new creators (open rooms, prices, free times)",
    expect: everyone("ok"),
  },
  "/invite/[token]": {
    url: "/invite/authz-matrix-no-such-invitation",
    gate: "public (an unknown token says so)",
    expect: everyone("ok"),
  },
  "/dev/mailbox": { url: "/dev/mailbox", gate: "404 in production builds, whoever asks", expect: everyone("404") },
  "/workspaces": {
    url: "/workspaces",
    gate: "requireUser; someone in exactly one workspace goes straight into it (owner and creator are also in `northside`)",
    expect: {
      owner: "ok",
      manager: "to-own-workspace",
      staff: "to-own-workspace",
      creator: "ok",
      brand: "to-own-workspace",
      outsider: "to-own-workspace",
      anonymous: "signin",
    },
  },
  "/workspaces/new": {
    url: "/workspaces/new",
    gate: "requireUser",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "ok",
      outsider: "ok",
      anonymous: "signin",
    },
  },
  "/w/[workspace]": {
    url: "/w/demo",
    gate: "requireMember workspace.view",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "ok",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/studios": {
    url: "/w/demo/studios",
    gate: "requireMember studios.view",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "ok",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/book": {
    url: "/w/demo/book",
    gate: "requireMember bookings.create",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/book/[roomId]": {
    url: "/w/demo/book/{room}",
    gate: "requireMember bookings.create; a room of the workspace",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/book/[roomId]/series": {
    url: "/w/demo/book/{room}/series",
    gate: "requireMember bookings.create; a room of the workspace (weekly series)",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/bookings": {
    url: "/w/demo/bookings",
    gate: "requireMember bookings.view",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/bookings/[bookingId]": {
    url: "/w/demo/bookings/{booking}",
    gate: "requireMember bookings.view; creators see their own, staff their studios'",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  // Running the floor: the run sheet is for whoever operates a studio (staff: theirs; another studio's id in
  // ?studio= is a 404); the dashboard is for owners and managers.
  "/w/[workspace]/run-sheet": {
    url: "/w/demo/run-sheet?studio={otherStudio}",
    gate: "requireMember bookings.operate, then the studio must be the actor's: the Shanghai run sheet is a 404 for LA staff",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "404",
      creator: "404",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/dashboard": {
    url: "/w/demo/dashboard",
    gate: "requireMember dashboard.view (owner, manager)",
    expect: managersOnly,
  },
  "/w/[workspace]/billing": {
    url: "/w/demo/billing",
    gate: "requireMember billing.view: creators see their own billing, owners and managers every creator's",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "404",
      creator: "ok",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/billing/creators/[creatorId]": {
    url: "/w/demo/billing/creators/{creator2}",
    gate: "requireMember billing.manage; a creator of the workspace (creator@demo asks for creator2's: 404)",
    expect: managersOnly,
  },
  "/w/[workspace]/shipments": {
    url: "/w/demo/shipments",
    gate: "requireMember shipments.view; each role sees what visibleShipments allows (brands their own, creators theirs, staff their studios')",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "ok",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/shipments/new": {
    url: "/w/demo/shipments/new",
    gate: "requireMember shipments.create (owner, manager, brand)",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "404",
      creator: "404",
      brand: "ok",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/shipments/[shipmentId]": {
    url: "/w/demo/shipments/{shipment}",
    gate: "requireMember shipments.view; the demo brand's box to the LA studio for creator@demo: its brand, its creator, LA staff, managers, owners",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "ok",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/shipments/[shipmentId]/label": {
    url: "/w/demo/shipments/{shipment}/label",
    gate: "requireMember shipments.view; the same shipment as its page",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "ok",
      outsider: "404",
      anonymous: "signin",
    },
  },
  // Samples, staff side: the desk and the leftovers queue need inventory.manage (staff: their studios); every
  // member sees the inventory (brands and creators their own stock, read-only).
  "/w/[workspace]/receiving": {
    url: "/w/demo/receiving",
    gate: "requireMember inventory.manage (owner, manager, staff)",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "404",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/inventory": {
    url: "/w/demo/inventory",
    gate: "requireMember inventory.view (brands and creators read their own stock)",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "ok",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/inventory/leftovers": {
    url: "/w/demo/inventory/leftovers",
    gate: "requireMember inventory.manage",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "404",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  // Overnight storage: creators, staff, managers and owners reserve and check goods in and out; the board is the
  // studio's (staff: theirs; another studio's id in ?studio= is a 404, proven in e2e/storage.spec.ts).
  "/w/[workspace]/storage": {
    url: "/w/demo/storage",
    gate: "requireMember storage.use (owner, manager, staff, creator)",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/storage/board": {
    url: "/w/demo/storage/board?studio={otherStudio}",
    gate: "requireMember storage.board, then the studio must be the actor's: the Shanghai board is a 404 for LA staff (their own is tested in e2e/storage.spec.ts)",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "404",
      creator: "404",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/reports": {
    url: "/w/demo/reports",
    gate: "requireMember reports.view (owner, manager)",
    expect: managersOnly,
  },
  "/w/[workspace]/settings/audit": {
    url: "/w/demo/settings/audit",
    gate: "requireMember audit.view (owners only)",
    expect: {
      owner: "ok",
      manager: "404",
      staff: "404",
      creator: "404",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/settings/payments": {
    url: "/w/demo/settings/payments",
    gate: "requireMember payments.manage (owners only: where the workspace's money goes)",
    expect: {
      owner: "ok",
      manager: "404",
      staff: "404",
      creator: "404",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/setup": {
    url: "/w/demo/setup",
    gate: "requireMember studios.manage (owner, manager)",
    expect: managersOnly,
  },
  "/w/[workspace]/setup/policies": {
    url: "/w/demo/setup/policies",
    gate: "requireMember policies.manage (owner, manager)",
    expect: managersOnly,
  },
  "/w/[workspace]/setup/studios/[studioId]": {
    url: "/w/demo/setup/studios/{studio}",
    gate: "requireMember studios.manage; a studio of the workspace",
    expect: managersOnly,
  },
  "/w/[workspace]/setup/rooms/[roomId]": {
    url: "/w/demo/setup/rooms/{room}",
    gate: "requireMember studios.manage; a room of the workspace",
    expect: managersOnly,
  },
  "/w/[workspace]/settings": {
    url: "/w/demo/settings",
    gate: "requireMember profile.manage",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "ok",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/settings/calendar": {
    url: "/w/demo/settings/calendar",
    gate: "requireMember bookings.view",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/settings/tokens": {
    url: "/w/demo/settings/tokens",
    gate: "requireMember tokens.manage",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "ok",
      creator: "ok",
      brand: "ok",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/settings/webhooks": {
    url: "/w/demo/settings/webhooks",
    gate: "requireMember webhooks.manage (brands only: their own endpoints)",
    expect: {
      owner: "404",
      manager: "404",
      staff: "404",
      creator: "404",
      brand: "ok",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/settings/webhooks/[endpointId]": {
    url: "/w/demo/settings/webhooks/{missing}",
    gate: "requireMember webhooks.manage, then an endpoint of the brand's own; probed on an id that exists nowhere, so the brand gets 404 too (its own endpoint's log is proven in e2e/webhooks.spec.ts, another brand's in lib/webhooks/endpoints.test.ts)",
    expect: {
      owner: "404",
      manager: "404",
      staff: "404",
      creator: "404",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
  "/w/[workspace]/settings/members": {
    url: "/w/demo/settings/members",
    gate: "requireMember members.view (owner, manager)",
    expect: {
      owner: "ok",
      manager: "ok",
      staff: "404",
      creator: "404",
      brand: "404",
      outsider: "404",
      anonymous: "signin",
    },
  },
};

export { ROUTES, type RouteProbe, type RouteRow } from "./authz-matrix-routes";
export { ACTIONS, type ActionArgs, type ActionRow } from "./authz-matrix-actions";
