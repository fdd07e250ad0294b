import { z } from "zod";
import {
  availabilityQuerySchema,
  createBookingSchema,
  rescheduleBookingSchema,
  seriesQuerySchema,
  seriesRequestSchema,
  waitlistJoinSchema,
} from "../bookings/schemas";
import { creditChargeSchema, voidChargeSchema } from "../billing/schemas";
import { chargeListQuerySchema, invoiceListQuerySchema } from "../billing/list-billing";
import { bookingListQuerySchema } from "../bookings/list-bookings";
import { inventoryPageQuerySchema } from "../samples/inventory";
import { shipmentPageQuerySchema } from "../samples/queries";
import { studioListQuerySchema } from "../studios/list-studios";
import { IDEMPOTENCY_KEY_MAX } from "./idempotency";
import { PAGE_LIMIT_MAX, pageFieldsSchema } from "./pagination";
import { reportQuerySchema } from "../billing/report-schemas";
import { chargeResponseSchema, invoiceResponseSchema } from "../billing/response-schemas";
import { createShipmentSchema, inventoryResponseSchema, shipmentResponseSchema } from "../samples/schemas";
import { revenueReportResponseSchema, utilizationReportResponseSchema } from "./report-schemas";
import { availabilityResponseSchema, meResponseSchema, problemSchema, studiosResponseSchema } from "./schemas";
import {
  bookingResponseSchema,
  seriesPreviewResponseSchema,
  seriesResponseSchema,
  waitlistEntryResponseSchema,
} from "../bookings/response-schemas";

type Operation = {
  method: "get" | "post" | "delete";
  path: string;
  summary: string;
  permission: string;
  query?: z.ZodObject | z.ZodType;
  body?: z.ZodType;
  ok: { status: number; schema: z.ZodType; description: string };
  /** Also answers `text/csv` (with `?format=csv`). */
  csv?: boolean;
  /** A list answered a page at a time (`limit`, `cursor`; `hasMore`, `nextCursor` and a `Link` header). */
  paged?: boolean;
  /** A creating POST that honours `Idempotency-Key`. */
  idempotent?: boolean;
  errors: number[];
};

/**
 * Every /api/v1 operation. The request schemas are the same zod schemas the handlers parse with, so the document
 * cannot drift from what the API accepts; a test checks that every route file has an entry here.
 */
