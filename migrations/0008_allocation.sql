CREATE TABLE "allocation_beneficiary" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "allocation_beneficiary_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"line_id" bigint NOT NULL,
	"party_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disbursement" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disbursement_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"line_id" bigint NOT NULL,
	"plan_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"payee_party_id" bigint,
	"payee_name" text,
	"method" text NOT NULL,
	"voucher_no" text,
	"reverses_id" bigint,
	"note" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disbursement_sign" CHECK (("disbursement"."reverses_id" is null and "disbursement"."amount_fen" > 0) or ("disbursement"."reverses_id" is not null and "disbursement"."amount_fen" < 0)),
	CONSTRAINT "disbursement_payee" CHECK ("disbursement"."payee_party_id" is not null or "disbursement"."payee_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "allocation_line" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "allocation_line_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"purpose" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"beneficiary_rule" text,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "allocation_line_amount_positive" CHECK ("allocation_line"."amount_fen" > 0),
	CONSTRAINT "allocation_line_paid_within" CHECK ("allocation_line"."paid_fen" >= 0 and "allocation_line"."paid_fen" <= "allocation_line"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "allocation_plan" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "allocation_plan_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_party_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"pool_fen" bigint NOT NULL,
	"publicity_starts_on" date,
	"publicity_days" integer,
	"resolution_no" text,
	"resolution_on" date,
	"township_review_ref" text,
	"cancel_reason" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocation_plan_period" CHECK ("allocation_plan"."period_to" >= "allocation_plan"."period_from"),
	CONSTRAINT "allocation_plan_pool_positive" CHECK ("allocation_plan"."pool_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "operating_contract" ADD COLUMN "received_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "allocation_beneficiary" ADD CONSTRAINT "allocation_beneficiary_line_id_allocation_line_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."allocation_line"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_beneficiary" ADD CONSTRAINT "allocation_beneficiary_party_id_party_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_line_id_allocation_line_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."allocation_line"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_plan_id_allocation_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."allocation_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_payee_party_id_party_id_fk" FOREIGN KEY ("payee_party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_reverses_id_disbursement_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."disbursement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_line" ADD CONSTRAINT "allocation_line_plan_id_allocation_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."allocation_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_plan" ADD CONSTRAINT "allocation_plan_owner_party_id_party_id_fk" FOREIGN KEY ("owner_party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "allocation_beneficiary_line_party" ON "allocation_beneficiary" USING btree ("line_id","party_id");--> statement-breakpoint
CREATE UNIQUE INDEX "disbursement_reversed_once" ON "disbursement" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "disbursement_line_idx" ON "disbursement" USING btree ("line_id","id");--> statement-breakpoint
CREATE INDEX "disbursement_plan_idx" ON "disbursement" USING btree ("plan_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "allocation_line_position" ON "allocation_line" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "allocation_plan_owner_idx" ON "allocation_plan" USING btree ("owner_party_id","id");--> statement-breakpoint
CREATE INDEX "allocation_plan_region_idx" ON "allocation_plan" USING btree ("region_code","id");--> statement-breakpoint
ALTER TABLE "income_part" ADD CONSTRAINT "income_part_plan_id_allocation_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."allocation_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "operating_contract_renewed_once" ON "operating_contract" USING btree ("renews_contract_id");--> statement-breakpoint
CREATE INDEX "income_part_plan_idx" ON "income_part" USING btree ("plan_id");--> statement-breakpoint
-- What each contract received so far, kept by income writes from now on.
UPDATE "operating_contract" c SET "received_fen" = coalesce((SELECT sum(i."amount_fen") FROM "income_record" i WHERE i."contract_id" = c."id"), 0);
