CREATE TYPE "public"."invoice_status" AS ENUM('draft', 'not_sent', 'open', 'paid', 'failed', 'void', 'uncollectible');--> statement-breakpoint
ALTER TABLE "invoices" ALTER COLUMN "status" SET DEFAULT 'draft'::"public"."invoice_status";--> statement-breakpoint
ALTER TABLE "invoices" ALTER COLUMN "status" SET DATA TYPE "public"."invoice_status" USING "status"::"public"."invoice_status";--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "corrects_charge_id" uuid;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "voided_by" uuid;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "stripe_credit_note_id" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "group_key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "booking_id" uuid;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "stripe_payment_intent_id" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "amount_paid_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "amount_refunded_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "failure_message" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "leased_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD COLUMN "card_brand" text;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD COLUMN "card_last4" text;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD COLUMN "card_exp_month" integer;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD COLUMN "card_exp_year" integer;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "charges_pending_idx" ON "charges" USING btree ("status") WHERE "charges"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "charges_booking_idx" ON "charges" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_group_uq" ON "invoices" USING btree ("workspace_id","group_key");--> statement-breakpoint
CREATE INDEX "invoices_due_idx" ON "invoices" USING btree ("status","next_attempt_at");