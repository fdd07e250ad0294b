import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, shipmentEvents, shipments, users, workspaces } from "@/db/schema";
import { getEnv } from "../env";
import { enqueueEmail } from "../notifications/outbox";
import { emailLayout } from "../notifications/templates";
import { enqueueWebhookEvent } from "../webhooks/events";

type Shipment = typeof shipments.$inferSelect;

/** One line of a shipment's timeline, written in the transaction of what it records. */
export async function recordShipmentEvent(
  tx: DbOrTx,
  s: Pick<Shipment, "id" | "workspaceId">,
  input: { kind: string; message: string; data?: Record<string, unknown>; actorUserId: string | null; now: Date },
) {
  await tx.insert(shipmentEvents).values({
    workspaceId: s.workspaceId,
    shipmentId: s.id,
    kind: input.kind,
    message: input.message,
    data: input.data ?? {},
    actorUserId: input.actorUserId,
    createdAt: input.now,
  });
}

const WEBHOOK_OF = {
  received: "shipment.received",
  discrepancy: "shipment.discrepancy",
  staged: "item.staged",
  disposed: "item.disposed",
} as const;

/**
 * Tells the brand (every member of it) and the creator about a step of their shipment, by email, and the brand's
 * webhook endpoints when the step has a webhook event. In the caller's transaction: if the step rolls back, so
 * does the news of it.
 */
export async function notifyShipment(
  tx: DbOrTx,
  s: Shipment,
  input: {
    kind: "received" | "discrepancy" | "staged" | "disposed" | "returned" | "given";
    title: string;
    lines: string[];
    data: Record<string, unknown>;
    now: Date;
    dedupeKey: string;
  },
) {
  const recipients = new Set<string>();
  if (s.brandId) {
    const members = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.workspaceId, s.workspaceId),
          eq(memberships.role, "brand"),
          eq(memberships.brandId, s.brandId),
        ),
      );
    for (const m of members) recipients.add(m.email);
  }
  if (s.creatorId) {
    const [creator] = await tx.select({ email: users.email }).from(users).where(eq(users.id, s.creatorId));
    if (creator) recipients.add(creator.email);
  }
  const [ws] = await tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, s.workspaceId));
  const url = `${getEnv().APP_URL}/w/${ws?.slug ?? ""}/shipments/${s.id}`;
  for (const to of recipients) {
    await enqueueEmail(tx, {
      to,
      workspaceId: s.workspaceId,
      kind: `shipment.${input.kind}`,
      subject: `${input.title} · shipment ${s.code}`,
      dedupeKey: `${input.dedupeKey}:${to}`,
      ...emailLayout(input.title, input.lines, { label: "Open the shipment", url }),
    });
  }
  const event = input.kind in WEBHOOK_OF ? WEBHOOK_OF[input.kind as keyof typeof WEBHOOK_OF] : null;
  if (event && s.brandId) {
    await enqueueWebhookEvent(tx, {
      workspaceId: s.workspaceId,
      brandId: s.brandId,
      event,
      data: { shipment: { id: s.id, code: s.code, status: s.status }, ...input.data },
      now: input.now,
    });
  }
}
