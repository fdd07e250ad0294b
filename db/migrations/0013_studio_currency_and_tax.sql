CREATE TYPE "public"."tax_mode" AS ENUM('none', 'exclusive', 'inclusive');--> statement-breakpoint
ALTER TYPE "public"."charge_kind" ADD VALUE 'tax';--> statement-breakpoint
-- Hand-edited: existing studios take their workspace's currency (what they were priced in until now), then the
-- column is required with no default, so a new studio always gets its currency from createStudio.
ALTER TABLE "studios" ADD COLUMN "currency" text;--> statement-breakpoint
UPDATE "studios" SET "currency" = "workspaces"."currency" FROM "workspaces" WHERE "workspaces"."id" = "studios"."workspace_id";--> statement-breakpoint
ALTER TABLE "studios" ALTER COLUMN "currency" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "tax_mode" "tax_mode" DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "tax_rate" numeric(6, 3) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "tax_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "tax_rate" numeric(6, 3);--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "taxed_charge_id" uuid;--> statement-breakpoint
ALTER TABLE "studios" ADD CONSTRAINT "studios_currency_iso" CHECK ("studios"."currency" ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "studios" ADD CONSTRAINT "studios_tax" CHECK ("studios"."tax_mode" = 'none' or ("studios"."tax_rate" > 0 and "studios"."tax_rate" <= 100 and "studios"."tax_name" <> ''));