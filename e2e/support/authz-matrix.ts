/**
 * The authorization matrix: who may reach every page, route handler and server action of the app.
 *
 * EVERY NEW PAGE (app/**\/page.tsx), ROUTE HANDLER (app/**\/route.ts, per exported HTTP method) AND SERVER ACTION
 * (an export of a "use server" file) NEEDS A ROW HERE (server actions: in e2e/support/authz-matrix-actions.ts, which
 * this file re-exports). e2e/authz-matrix.spec.ts discovers them from the source tree
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
  owner: outcome, manager: outcome, staff: outcome, creator: outcome, brand: outcome, outsider: outcome, anonymous: outcome,
});

export type PageRow = { url: string; gate: string; expect: PerActor<PageOutcome> };

/** Pages for owners and managers only: everyone else in the workspace gets the 404 page, like an outsider. */
const managersOnly: PerActor<PageOutcome> = { owner: "ok", manager: "ok", staff: "404", creator: "404", brand: "404", outsider: "404", anonymous: "signin" };

/** Keyed by the URL pattern of the page (route groups removed). `url` is what the test requests. */
export const PAGES: Record<string, PageRow> = {
  "/": {
    url: "/",
    gate: "public; a signed-in user is sent on to /workspaces",
    expect: { owner: "to-workspaces", manager: "to-workspaces", staff: "to-workspaces", creator: "to-workspaces", brand: "to-workspaces", outsider: "to-workspaces", anonymous: "ok" },
  },
  "/sign-in": { url: "/sign-in", gate: "public", expect: everyone("ok") },
  "/sign-in/check-email": { url: "/sign-in/check-email", gate: "public", expect: everyone("ok") },
  "/sign-up": { url: "/sign-up", gate: "public", expect: everyone("ok") },
  "/forgot-password": { url: "/forgot-password", gate: "public", expect: everyone("ok") },
  "/reset-password": { url: "/reset-password", gate: "public (the token is checked by the action)", expect: everyone("ok") },
  "/invite/[token]": { url: "/invite/authz-matrix-no-such-invitation", gate: "public (an unknown token says so)", expect: everyone("ok") },
  "/dev/mailbox": { url: "/dev/mailbox", gate: "404 in production builds, whoever asks", expect: everyone("404") },
  "/workspaces": {
    url: "/workspaces",
    gate: "requireUser; someone in exactly one workspace goes straight into it (owner and creator are also in `northside`)",
    expect: { owner: "ok", manager: "to-own-workspace", staff: "to-own-workspace", creator: "ok", brand: "to-own-workspace", outsider: "to-own-workspace", anonymous: "signin" },
  },
  "/workspaces/new": {
    url: "/workspaces/new",
    gate: "requireUser",
    expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "ok", outsider: "ok", anonymous: "signin" },
  },
  "/w/[workspace]": {
    url: "/w/demo",
    gate: "requireMember workspace.view",
    expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "ok", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/studios": {
    url: "/w/demo/studios",
    gate: "requireMember studios.view",
    expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "ok", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/book": { url: "/w/demo/book", gate: "requireMember bookings.create", expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "404", outsider: "404", anonymous: "signin" } },
  "/w/[workspace]/book/[roomId]": { url: "/w/demo/book/{room}", gate: "requireMember bookings.create; a room of the workspace", expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "404", outsider: "404", anonymous: "signin" } },
  "/w/[workspace]/book/[roomId]/series": { url: "/w/demo/book/{room}/series", gate: "requireMember bookings.create; a room of the workspace (weekly series)", expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "404", outsider: "404", anonymous: "signin" } },
  "/w/[workspace]/bookings": { url: "/w/demo/bookings", gate: "requireMember bookings.view", expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "404", outsider: "404", anonymous: "signin" } },
  "/w/[workspace]/bookings/[bookingId]": {
    url: "/w/demo/bookings/{booking}",
    gate: "requireMember bookings.view; creators see their own, staff their studios'",
    expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "404", outsider: "404", anonymous: "signin" },
  },
  // Running the floor: the run sheet is for whoever operates a studio (staff: theirs; another studio's id in
  // ?studio= is a 404); the dashboard is for owners and managers.
  "/w/[workspace]/run-sheet": {
    url: "/w/demo/run-sheet?studio={otherStudio}",
    gate: "requireMember bookings.operate, then the studio must be the actor's: the Shanghai run sheet is a 404 for LA staff",
    expect: { owner: "ok", manager: "ok", staff: "404", creator: "404", brand: "404", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/dashboard": { url: "/w/demo/dashboard", gate: "requireMember dashboard.view (owner, manager)", expect: managersOnly },
  "/w/[workspace]/billing": {
    url: "/w/demo/billing",
    gate: "requireMember billing.view: creators see their own billing, owners and managers every creator's",
    expect: { owner: "ok", manager: "ok", staff: "404", creator: "ok", brand: "404", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/billing/creators/[creatorId]": { url: "/w/demo/billing/creators/{creator2}", gate: "requireMember billing.manage; a creator of the workspace (creator@demo asks for creator2's: 404)", expect: managersOnly },
  "/w/[workspace]/shipments": {
    url: "/w/demo/shipments",
    gate: "requireMember shipments.view; each role sees what visibleShipments allows (brands their own, creators theirs, staff their studios')",
    expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "ok", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/shipments/new": {
    url: "/w/demo/shipments/new",
    gate: "requireMember shipments.create (owner, manager, brand)",
    expect: { owner: "ok", manager: "ok", staff: "404", creator: "404", brand: "ok", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/shipments/[shipmentId]": {
    url: "/w/demo/shipments/{shipment}",
    gate: "requireMember shipments.view; the demo brand's box to the LA studio for creator@demo: its brand, its creator, LA staff, managers, owners",
    expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "ok", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/shipments/[shipmentId]/label": {
    url: "/w/demo/shipments/{shipment}/label",
    gate: "requireMember shipments.view; the same shipment as its page",
    expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "ok", outsider: "404", anonymous: "signin" },
  },
  // Samples, staff side: the desk and the leftovers queue need inventory.manage (staff: their studios); every
  // member sees the inventory (brands and creators their own stock, read-only).
  "/w/[workspace]/receiving": { url: "/w/demo/receiving", gate: "requireMember inventory.manage (owner, manager, staff)", expect: { owner: "ok", manager: "ok", staff: "ok", creator: "404", brand: "404", outsider: "404", anonymous: "signin" } },
  "/w/[workspace]/inventory": { url: "/w/demo/inventory", gate: "requireMember inventory.view (brands and creators read their own stock)", expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "ok", outsider: "404", anonymous: "signin" } },
  "/w/[workspace]/inventory/leftovers": { url: "/w/demo/inventory/leftovers", gate: "requireMember inventory.manage", expect: { owner: "ok", manager: "ok", staff: "ok", creator: "404", brand: "404", outsider: "404", anonymous: "signin" } },
  // Overnight storage: creators, staff, managers and owners reserve and check goods in and out; the board is the
  // studio's (staff: theirs; another studio's id in ?studio= is a 404, proven in e2e/storage.spec.ts).
  "/w/[workspace]/storage": { url: "/w/demo/storage", gate: "requireMember storage.use (owner, manager, staff, creator)", expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "404", outsider: "404", anonymous: "signin" } },
  "/w/[workspace]/storage/board": {
    url: "/w/demo/storage/board?studio={otherStudio}",
    gate: "requireMember storage.board, then the studio must be the actor's: the Shanghai board is a 404 for LA staff (their own is tested in e2e/storage.spec.ts)",
    expect: { owner: "ok", manager: "ok", staff: "404", creator: "404", brand: "404", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/reports": { url: "/w/demo/reports", gate: "requireMember reports.view (owner, manager)", expect: managersOnly },
  "/w/[workspace]/setup": { url: "/w/demo/setup", gate: "requireMember studios.manage (owner, manager)", expect: managersOnly },
  "/w/[workspace]/setup/policies": { url: "/w/demo/setup/policies", gate: "requireMember policies.manage (owner, manager)", expect: managersOnly },
  "/w/[workspace]/setup/studios/[studioId]": { url: "/w/demo/setup/studios/{studio}", gate: "requireMember studios.manage; a studio of the workspace", expect: managersOnly },
  "/w/[workspace]/setup/rooms/[roomId]": { url: "/w/demo/setup/rooms/{room}", gate: "requireMember studios.manage; a room of the workspace", expect: managersOnly },
  "/w/[workspace]/settings": {
    url: "/w/demo/settings",
    gate: "requireMember profile.manage",
    expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "ok", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/settings/calendar": { url: "/w/demo/settings/calendar", gate: "requireMember bookings.view", expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "404", outsider: "404", anonymous: "signin" } },
  "/w/[workspace]/settings/tokens": {
    url: "/w/demo/settings/tokens",
    gate: "requireMember tokens.manage",
    expect: { owner: "ok", manager: "ok", staff: "ok", creator: "ok", brand: "ok", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/settings/webhooks": {
    url: "/w/demo/settings/webhooks",
    gate: "requireMember webhooks.manage (brands only: their own endpoints)",
    expect: { owner: "404", manager: "404", staff: "404", creator: "404", brand: "ok", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/settings/webhooks/[endpointId]": {
    url: "/w/demo/settings/webhooks/{missing}",
    gate: "requireMember webhooks.manage, then an endpoint of the brand's own; probed on an id that exists nowhere, so the brand gets 404 too (its own endpoint's log is proven in e2e/webhooks.spec.ts, another brand's in lib/webhooks/endpoints.test.ts)",
    expect: { owner: "404", manager: "404", staff: "404", creator: "404", brand: "404", outsider: "404", anonymous: "signin" },
  },
  "/w/[workspace]/settings/members": {
    url: "/w/demo/settings/members",
    gate: "requireMember members.view (owner, manager)",
    expect: { owner: "ok", manager: "ok", staff: "404", creator: "404", brand: "404", outsider: "404", anonymous: "signin" },
  },
};

export type RouteProbe = { url: string; expect: PerActor<number> };
export type RouteRow = { auth: "bearer" | "session"; gate: string; methods: Partial<Record<HttpMethod, RouteProbe>> };

/** Keyed by the URL pattern of the route handler; one probe per exported HTTP method. */
export const ROUTES: Record<string, RouteRow> = {
  "/api/health": { auth: "session", gate: "public", methods: { GET: { url: "/api/health", expect: everyone(200) } } },
  "/api/auth/[...nextauth]": {
    auth: "session",
    gate: "Auth.js: public; a POST without its CSRF token is sent back to sign-in and changes nothing",
    methods: {
      GET: { url: "/api/auth/csrf", expect: everyone(200) },
      POST: { url: "/api/auth/signout", expect: everyone(302) },
    },
  },
  "/api/calendar/[token]": { auth: "session", gate: "the secret in the URL is the credential: an unknown one is a 404 for everyone", methods: { GET: { url: "/api/calendar/cal_no-such-feed.ics", expect: everyone(404) } } },
  "/api/v1/openapi.json": { auth: "session", gate: "public: the API's description", methods: { GET: { url: "/api/v1/openapi.json", expect: everyone(200) } } },
  "/api/v1/me": {
    auth: "bearer",
    gate: "apiRoute workspace.view: the token's own user, workspace and role",
    methods: {
      GET: { url: "/api/v1/me", expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 200, outsider: 200, anonymous: 401 } },
      // Read-only: the other methods answer a 405 problem (with Allow: GET) to everyone.
      POST: { url: "/api/v1/me", expect: everyone(405) },
      PUT: { url: "/api/v1/me", expect: everyone(405) },
      PATCH: { url: "/api/v1/me", expect: everyone(405) },
      DELETE: { url: "/api/v1/me", expect: everyone(405) },
    },
  },
  "/api/v1/studios": {
    auth: "bearer",
    gate: "apiRoute studios.view",
    methods: {
      GET: { url: "/api/v1/studios", expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 200, outsider: 200, anonymous: 401 } },
      POST: { url: "/api/v1/studios", expect: everyone(405) },
    },
  },
  "/api/v1/availability": {
    auth: "bearer",
    gate: "apiRoute bookings.view; the room must be the workspace's (the outsider's token is for its own workspace: 404)",
    methods: {
      GET: { url: "/api/v1/availability?roomId={room}&from=2030-01-07&to=2030-01-13&durationMinutes=60", expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 403, outsider: 404, anonymous: 401 } },
      POST: { url: "/api/v1/availability", expect: everyone(405) },
    },
  },
  "/api/v1/bookings": {
    auth: "bearer",
    gate: "apiRoute bookings.view / bookings.create (brands never book); an empty POST is a 415 once past the gate",
    methods: {
      GET: { url: "/api/v1/bookings", expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 403, outsider: 200, anonymous: 401 } },
      POST: { url: "/api/v1/bookings", expect: { owner: 415, manager: 415, staff: 415, creator: 415, brand: 403, outsider: 415, anonymous: 401 } },
    },
  },
  "/api/v1/bookings/[id]": {
    auth: "bearer",
    gate: "apiRoute bookings.view; creator@demo's booking: its creator, staff of its studio, managers and owners",
    methods: {
      GET: { url: "/api/v1/bookings/{booking}", expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 403, outsider: 404, anonymous: 401 } },
      POST: { url: "/api/v1/bookings/{booking}", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/[id]/check-in": {
    auth: "bearer",
    gate: "apiRoute bookings.operate (staff, managers, owners); probed on an id that exists nowhere",
    methods: {
      POST: { url: "/api/v1/bookings/{missing}/check-in", expect: { owner: 404, manager: 404, staff: 404, creator: 403, brand: 403, outsider: 404, anonymous: 401 } },
      GET: { url: "/api/v1/bookings/{missing}/check-in", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/[id]/check-out": {
    auth: "bearer",
    gate: "apiRoute bookings.operate; probed on an id that exists nowhere",
    methods: {
      POST: { url: "/api/v1/bookings/{missing}/check-out", expect: { owner: 404, manager: 404, staff: 404, creator: 403, brand: 403, outsider: 404, anonymous: 401 } },
      GET: { url: "/api/v1/bookings/{missing}/check-out", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/[id]/no-show": {
    auth: "bearer",
    gate: "apiRoute bookings.operate; probed on an id that exists nowhere",
    methods: {
      POST: { url: "/api/v1/bookings/{missing}/no-show", expect: { owner: 404, manager: 404, staff: 404, creator: 403, brand: 403, outsider: 404, anonymous: 401 } },
      GET: { url: "/api/v1/bookings/{missing}/no-show", expect: everyone(405) },
    },
  },
  "/api/v1/charges": {
    auth: "bearer",
    gate: "apiRoute billing.view: a creator's own charges, owners' and managers' all; staff and brands never",
    methods: {
      GET: { url: "/api/v1/charges", expect: { owner: 200, manager: 200, staff: 403, creator: 200, brand: 403, outsider: 200, anonymous: 401 } },
      POST: { url: "/api/v1/charges", expect: everyone(405) },
    },
  },
  "/api/v1/charges/[id]/void": {
    auth: "bearer",
    gate: "apiRoute billing.manage; an empty body is a 415 once past the gate",
    methods: {
      POST: { url: "/api/v1/charges/{missing}/void", expect: { owner: 415, manager: 415, staff: 403, creator: 403, brand: 403, outsider: 415, anonymous: 401 } },
      GET: { url: "/api/v1/charges/{missing}/void", expect: everyone(405) },
    },
  },
  "/api/v1/charges/[id]/credit": {
    auth: "bearer",
    gate: "apiRoute billing.manage; an empty body is a 415 once past the gate",
    methods: {
      POST: { url: "/api/v1/charges/{missing}/credit", expect: { owner: 415, manager: 415, staff: 403, creator: 403, brand: 403, outsider: 415, anonymous: 401 } },
      GET: { url: "/api/v1/charges/{missing}/credit", expect: everyone(405) },
    },
  },
  "/api/v1/invoices": {
    auth: "bearer",
    gate: "apiRoute billing.view",
    methods: {
      GET: { url: "/api/v1/invoices", expect: { owner: 200, manager: 200, staff: 403, creator: 200, brand: 403, outsider: 200, anonymous: 401 } },
      POST: { url: "/api/v1/invoices", expect: everyone(405) },
    },
  },
  "/api/v1/invoices/[id]": {
    auth: "bearer",
    gate: "apiRoute billing.view; creator2@demo's invoice: creator@demo gets 404, like another workspace's token",
    methods: {
      GET: { url: "/api/v1/invoices/{invoice2}", expect: { owner: 200, manager: 200, staff: 403, creator: 404, brand: 403, outsider: 404, anonymous: 401 } },
      POST: { url: "/api/v1/invoices/{invoice2}", expect: everyone(405) },
    },
  },
  "/api/v1/shipments": {
    auth: "bearer",
    gate: "apiRoute shipments.view / shipments.create (brands, owners, managers); an empty POST is a 415 once past the gate",
    methods: {
      GET: { url: "/api/v1/shipments", expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 200, outsider: 200, anonymous: 401 } },
      POST: { url: "/api/v1/shipments", expect: { owner: 415, manager: 415, staff: 403, creator: 403, brand: 415, outsider: 415, anonymous: 401 } },
    },
  },
  "/api/v1/shipments/[id]": {
    auth: "bearer",
    gate: "apiRoute shipments.view; an id that exists nowhere is a 404 for everyone signed in",
    methods: {
      GET: { url: "/api/v1/shipments/{missing}", expect: { owner: 404, manager: 404, staff: 404, creator: 404, brand: 404, outsider: 404, anonymous: 401 } },
      POST: { url: "/api/v1/shipments/{missing}", expect: everyone(405) },
    },
  },
  "/api/v1/inventory": {
    auth: "bearer",
    gate: "apiRoute inventory.view (each sees only the stock it may: brands their own, staff their studios')",
    methods: {
      GET: { url: "/api/v1/inventory", expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 200, outsider: 200, anonymous: 401 } },
      POST: { url: "/api/v1/inventory", expect: everyone(405) },
    },
  },
  "/api/stripe/webhook": {
    auth: "session",
    gate: "Stripe's signature is the credential; the e2e server runs without Stripe, so it answers 503 to everyone",
    methods: { POST: { url: "/api/stripe/webhook", expect: everyone(503) } },
  },
  "/api/v1/bookings/[id]/cancel": {
    auth: "bearer",
    gate: "apiRoute bookings.create; probed on an id that exists nowhere (nothing is cancelled)",
    methods: {
      POST: { url: "/api/v1/bookings/{missing}/cancel", expect: { owner: 404, manager: 404, staff: 404, creator: 404, brand: 403, outsider: 404, anonymous: 401 } },
      GET: { url: "/api/v1/bookings/{missing}/cancel", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/[id]/confirm": {
    auth: "bearer",
    gate: "apiRoute bookings.create; probed on an id that exists nowhere",
    methods: {
      POST: { url: "/api/v1/bookings/{missing}/confirm", expect: { owner: 404, manager: 404, staff: 404, creator: 404, brand: 403, outsider: 404, anonymous: 401 } },
      GET: { url: "/api/v1/bookings/{missing}/confirm", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/[id]/reschedule": {
    auth: "bearer",
    gate: "apiRoute bookings.create; an empty body is a 415 once past the gate",
    methods: {
      POST: { url: "/api/v1/bookings/{missing}/reschedule", expect: { owner: 415, manager: 415, staff: 415, creator: 415, brand: 403, outsider: 415, anonymous: 401 } },
      GET: { url: "/api/v1/bookings/{missing}/reschedule", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/series": {
    auth: "bearer",
    gate: "apiRoute bookings.create (weekly series, ?dryRun=1 to preview); an empty body is a 415 once past the gate",
    methods: {
      POST: { url: "/api/v1/bookings/series", expect: { owner: 415, manager: 415, staff: 415, creator: 415, brand: 403, outsider: 415, anonymous: 401 } },
      GET: { url: "/api/v1/bookings/series", expect: everyone(405) },
    },
  },
  "/api/v1/waitlist": {
    auth: "bearer",
    gate: "apiRoute bookings.create (join the waitlist of a taken time); an empty body is a 415 once past the gate",
    methods: {
      POST: { url: "/api/v1/waitlist", expect: { owner: 415, manager: 415, staff: 415, creator: 415, brand: 403, outsider: 415, anonymous: 401 } },
      GET: { url: "/api/v1/waitlist", expect: everyone(405) },
    },
  },
  "/api/v1/waitlist/[id]": {
    auth: "bearer",
    gate: "apiRoute bookings.create; probed on an id that exists nowhere (nobody leaves a waitlist)",
    methods: {
      DELETE: { url: "/api/v1/waitlist/{missing}", expect: { owner: 404, manager: 404, staff: 404, creator: 404, brand: 403, outsider: 404, anonymous: 401 } },
      GET: { url: "/api/v1/waitlist/{missing}", expect: everyone(405) },
    },
  },
  "/w/[workspace]/reports/export": {
    auth: "session",
    gate: "requireRouteMember reports.view: a CSV to owners and managers; a 404 (never a redirect) to other roles and non-members; the signed-out go to sign-in",
    methods: {
      GET: { url: "/w/demo/reports/export?report=revenue&from=2026-01&to=2026-03", expect: { owner: 200, manager: 200, staff: 404, creator: 404, brand: 404, outsider: 404, anonymous: 307 } },
    },
  },
  "/api/v1/reports/revenue": {
    auth: "bearer",
    gate: "apiRoute reports.view (owner, manager); the outsider's token reports on its own workspace",
    methods: {
      GET: { url: "/api/v1/reports/revenue?from=2026-01&to=2026-03", expect: { owner: 200, manager: 200, staff: 403, creator: 403, brand: 403, outsider: 200, anonymous: 401 } },
      POST: { url: "/api/v1/reports/revenue", expect: everyone(405) },
    },
  },
  "/api/v1/reports/utilization": {
    auth: "bearer",
    gate: "apiRoute reports.view (owner, manager); the outsider's token reports on its own workspace",
    methods: {
      GET: { url: "/api/v1/reports/utilization?from=2026-01&to=2026-03&format=csv", expect: { owner: 200, manager: 200, staff: 403, creator: 403, brand: 403, outsider: 200, anonymous: 401 } },
      POST: { url: "/api/v1/reports/utilization", expect: everyone(405) },
    },
  },
  "/api/v1/[...path]": {
    auth: "bearer",
    gate: "unknown /api/v1 paths: a 404 problem for everyone, never an HTML page",
    methods: {
      GET: { url: "/api/v1/authz-matrix-no-such-endpoint", expect: everyone(404) },
      POST: { url: "/api/v1/authz-matrix-no-such-endpoint", expect: everyone(404) },
      PUT: { url: "/api/v1/authz-matrix-no-such-endpoint", expect: everyone(404) },
      PATCH: { url: "/api/v1/authz-matrix-no-such-endpoint", expect: everyone(404) },
      DELETE: { url: "/api/v1/authz-matrix-no-such-endpoint", expect: everyone(404) },
    },
  },
};

export { ACTIONS, type ActionArgs, type ActionRow } from "./authz-matrix-actions";
