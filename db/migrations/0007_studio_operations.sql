ALTER TYPE "public"."movement_kind" ADD VALUE 'stored';--> statement-breakpoint
ALTER TYPE "public"."movement_kind" ADD VALUE 'collected';--> statement-breakpoint
ALTER TABLE "inventory_items" DROP CONSTRAINT "inventory_items_place_uq";--> statement-breakpoint
ALTER TABLE "storage_reservations" ADD COLUMN "nightly_rate_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "storage_reservations" ADD COLUMN "checked_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "storage_reservations" ADD COLUMN "checked_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "storage_reservations" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "storage_reservations" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "storage_units" ADD COLUMN "location_id" uuid;--> statement-breakpoint
ALTER TABLE "storage_units" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "storage_reservations" ADD CONSTRAINT "storage_reservations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storage_units" ADD CONSTRAINT "storage_units_location_id_storage_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."storage_locations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_place_uq" UNIQUE NULLS NOT DISTINCT("shipment_item_id","sku","location_id","owner_brand_id","owner_creator_id");