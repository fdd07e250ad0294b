CREATE TABLE "platform_fee_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"stripe_id" text NOT NULL,
	"stripe_account" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_fee_entries_stripe_id_unique" UNIQUE("stripe_id")
);
--> statement-breakpoint
DROP INDEX "stripe_customers_member_uq";--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "platform_fee_basis_points" integer;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "stripe_account" text;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD COLUMN "stripe_account" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_fee_entries" ADD CONSTRAINT "platform_fee_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_fee_entries" ADD CONSTRAINT "platform_fee_entries_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "platform_fee_entries_invoice_idx" ON "platform_fee_entries" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "platform_fee_entries_workspace_idx" ON "platform_fee_entries" USING btree ("workspace_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stripe_customers_member_uq" ON "stripe_customers" USING btree ("workspace_id","user_id","stripe_account");--> statement-breakpoint
-- Invoices sent before Connect were sent on the server's own account.
UPDATE "invoices" SET "stripe_account" = '' WHERE "stripe_invoice_id" IS NOT NULL;
