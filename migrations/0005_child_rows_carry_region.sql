-- Every reference is a foreign key (tools that read the schema, and auditors reading it, see the
-- relations), and the rows that belong to an asset carry its region code, kept equal to the
-- asset's by a key on both columns that follows a move: child reads are scoped like the asset's.
ALTER TABLE "region" ADD CONSTRAINT "region_parent_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party" ADD CONSTRAINT "party_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_implementing_party_id_party_id_fk" FOREIGN KEY ("implementing_party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_implementing_party_idx" ON "project" USING btree ("implementing_party_id");--> statement-breakpoint
ALTER TABLE "asset" ADD CONSTRAINT "asset_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset" ADD CONSTRAINT "asset_id_region_key" UNIQUE("id","region_code");--> statement-breakpoint
ALTER TABLE "asset_funding" ADD COLUMN "region_code" bigint;--> statement-breakpoint
ALTER TABLE "asset_status_change" ADD COLUMN "region_code" bigint;--> statement-breakpoint
ALTER TABLE "ownership" ADD COLUMN "region_code" bigint;--> statement-breakpoint
UPDATE "asset_funding" c SET "region_code" = a."region_code" FROM "asset" a WHERE a."id" = c."asset_id";--> statement-breakpoint
UPDATE "asset_status_change" c SET "region_code" = a."region_code" FROM "asset" a WHERE a."id" = c."asset_id";--> statement-breakpoint
UPDATE "ownership" c SET "region_code" = a."region_code" FROM "asset" a WHERE a."id" = c."asset_id";--> statement-breakpoint
ALTER TABLE "asset_funding" ALTER COLUMN "region_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "asset_status_change" ALTER COLUMN "region_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "ownership" ALTER COLUMN "region_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "asset_funding" DROP CONSTRAINT "asset_funding_asset_id_asset_id_fk";--> statement-breakpoint
ALTER TABLE "asset_status_change" DROP CONSTRAINT "asset_status_change_asset_id_asset_id_fk";--> statement-breakpoint
ALTER TABLE "ownership" DROP CONSTRAINT "ownership_asset_id_asset_id_fk";--> statement-breakpoint
ALTER TABLE "asset_funding" ADD CONSTRAINT "asset_funding_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "asset_status_change" ADD CONSTRAINT "asset_status_change_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "ownership" ADD CONSTRAINT "ownership_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;