/** A list's answer: its rows in `data` and the paging fields. */
const pageOf = (row: z.ZodType) => z.object({ data: z.array(row) }).extend(pageFieldsSchema.shape);

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/me",
    summary: "The user, workspace and role behind the token",
    permission: "any member",
    ok: { status: 200, schema: meResponseSchema, description: "Who you are" },
    errors: [401],
  },
  {
    method: "get",
    path: "/studios",
    summary: "Studios and their rooms, by name",
    permission: "any member",
    query: studioListQuerySchema,
    paged: true,
    ok: { status: 200, schema: studiosResponseSchema.extend(pageFieldsSchema.shape), description: "Studios" },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/availability",
    summary: "Free start times of a room (dates are local to the studio)",
    permission: "owner, manager, staff, creator",
    query: availabilityQuerySchema,
    ok: { status: 200, schema: availabilityResponseSchema, description: "Free slots, ISO 8601 instants" },
    errors: [400, 401, 403, 404],
  },
  {
    method: "get",
    path: "/bookings",
    summary:
      "Your bookings (staff: your studios'; owners and managers: all): upcoming and all by start, oldest first; past newest first",
    permission: "owner, manager, staff, creator",
    query: bookingListQuerySchema,
    paged: true,
    ok: { status: 200, schema: pageOf(bookingResponseSchema), description: "Bookings" },
    errors: [400, 401, 403],
  },
  {
    method: "post",
    path: "/bookings",
    summary:
      "Book a room (creators for themselves; staff, managers and owners for a creator via creatorId; `hold: true` holds it for the policy's minutes)",
    permission: "owner, manager, staff, creator",
    body: createBookingSchema,
    idempotent: true,
    ok: { status: 201, schema: bookingResponseSchema, description: "The booking" },
    errors: [400, 401, 403, 404, 409, 415, 422],
  },
  {
    method: "get",
    path: "/bookings/{id}",
    summary: "One booking",
    permission: "who may see it",
    ok: { status: 200, schema: bookingResponseSchema, description: "The booking" },
    errors: [401, 403, 404],
  },
  {
    method: "post",
    path: "/bookings/{id}/confirm",
    summary: "Confirm a hold before it expires",
    permission: "owner, manager, staff, creator",
    ok: { status: 200, schema: bookingResponseSchema, description: "The confirmed booking" },
    errors: [401, 403, 404, 422],
  },
  {
    method: "post",
    path: "/bookings/{id}/cancel",
    summary: "Cancel; the answer carries the fee charged by policy",
    permission: "owner, manager, staff, creator",
    ok: { status: 200, schema: bookingResponseSchema, description: "The cancelled booking with `fee`" },
    errors: [401, 403, 404, 422],
  },
  {
    method: "post",
    path: "/bookings/{id}/reschedule",
    summary: "Move the booking to a new time in the same room, atomically",
    permission: "owner, manager, staff, creator",
    body: rescheduleBookingSchema,
    ok: { status: 200, schema: bookingResponseSchema, description: "The moved booking" },
    errors: [400, 401, 403, 404, 409, 415, 422],
  },
  {
    method: "post",
    path: "/bookings/series",
    summary:
      "Book a room every week (weekdays 0 = Sunday .. 6, startTime on the studio's clock, 1–26 weeks). `?dryRun=true` (or `dryRun: true` in the body) only checks every date (200 with `occurrences`); any other value than true/1/false/0 is a 400. `mode: free_only` books the free dates; `all_or_nothing` books none unless all are free (409 `series_conflict` lists every date)",
    permission: "owner, manager, staff, creator",
    query: seriesQuerySchema,
    body: seriesRequestSchema,
    idempotent: true,
    ok: {
      status: 201,
      schema: seriesResponseSchema.or(seriesPreviewResponseSchema),
      description: "The series, its bookings and every date (a dry run: 200 with the dates only)",
    },
    errors: [400, 401, 403, 404, 409, 415, 422],
  },
  {
    method: "post",
    path: "/waitlist",
    summary:
      "Wait for a taken time: when it frees up it is held for you (the policy's hold minutes) and you get an email. A free time is a 409 `slot_free` (book it instead); 200 when already waiting",
    permission: "owner, manager, staff, creator",
    body: waitlistJoinSchema,
    idempotent: true,
    ok: { status: 201, schema: waitlistEntryResponseSchema, description: "The waitlist entry" },
    errors: [400, 401, 403, 404, 409, 415, 422],
  },
  {
    method: "get",
    path: "/reports/revenue",
    summary:
      "Revenue by month, studio, room and currency: every charge that is not void (credits are negative), split by kind, paid and outstanding; months on each studio's clock; currencies are never added together. `?format=csv` for a CSV file",
    permission: "owner, manager",
    query: reportQuerySchema,
    ok: {
      status: 200,
      schema: revenueReportResponseSchema,
      description: "The report (or a CSV file with `format=csv`)",
    },
    csv: true,
    errors: [400, 401, 403],
  },
  {
    method: "get",
    path: "/reports/utilization",
    summary:
      "Utilization of each room per month: open minutes (opening hours, closures excluded, DST honoured), booked minutes inside them (confirmed, checked-in, completed, no-show) and the percentage. `?format=csv` for a CSV file",
    permission: "owner, manager",
    query: reportQuerySchema,
    ok: {
      status: 200,
      schema: utilizationReportResponseSchema,
      description: "The report (or a CSV file with `format=csv`)",
    },
    csv: true,
    errors: [400, 401, 403],
  },
  {
    method: "delete",
    path: "/waitlist/{id}",
    summary: "Leave the waitlist (a hold offered to you is released to the next in line)",
    permission: "owner, manager, staff, creator",
    ok: { status: 200, schema: waitlistEntryResponseSchema, description: "The withdrawn entry" },
    errors: [401, 403, 404, 422],
  },
  {
    method: "post",
    path: "/bookings/{id}/check-in",
    summary: "Check the creator in (from an hour before the start)",
    permission: "owner, manager, staff of the studio",
    ok: { status: 200, schema: bookingResponseSchema, description: "The checked-in booking" },
    errors: [401, 403, 404, 422],
  },
  {
    method: "post",
    path: "/bookings/{id}/check-out",
    summary: "Check the creator out: the session is completed and its room time and add-ons are charged",
    permission: "owner, manager, staff of the studio",
    ok: {
      status: 200,
      schema: bookingResponseSchema.extend({ chargedCents: z.number().int() }),
      description: "The completed booking and what was charged",
    },
    errors: [401, 403, 404, 422],
  },
  {
    method: "post",
    path: "/bookings/{id}/no-show",
    summary: "Mark a no-show (15 minutes after the start); the policy's fee is charged",
    permission: "owner, manager, staff of the studio",
    ok: {
      status: 200,
      schema: bookingResponseSchema.extend({ feeCents: z.number().int() }),
      description: "The booking and the fee",
    },
    errors: [401, 403, 404, 422],
  },
  {
    method: "get",
    path: "/charges",
    summary: "The ledger: your charges (owners and managers: every creator's)",
    permission: "owner, manager, creator",
    query: chargeListQuerySchema,
    paged: true,
    ok: { status: 200, schema: pageOf(chargeResponseSchema), description: "Charges, newest first" },
    errors: [400, 401, 403],
  },
  {
    method: "post",
    path: "/charges/{id}/void",
    summary: "Void a charge not yet invoiced, with a reason",
    permission: "owner, manager",
    body: voidChargeSchema,
    ok: { status: 200, schema: chargeResponseSchema, description: "The voided charge" },
    errors: [400, 401, 403, 404, 415, 422],
  },
  {
    method: "post",
    path: "/charges/{id}/credit",
    summary:
      "Credit an invoiced charge (a Stripe credit note, refunding the card when the invoice was paid). Send `Idempotency-Key` (8 to 100 characters here) to make retries safe.",
    permission: "owner, manager",
    body: creditChargeSchema.omit({ requestId: true }),
    idempotent: true,
    ok: { status: 201, schema: chargeResponseSchema, description: "The credit (a negative charge)" },
    errors: [400, 401, 403, 404, 415, 422],
  },
  {
    method: "get",
    path: "/invoices",
    summary: "Invoices, one per session or fee event, with hosted and PDF links",
    permission: "owner, manager, creator",
    query: invoiceListQuerySchema,
    paged: true,
    ok: { status: 200, schema: pageOf(invoiceResponseSchema), description: "Invoices, newest first" },
    errors: [400, 401, 403],
  },
  {
    method: "get",
    path: "/invoices/{id}",
    summary: "One invoice with its charges",
    permission: "its creator, owner, manager",
    ok: {
      status: 200,
      schema: invoiceResponseSchema.extend({ charges: z.array(chargeResponseSchema) }),
      description: "The invoice",
    },
    errors: [401, 403, 404],
  },
  {
    method: "post",
    path: "/shipments",
    summary:
      "Announce a shipment of samples to a studio (brands; owners and managers name the brand). 201 with its code for the label.",
    permission: "owner, manager, brand",
    body: createShipmentSchema,
    idempotent: true,
    ok: { status: 201, schema: shipmentResponseSchema, description: "The shipment" },
    errors: [400, 401, 403, 415, 422],
  },
  {
    method: "get",
    path: "/shipments",
    summary: "Shipments: a brand's own, a creator's addressed to them, staff their studios'",
    permission: "any member",
    query: shipmentPageQuerySchema,
    paged: true,
    ok: { status: 200, schema: pageOf(shipmentResponseSchema), description: "Shipments, newest first" },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/shipments/{id}",
    summary: "One shipment with its items, discrepancies and timeline",
    permission: "who may see it",
    ok: { status: 200, schema: shipmentResponseSchema, description: "The shipment" },
    errors: [401, 404],
  },
  {
    method: "get",
    path: "/inventory",
    summary: "Stock on hand per place and owner (brands: their own; staff: their studios'), by place code and SKU",
    permission: "any member",
    query: inventoryPageQuerySchema,
    paged: true,
    ok: { status: 200, schema: inventoryResponseSchema.extend(pageFieldsSchema.shape), description: "Stock" },
    errors: [400, 401],
  },
];

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid fields (each named in `errors`)",
  401: "Missing, unknown or revoked token",
  403: "Your role does not allow this",
  404: "No such resource in your workspace",
  409: "The time is taken (`conflict` names the range)",
  415: "The body must be application/json",
  422: "A booking rule forbids it (`rule` names it)",
};

