CREATE TABLE "project_funding" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_funding_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"source" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "project_funding_amount_positive" CHECK ("project_funding"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"region_code" bigint NOT NULL,
	"kind" text NOT NULL,
	"implementing_party_id" bigint,
	"status" text NOT NULL,
	"started_on" date,
	"completed_on" date,
	"accepted_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_funding" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_funding_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"project_id" bigint,
	"source" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "asset_funding_amount_positive" CHECK ("asset_funding"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "asset_status_change" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_status_change_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text NOT NULL,
	"effective_on" date NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text
);
--> statement-breakpoint
CREATE TABLE "asset" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"class" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"region_code" bigint NOT NULL,
	"address" text,
	"longitude" double precision,
	"latitude" double precision,
	"quantity" numeric(18, 3),
	"unit" text,
	"original_value_fen" bigint NOT NULL,
	"built_on" date,
	"completed_on" date,
	"accepted_on" date,
	"handed_over_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_original_value_not_negative" CHECK ("asset"."original_value_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ownership" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ownership_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"owner_party_id" bigint NOT NULL,
	"share_bp" integer NOT NULL,
	"certificate_no" text,
	"confirmed_on" date,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	CONSTRAINT "ownership_share_bp_range" CHECK ("ownership"."share_bp" between 1 and 10000),
	CONSTRAINT "ownership_valid_range" CHECK ("ownership"."valid_to" is null or "ownership"."valid_to" >= "ownership"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "project_funding" ADD CONSTRAINT "project_funding_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_funding" ADD CONSTRAINT "asset_funding_asset_id_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."asset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_funding" ADD CONSTRAINT "asset_funding_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_status_change" ADD CONSTRAINT "asset_status_change_asset_id_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."asset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownership" ADD CONSTRAINT "ownership_asset_id_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."asset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownership" ADD CONSTRAINT "ownership_owner_party_id_party_id_fk" FOREIGN KEY ("owner_party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_funding_project_idx" ON "project_funding" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_code_key" ON "project" USING btree ("code");--> statement-breakpoint
CREATE INDEX "project_region_idx" ON "project" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "project_year_idx" ON "project" USING btree ("year");--> statement-breakpoint
CREATE INDEX "asset_funding_asset_idx" ON "asset_funding" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "asset_funding_project_idx" ON "asset_funding" USING btree ("project_id","asset_id");--> statement-breakpoint
CREATE INDEX "asset_status_change_asset_idx" ON "asset_status_change" USING btree ("asset_id","effective_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_code_key" ON "asset" USING btree ("code");--> statement-breakpoint
CREATE INDEX "asset_region_idx" ON "asset" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "asset_region_value_idx" ON "asset" USING btree ("region_code","original_value_fen","id");--> statement-breakpoint
CREATE INDEX "asset_class_region_idx" ON "asset" USING btree ("class","region_code");--> statement-breakpoint
CREATE INDEX "asset_status_idx" ON "asset" USING btree ("status");--> statement-breakpoint
CREATE INDEX "asset_name_idx" ON "asset" USING btree ("name");--> statement-breakpoint
CREATE INDEX "ownership_asset_idx" ON "ownership" USING btree ("asset_id","valid_from");--> statement-breakpoint
CREATE INDEX "ownership_owner_idx" ON "ownership" USING btree ("owner_party_id","asset_id");