CREATE TABLE "disposal" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disposal_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"method" text NOT NULL,
	"reason" text NOT NULL,
	"appraised_value_fen" bigint NOT NULL,
	"previous_status" text NOT NULL,
	"status" text DEFAULT 'REQUESTED' NOT NULL,
	"requested_by" text,
	"requested_on" date NOT NULL,
	"township_approved_by" text,
	"township_approved_on" date,
	"county_approved_by" text,
	"county_approved_on" date,
	"rejected_by" text,
	"rejected_on" date,
	"reject_reason" text,
	"completed_on" date,
	"buyer" text,
	"proceeds_income_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disposal_appraisal" CHECK ("disposal"."appraised_value_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "disposal" ADD CONSTRAINT "disposal_proceeds_income_id_income_record_id_fk" FOREIGN KEY ("proceeds_income_id") REFERENCES "public"."income_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal" ADD CONSTRAINT "disposal_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
CREATE UNIQUE INDEX "disposal_one_open_per_asset" ON "disposal" USING btree ("asset_id") WHERE "disposal"."status" in ('REQUESTED', 'APPROVED');--> statement-breakpoint
CREATE INDEX "disposal_asset_idx" ON "disposal" USING btree ("asset_id","id");--> statement-breakpoint
CREATE INDEX "disposal_region_idx" ON "disposal" USING btree ("region_code","id");