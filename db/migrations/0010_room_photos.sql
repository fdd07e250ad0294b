CREATE TABLE "room_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"bytes" "bytea",
	"object_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_photos_one_home" CHECK (("room_photos"."bytes" is null) <> ("room_photos"."object_key" is null)),
	CONSTRAINT "room_photos_type" CHECK ("room_photos"."content_type" in ('image/jpeg', 'image/png', 'image/webp')),
	CONSTRAINT "room_photos_size" CHECK ("room_photos"."size_bytes" > 0 and "room_photos"."size_bytes" <= 5242880)
);
--> statement-breakpoint
ALTER TABLE "room_photos" ADD CONSTRAINT "room_photos_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_photos" ADD CONSTRAINT "room_photos_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_photos_room_idx" ON "room_photos" USING btree ("room_id","created_at");