/** Every list's paging, said once for the document's description and each list's `Link` header. */
const PAGING = `Lists answer a page at a time, in a total order (their sort key, then id): \`limit\` rows (1 to ${PAGE_LIMIT_MAX}, 50 by default; anything else is a 400) in \`data\`, with \`hasMore\` and \`nextCursor\`. Send \`cursor=<nextCursor>\` with the same other parameters for the next page (the \`Link: <…>; rel="next"\` header is that URL) until \`nextCursor\` is null. A cursor is opaque and belongs to its list (and for bookings to its \`when\`): an edited or foreign one is a 400 naming \`cursor\`.`;
const IDEMPOTENCY = `Every POST that creates something (bookings, series, waitlist entries, shipments, credits) accepts \`Idempotency-Key\` (1 to ${IDEMPOTENCY_KEY_MAX} characters; a UUID is a good choice). For 24 hours the first answer to a key (status and body, errors included, except 5xx) is replayed, per API token, with \`Idempotent-Replayed: true\`, and nothing is done again. The same key with a different request (method, path, query or body) is a 422 \`idempotency_key_reused\`; a retry while the first request is still running is a 409 \`idempotency_in_progress\`.`;

const IDEMPOTENCY_KEY_PARAMETER = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Makes a retry safe: the first answer to this key is replayed for 24 hours (per token) instead of creating again.",
  schema: { type: "string", minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX },
};
const LINK_HEADER = {
  description: 'The next page: `<url>; rel="next"` (absent on the last page)',
  schema: { type: "string" },
};
const REPLAYED_HEADER = {
  description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key",
  schema: { type: "string", enum: ["true"] },
};

