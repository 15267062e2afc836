CREATE TABLE "audit_case" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_case_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"region_code" bigint NOT NULL,
	"title" text NOT NULL,
	"opened_on" date NOT NULL,
	"note" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_finding_note" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_finding_note_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"finding_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"on" date NOT NULL,
	"actor_id" text,
	"actor_role" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_finding" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_finding_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"asset_id" bigint,
	"check" text,
	"subject_type" text,
	"subject_id" bigint,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"evidence" jsonb,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"closed_on" date,
	"repeat_of_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"actor_id" text,
	"created_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_finding_note" ADD CONSTRAINT "audit_finding_note_finding_id_audit_finding_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."audit_finding"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_finding" ADD CONSTRAINT "audit_finding_case_id_audit_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."audit_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_finding" ADD CONSTRAINT "audit_finding_repeat_of_id_audit_finding_id_fk" FOREIGN KEY ("repeat_of_id") REFERENCES "public"."audit_finding"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_finding" ADD CONSTRAINT "audit_finding_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "audit_case_region_idx" ON "audit_case" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "audit_finding_note_finding_idx" ON "audit_finding_note" USING btree ("finding_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_finding_open_check_subject" ON "audit_finding" USING btree ("check","subject_type","subject_id") WHERE "audit_finding"."check" is not null and "audit_finding"."status" <> 'CLOSED';--> statement-breakpoint
CREATE INDEX "audit_finding_case_idx" ON "audit_finding" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "audit_finding_region_due_idx" ON "audit_finding" USING btree ("region_code","due_on","id");--> statement-breakpoint
CREATE INDEX "audit_finding_asset_idx" ON "audit_finding" USING btree ("asset_id");