CREATE TABLE "region" (
	"code" bigint PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" bigint
);
--> statement-breakpoint
CREATE TABLE "party" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "party_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"region_code" bigint NOT NULL,
	"credit_code" text,
	"resident_id_cipher" text,
	"resident_id_hash" text,
	"resident_id_masked" text,
	"contact_person" text,
	"contact_phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_event" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"chain_key" text DEFAULT '' NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"actor_id" text,
	"actor_role" text,
	"request_id" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"region_code" bigint NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text DEFAULT '' NOT NULL,
	"hash" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX "region_parent_idx" ON "region" USING btree ("parent_code","code");--> statement-breakpoint
CREATE INDEX "region_name_idx" ON "region" USING btree ("name");--> statement-breakpoint
CREATE INDEX "party_region_idx" ON "party" USING btree ("region_code","id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_credit_code_key" ON "party" USING btree ("credit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "party_resident_id_key" ON "party" USING btree ("resident_id_hash");--> statement-breakpoint
CREATE INDEX "party_name_idx" ON "party" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_event_chain_seq_key" ON "audit_event" USING btree ("chain_key","seq");--> statement-breakpoint
CREATE INDEX "audit_event_region_idx" ON "audit_event" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "audit_event_entity_idx" ON "audit_event" USING btree ("entity_type","entity_id","id");