function errorText(op: Operation, status: number) {
  if (op.idempotent && status === 400) return `${ERROR_TEXT[400]}; also a missing or too long Idempotency-Key value`;
  if (op.idempotent && status === 409)
    return `${op.errors.includes(409) ? `${ERROR_TEXT[409]}; or a` : "A"} request with this Idempotency-Key is still in progress (\`idempotency_in_progress\`)`;
  if (op.idempotent && status === 422)
    return `${op.errors.includes(422) ? `${ERROR_TEXT[422]}; or this` : "This"} Idempotency-Key was used for a different request (\`idempotency_key_reused\`)`;
  if (op.paged && status === 400)
    return `${ERROR_TEXT[400]}: also \`limit\` out of range or a \`cursor\` that is not this list's`;
  return ERROR_TEXT[status];
}

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" });

/** The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters: unknown[] = op.path.includes("{id}")
      ? [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }]
      : [];
    if (op.query) {
      const q = schema(op.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(q.properties ?? {}))
        parameters.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema: s });
    }
    if (op.idempotent) parameters.push(IDEMPOTENCY_KEY_PARAMETER);
    const content: Record<string, unknown> = { "application/json": { schema: schema(op.ok.schema) } };
    if (op.csv) content["text/csv"] = { schema: { type: "string", description: "RFC 4180, a header row first" } };
    const headers = {
      ...(op.paged ? { link: LINK_HEADER } : {}),
      ...(op.idempotent ? { "idempotent-replayed": REPLAYED_HEADER } : {}),
    };
    const responses: Record<string, unknown> = {
      [op.ok.status]: { description: op.ok.description, content, ...(Object.keys(headers).length ? { headers } : {}) },
    };
    const errors = op.idempotent ? [...new Set([...op.errors, 400, 409, 422])].sort((a, b) => a - b) : op.errors;
    for (const status of errors)
      responses[status] = {
        description: errorText(op, status),
        content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
      };
    (paths[`/api/v1${op.path}`] ??= {})[op.method] = {
      summary: op.summary,
      description: `Who may call it: ${op.permission}.`,
      parameters,
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: schema(op.body) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Livebase API",
      version: "1",
      description: `Bookings and studios of one workspace. Authenticate with a personal token: \`Authorization: Bearer <token>\`.\n\n${PAGING}\n\n${IDEMPOTENCY}`,
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: { Problem: schema(problemSchema) },
    },
    paths,
  };
}
