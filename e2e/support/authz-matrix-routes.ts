import type { HttpMethod, PerActor } from "./authz-matrix";

/**
 * The route-handler rows of the authorization matrix (re-exported by e2e/support/authz-matrix.ts, which explains
 * the actors and the outcomes). EVERY EXPORTED HTTP METHOD OF AN app/**\/route.ts NEEDS A ROW HERE.
 */

/** The same status for every actor (public routes, 405s). */
const everyone = (status: number): PerActor<number> => ({
  owner: status,
  manager: status,
  staff: status,
  creator: status,
  brand: status,
  outsider: status,
  anonymous: status,
});

export type RouteProbe = { url: string; expect: PerActor<number> };
export type RouteRow = { auth: "bearer" | "session"; gate: string; methods: Partial<Record<HttpMethod, RouteProbe>> };

/** Keyed by the URL pattern of the route handler; one probe per exported HTTP method. */
export const ROUTES: Record<string, RouteRow> = {
  "/media/rooms/[photoId]": {
    auth: "session",
    gate: "public: uploaded room photos, shown on the public studio page; an unknown id is 404 for everyone, never a sign-in",
    methods: { GET: { url: "/media/rooms/{missing}", expect: everyone(404) } },
  },
  "/api/health": { auth: "session", gate: "public", methods: { GET: { url: "/api/health", expect: everyone(200) } } },
  "/api/auth/[...nextauth]": {
    auth: "session",
    gate: "Auth.js: public; a POST without its CSRF token is sent back to sign-in and changes nothing",
    methods: {
      GET: { url: "/api/auth/csrf", expect: everyone(200) },
      POST: { url: "/api/auth/signout", expect: everyone(302) },
    },
  },
  "/api/calendar/[token]": {
    auth: "session",
    gate: "the secret in the URL is the credential: an unknown one is a 404 for everyone",
    methods: { GET: { url: "/api/calendar/cal_no-such-feed.ics", expect: everyone(404) } },
  },
  "/api/v1/openapi.json": {
    auth: "session",
    gate: "public: the API's description",
    methods: { GET: { url: "/api/v1/openapi.json", expect: everyone(200) } },
  },
  "/api/v1/me": {
    auth: "bearer",
    gate: "apiRoute workspace.view: the token's own user, workspace and role",
    methods: {
      GET: {
        url: "/api/v1/me",
        expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 200, outsider: 200, anonymous: 401 },
      },
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
      GET: {
        url: "/api/v1/studios",
        expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 200, outsider: 200, anonymous: 401 },
      },
      POST: { url: "/api/v1/studios", expect: everyone(405) },
    },
  },
  "/api/v1/availability": {
    auth: "bearer",
    gate: "apiRoute bookings.view; the room must be the workspace's (the outsider's token is for its own workspace: 404)",
    methods: {
      GET: {
        url: "/api/v1/availability?roomId={room}&from=2030-01-07&to=2030-01-13&durationMinutes=60",
        expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 403, outsider: 404, anonymous: 401 },
      },
      POST: { url: "/api/v1/availability", expect: everyone(405) },
    },
  },
  "/api/v1/bookings": {
    auth: "bearer",
    gate: "apiRoute bookings.view / bookings.create (brands never book); an empty POST is a 415 once past the gate",
    methods: {
      GET: {
        url: "/api/v1/bookings",
        expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 403, outsider: 200, anonymous: 401 },
      },
      POST: {
        url: "/api/v1/bookings",
        expect: { owner: 415, manager: 415, staff: 415, creator: 415, brand: 403, outsider: 415, anonymous: 401 },
      },
    },
  },
  "/api/v1/bookings/[id]": {
    auth: "bearer",
    gate: "apiRoute bookings.view; creator@demo's booking: its creator, staff of its studio, managers and owners",
    methods: {
      GET: {
        url: "/api/v1/bookings/{booking}",
        expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 403, outsider: 404, anonymous: 401 },
      },
      POST: { url: "/api/v1/bookings/{booking}", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/[id]/check-in": {
    auth: "bearer",
    gate: "apiRoute bookings.operate (staff, managers, owners); probed on an id that exists nowhere",
    methods: {
      POST: {
        url: "/api/v1/bookings/{missing}/check-in",
        expect: { owner: 404, manager: 404, staff: 404, creator: 403, brand: 403, outsider: 404, anonymous: 401 },
      },
      GET: { url: "/api/v1/bookings/{missing}/check-in", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/[id]/check-out": {
    auth: "bearer",
    gate: "apiRoute bookings.operate; probed on an id that exists nowhere",
    methods: {
      POST: {
        url: "/api/v1/bookings/{missing}/check-out",
        expect: { owner: 404, manager: 404, staff: 404, creator: 403, brand: 403, outsider: 404, anonymous: 401 },
      },
      GET: { url: "/api/v1/bookings/{missing}/check-out", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/[id]/no-show": {
    auth: "bearer",
    gate: "apiRoute bookings.operate; probed on an id that exists nowhere",
    methods: {
      POST: {
        url: "/api/v1/bookings/{missing}/no-show",
        expect: { owner: 404, manager: 404, staff: 404, creator: 403, brand: 403, outsider: 404, anonymous: 401 },
      },
      GET: { url: "/api/v1/bookings/{missing}/no-show", expect: everyone(405) },
    },
  },
  "/api/v1/charges": {
    auth: "bearer",
    gate: "apiRoute billing.view: a creator's own charges, owners' and managers' all; staff and brands never",
    methods: {
      GET: {
        url: "/api/v1/charges",
        expect: { owner: 200, manager: 200, staff: 403, creator: 200, brand: 403, outsider: 200, anonymous: 401 },
      },
      POST: { url: "/api/v1/charges", expect: everyone(405) },
    },
  },
  "/api/v1/charges/[id]/void": {
    auth: "bearer",
    gate: "apiRoute billing.manage; an empty body is a 415 once past the gate",
    methods: {
      POST: {
        url: "/api/v1/charges/{missing}/void",
        expect: { owner: 415, manager: 415, staff: 403, creator: 403, brand: 403, outsider: 415, anonymous: 401 },
      },
      GET: { url: "/api/v1/charges/{missing}/void", expect: everyone(405) },
    },
  },
  "/api/v1/charges/[id]/credit": {
    auth: "bearer",
    gate: "apiRoute billing.manage; an empty body is a 415 once past the gate",
    methods: {
      POST: {
        url: "/api/v1/charges/{missing}/credit",
        expect: { owner: 415, manager: 415, staff: 403, creator: 403, brand: 403, outsider: 415, anonymous: 401 },
      },
      GET: { url: "/api/v1/charges/{missing}/credit", expect: everyone(405) },
    },
  },
  "/api/v1/invoices": {
    auth: "bearer",
    gate: "apiRoute billing.view",
    methods: {
      GET: {
        url: "/api/v1/invoices",
        expect: { owner: 200, manager: 200, staff: 403, creator: 200, brand: 403, outsider: 200, anonymous: 401 },
      },
      POST: { url: "/api/v1/invoices", expect: everyone(405) },
    },
  },
  "/api/v1/invoices/[id]": {
    auth: "bearer",
    gate: "apiRoute billing.view; creator2@demo's invoice: creator@demo gets 404, like another workspace's token",
    methods: {
      GET: {
        url: "/api/v1/invoices/{invoice2}",
        expect: { owner: 200, manager: 200, staff: 403, creator: 404, brand: 403, outsider: 404, anonymous: 401 },
      },
      POST: { url: "/api/v1/invoices/{invoice2}", expect: everyone(405) },
    },
  },
  "/api/v1/shipments": {
    auth: "bearer",
    gate: "apiRoute shipments.view / shipments.create (brands, owners, managers); an empty POST is a 415 once past the gate",
    methods: {
      GET: {
        url: "/api/v1/shipments",
        expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 200, outsider: 200, anonymous: 401 },
      },
      POST: {
        url: "/api/v1/shipments",
        expect: { owner: 415, manager: 415, staff: 403, creator: 403, brand: 415, outsider: 415, anonymous: 401 },
      },
    },
  },
  "/api/v1/shipments/[id]": {
    auth: "bearer",
    gate: "apiRoute shipments.view; an id that exists nowhere is a 404 for everyone signed in",
    methods: {
      GET: {
        url: "/api/v1/shipments/{missing}",
        expect: { owner: 404, manager: 404, staff: 404, creator: 404, brand: 404, outsider: 404, anonymous: 401 },
      },
      POST: { url: "/api/v1/shipments/{missing}", expect: everyone(405) },
    },
  },
  "/api/v1/inventory": {
    auth: "bearer",
    gate: "apiRoute inventory.view (each sees only the stock it may: brands their own, staff their studios')",
    methods: {
      GET: {
        url: "/api/v1/inventory",
        expect: { owner: 200, manager: 200, staff: 200, creator: 200, brand: 200, outsider: 200, anonymous: 401 },
      },
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
      POST: {
        url: "/api/v1/bookings/{missing}/cancel",
        expect: { owner: 404, manager: 404, staff: 404, creator: 404, brand: 403, outsider: 404, anonymous: 401 },
      },
      GET: { url: "/api/v1/bookings/{missing}/cancel", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/[id]/confirm": {
    auth: "bearer",
    gate: "apiRoute bookings.create; probed on an id that exists nowhere",
    methods: {
      POST: {
        url: "/api/v1/bookings/{missing}/confirm",
        expect: { owner: 404, manager: 404, staff: 404, creator: 404, brand: 403, outsider: 404, anonymous: 401 },
      },
      GET: { url: "/api/v1/bookings/{missing}/confirm", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/[id]/reschedule": {
    auth: "bearer",
    gate: "apiRoute bookings.create; an empty body is a 415 once past the gate",
    methods: {
      POST: {
        url: "/api/v1/bookings/{missing}/reschedule",
        expect: { owner: 415, manager: 415, staff: 415, creator: 415, brand: 403, outsider: 415, anonymous: 401 },
      },
      GET: { url: "/api/v1/bookings/{missing}/reschedule", expect: everyone(405) },
    },
  },
  "/api/v1/bookings/series": {
    auth: "bearer",
    gate: "apiRoute bookings.create (weekly series, ?dryRun=1 to preview); an empty body is a 415 once past the gate",
    methods: {
      POST: {
        url: "/api/v1/bookings/series",
        expect: { owner: 415, manager: 415, staff: 415, creator: 415, brand: 403, outsider: 415, anonymous: 401 },
      },
      GET: { url: "/api/v1/bookings/series", expect: everyone(405) },
    },
  },
  "/api/v1/waitlist": {
    auth: "bearer",
    gate: "apiRoute bookings.create (join the waitlist of a taken time); an empty body is a 415 once past the gate",
    methods: {
      POST: {
        url: "/api/v1/waitlist",
        expect: { owner: 415, manager: 415, staff: 415, creator: 415, brand: 403, outsider: 415, anonymous: 401 },
      },
      GET: { url: "/api/v1/waitlist", expect: everyone(405) },
    },
  },
  "/api/v1/waitlist/[id]": {
    auth: "bearer",
    gate: "apiRoute bookings.create; probed on an id that exists nowhere (nobody leaves a waitlist)",
    methods: {
      DELETE: {
        url: "/api/v1/waitlist/{missing}",
        expect: { owner: 404, manager: 404, staff: 404, creator: 404, brand: 403, outsider: 404, anonymous: 401 },
      },
      GET: { url: "/api/v1/waitlist/{missing}", expect: everyone(405) },
    },
  },
  "/w/[workspace]/reports/export": {
    auth: "session",
    gate: "requireRouteMember reports.view: a CSV to owners and managers; a 404 (never a redirect) to other roles and non-members; the signed-out go to sign-in",
    methods: {
      GET: {
        url: "/w/demo/reports/export?report=revenue&from=2026-01&to=2026-03",
        expect: { owner: 200, manager: 200, staff: 404, creator: 404, brand: 404, outsider: 404, anonymous: 307 },
      },
    },
  },
  "/w/[workspace]/settings/audit/export": {
    auth: "session",
    gate: "requireRouteMember audit.view: the CSV to owners; a 404 (never a redirect) to other roles and non-members; the signed-out go to sign-in",
    methods: {
      GET: {
        url: "/w/demo/settings/audit/export?topic=money",
        expect: { owner: 200, manager: 404, staff: 404, creator: 404, brand: 404, outsider: 404, anonymous: 307 },
      },
    },
  },
  // Stripe's return_url and refresh_url for Connect onboarding: owners are sent back to the Payments page (on the
  // main e2e server Stripe is not configured, so neither asks Stripe anything); everyone else gets a 404.
  "/w/[workspace]/settings/payments/return": {
    auth: "session",
    gate: "requireRouteMember payments.manage: re-reads the account and redirects to the Payments page; a 404 to other roles and non-members; the signed-out go to sign-in",
    methods: {
      GET: {
        url: "/w/demo/settings/payments/return",
        expect: { owner: 303, manager: 404, staff: 404, creator: 404, brand: 404, outsider: 404, anonymous: 307 },
      },
    },
  },
  "/w/[workspace]/settings/payments/refresh": {
    auth: "session",
    gate: "requireRouteMember payments.manage: a new onboarding link (a redirect to it, or to the Payments page); a 404 to other roles and non-members; the signed-out go to sign-in",
    methods: {
      GET: {
        url: "/w/demo/settings/payments/refresh",
        expect: { owner: 303, manager: 404, staff: 404, creator: 404, brand: 404, outsider: 404, anonymous: 307 },
      },
    },
  },
  "/api/v1/reports/revenue": {
    auth: "bearer",
    gate: "apiRoute reports.view (owner, manager); the outsider's token reports on its own workspace",
    methods: {
      GET: {
        url: "/api/v1/reports/revenue?from=2026-01&to=2026-03",
        expect: { owner: 200, manager: 200, staff: 403, creator: 403, brand: 403, outsider: 200, anonymous: 401 },
      },
      POST: { url: "/api/v1/reports/revenue", expect: everyone(405) },
    },
  },
  "/api/v1/reports/utilization": {
    auth: "bearer",
    gate: "apiRoute reports.view (owner, manager); the outsider's token reports on its own workspace",
    methods: {
      GET: {
        url: "/api/v1/reports/utilization?from=2026-01&to=2026-03&format=csv",
        expect: { owner: 200, manager: 200, staff: 403, creator: 403, brand: 403, outsider: 200, anonymous: 401 },
      },
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
