import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, ts, workspaceId } from "./columns";
import { brands, workspaces } from "./accounts";

export type EmailAttachment = { filename: string; contentType: string; content: string };

/**
 * The email outbox. Every message is written here first (in the transaction of the event that causes it);
 * a sender delivers it over SMTP when SMTP_URL is set, otherwise it stays here for the dev mailbox.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    toEmail: text("to_email").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    attachments: jsonb("attachments")
      .$type<EmailAttachment[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    kind: text("kind").notNull(),
    // Set for messages that must go out once per cause (e.g. "reminder:24h:<booking id>"): a repeat is a no-op.
    dedupeKey: text("dedupe_key").unique(),
    status: text("status").notNull().default("queued"), // queued | sending | sent | failed
    claimedAt: ts("claimed_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: ts("sent_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("notifications_status_idx").on(t.status, t.createdAt), index("notifications_to_idx").on(t.toEmail)],
);
export type Notification = typeof notifications.$inferSelect;

/**
 * A brand's webhook endpoint. Never disabled by the system: failures are shown to the brand, who can replay them.
 * `secret` signs every delivery (HMAC-SHA256 over "<timestamp>.<body>").
 */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: id(),
  workspaceId: workspaceId(),
  brandId: uuid("brand_id")
    .notNull()
    .references(() => brands.id, { onDelete: "cascade" }),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  secret: text("secret").notNull(),
  events: text("events")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  enabled: boolean("enabled").notNull().default(true),
  createdBy: uuid("created_by"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    workspaceId: workspaceId(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** The event's id, the same for every endpoint it goes to (receivers dedupe on it). */
    eventId: uuid("event_id").notNull().defaultRandom(),
    event: text("event").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status").notNull().default("pending"), // pending | delivered | failed (gave up after 3 days)
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at"),
    claimedUntil: ts("claimed_until"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastResponse: text("last_response"),
    lastDurationMs: integer("last_duration_ms"),
    deliveredAt: ts("delivered_at"),
    /** Retries stop after this (3 days after the event); the brand can still replay. */
    giveUpAt: ts("give_up_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
  ],
);

/** Every attempt of every delivery, for the brand's delivery log. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: id(),
    workspaceId: workspaceId(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    statusCode: integer("status_code"),
    error: text("error"),
    responseSnippet: text("response_snippet"),
    durationMs: integer("duration_ms").notNull(),
    replay: boolean("replay").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.createdAt)],
);
