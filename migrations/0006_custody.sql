CREATE TABLE "custody_assignment" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "custody_assignment_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"custodian_party_id" bigint NOT NULL,
	"responsible_person" text,
	"responsible_phone" text,
	"funding_arrangement" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"note" text,
	"end_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	CONSTRAINT "custody_valid_range" CHECK ("custody_assignment"."valid_to" is null or "custody_assignment"."valid_to" >= "custody_assignment"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "custody_duty" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "custody_duty_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"interval_days" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"starts_on" date NOT NULL,
	"last_done_on" date,
	"next_due_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custody_duty_interval_positive" CHECK ("custody_duty"."interval_days" between 1 and 3660)
);
--> statement-breakpoint
CREATE TABLE "maintenance_record" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "maintenance_record_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"duty_id" bigint,
	"kind" text NOT NULL,
	"performed_on" date NOT NULL,
	"performed_by" text NOT NULL,
	"description" text NOT NULL,
	"cost_fen" bigint DEFAULT 0 NOT NULL,
	"payer_party_id" bigint,
	"outcome" text NOT NULL,
	"condition_after" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	CONSTRAINT "maintenance_cost_not_negative" CHECK ("maintenance_record"."cost_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stocktake_item" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stocktake_item_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"stocktake_id" bigint NOT NULL,
	"asset_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"result" text,
	"note" text,
	"checked_on" date,
	"checked_by" text,
	"recorded_at" timestamp with time zone,
	"actor_id" text
);
--> statement-breakpoint
CREATE TABLE "stocktake" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stocktake_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"region_code" bigint NOT NULL,
	"name" text NOT NULL,
	"as_of" date NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"opened_by" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custody_assignment" ADD CONSTRAINT "custody_assignment_custodian_party_id_party_id_fk" FOREIGN KEY ("custodian_party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_assignment" ADD CONSTRAINT "custody_assignment_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "custody_duty" ADD CONSTRAINT "custody_duty_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "maintenance_record" ADD CONSTRAINT "maintenance_record_duty_id_custody_duty_id_fk" FOREIGN KEY ("duty_id") REFERENCES "public"."custody_duty"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_record" ADD CONSTRAINT "maintenance_record_payer_party_id_party_id_fk" FOREIGN KEY ("payer_party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_record" ADD CONSTRAINT "maintenance_record_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "stocktake_item" ADD CONSTRAINT "stocktake_item_stocktake_id_stocktake_id_fk" FOREIGN KEY ("stocktake_id") REFERENCES "public"."stocktake"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_item" ADD CONSTRAINT "stocktake_item_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "stocktake" ADD CONSTRAINT "stocktake_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custody_one_open_per_asset" ON "custody_assignment" USING btree ("asset_id") WHERE "custody_assignment"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "custody_asset_idx" ON "custody_assignment" USING btree ("asset_id","valid_from");--> statement-breakpoint
CREATE INDEX "custody_custodian_idx" ON "custody_assignment" USING btree ("custodian_party_id","asset_id");--> statement-breakpoint
CREATE INDEX "custody_duty_asset_idx" ON "custody_duty" USING btree ("asset_id","kind");--> statement-breakpoint
CREATE INDEX "custody_duty_due_idx" ON "custody_duty" USING btree ("next_due_on","id") WHERE "custody_duty"."active";--> statement-breakpoint
CREATE INDEX "custody_duty_region_due_idx" ON "custody_duty" USING btree ("region_code","next_due_on","id") WHERE "custody_duty"."active";--> statement-breakpoint
CREATE INDEX "maintenance_asset_idx" ON "maintenance_record" USING btree ("asset_id","kind","performed_on");--> statement-breakpoint
CREATE INDEX "maintenance_region_idx" ON "maintenance_record" USING btree ("region_code","performed_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "stocktake_item_key" ON "stocktake_item" USING btree ("stocktake_id","asset_id");--> statement-breakpoint
CREATE INDEX "stocktake_item_region_idx" ON "stocktake_item" USING btree ("stocktake_id","region_code");--> statement-breakpoint
CREATE INDEX "stocktake_item_asset_idx" ON "stocktake_item" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "stocktake_region_idx" ON "stocktake" USING btree ("region_code","id");--> statement-breakpoint
CREATE UNIQUE INDEX "stocktake_one_open_per_region" ON "stocktake" USING btree ("region_code") WHERE "stocktake"."status" = 'OPEN';