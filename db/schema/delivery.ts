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
    attachments: jsonb("attachments").$type<EmailAttachment[]>().notNull().default(sql`'[]'::jsonb`),
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

export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: id(),
  workspaceId: workspaceId(),
  brandId: uuid("brand_id")
    .notNull()
    .references(() => brands.id, { onDelete: "cascade" }),
  url: text("url").notNull(),
  secret: text("secret").notNull(),
  events: text("events").array().notNull().default(sql`'{}'::text[]`),
  enabled: boolean("enabled").notNull().default(true),
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
    event: text("event").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status").notNull().default("pending"), // pending | delivered | failed
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt)],
);
