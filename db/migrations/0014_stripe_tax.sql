CREATE TYPE "public"."tax_source" AS ENUM('studio', 'stripe');--> statement-breakpoint
ALTER TABLE "studios" DROP CONSTRAINT "studios_tax";--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "tax_source" "tax_source" DEFAULT 'studio' NOT NULL;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "tax_address" jsonb;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "tax_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "tax_check_error" text;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "taxable_cents" integer;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "stripe_tax" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "stripe_tax_transaction" text;--> statement-breakpoint
ALTER TABLE "studios" ADD CONSTRAINT "studios_stripe_tax" CHECK ("studios"."tax_source" = 'studio' or ("studios"."tax_mode" <> 'none' and "studios"."tax_address" is not null));--> statement-breakpoint
ALTER TABLE "studios" ADD CONSTRAINT "studios_tax" CHECK ("studios"."tax_mode" = 'none' or "studios"."tax_source" = 'stripe' or ("studios"."tax_rate" > 0 and "studios"."tax_rate" <= 100 and "studios"."tax_name" <> ''));