CREATE TABLE "operating_contract" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "operating_contract_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"operator_party_id" bigint NOT NULL,
	"mode" text NOT NULL,
	"contract_no" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"ended_on" date,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"agreed_income_fen" bigint NOT NULL,
	"payment_cycle" text NOT NULL,
	"renews_contract_id" bigint,
	"end_reason" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operating_contract_term" CHECK ("operating_contract"."ends_on" >= "operating_contract"."starts_on" and ("operating_contract"."ended_on" is null or ("operating_contract"."ended_on" >= "operating_contract"."starts_on" - 1 and "operating_contract"."ended_on" <= "operating_contract"."ends_on"))),
	CONSTRAINT "operating_contract_income_not_negative" CHECK ("operating_contract"."agreed_income_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "idempotency_key" (
	"actor_id" text NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"request_digest" text NOT NULL,
	"result_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_key_pkey" PRIMARY KEY("actor_id","key")
);
--> statement-breakpoint
CREATE TABLE "income_part" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "income_part_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"income_id" bigint NOT NULL,
	"asset_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"owner_party_id" bigint NOT NULL,
	"owner_region_code" bigint NOT NULL,
	"share_bp" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"received_on" date NOT NULL,
	"plan_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "income_part_share" CHECK ("income_part"."share_bp" between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "income_record" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "income_record_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"contract_id" bigint,
	"kind" text NOT NULL,
	"period_from" date,
	"period_to" date,
	"amount_fen" bigint NOT NULL,
	"received_on" date NOT NULL,
	"account_type" text NOT NULL,
	"voucher_no" text,
	"reverses_id" bigint,
	"note" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "income_record_sign" CHECK (("income_record"."reverses_id" is null and "income_record"."amount_fen" > 0) or ("income_record"."reverses_id" is not null and "income_record"."amount_fen" < 0)),
	CONSTRAINT "income_record_period" CHECK ("income_record"."period_from" is null or "income_record"."period_to" is null or "income_record"."period_to" >= "income_record"."period_from")
);
--> statement-breakpoint
CREATE TABLE "rule_parameter" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rule_parameter_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"region_code" bigint NOT NULL,
	"value" integer NOT NULL,
	"valid_from" date NOT NULL,
	"note" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_parameter_value_not_negative" CHECK ("rule_parameter"."value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "operating_contract" ADD CONSTRAINT "operating_contract_operator_party_id_party_id_fk" FOREIGN KEY ("operator_party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operating_contract" ADD CONSTRAINT "operating_contract_renews_contract_id_operating_contract_id_fk" FOREIGN KEY ("renews_contract_id") REFERENCES "public"."operating_contract"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operating_contract" ADD CONSTRAINT "operating_contract_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "income_part" ADD CONSTRAINT "income_part_income_id_income_record_id_fk" FOREIGN KEY ("income_id") REFERENCES "public"."income_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_part" ADD CONSTRAINT "income_part_owner_party_id_party_id_fk" FOREIGN KEY ("owner_party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_part" ADD CONSTRAINT "income_part_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "income_record" ADD CONSTRAINT "income_record_contract_id_operating_contract_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."operating_contract"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_record" ADD CONSTRAINT "income_record_reverses_id_income_record_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."income_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_record" ADD CONSTRAINT "income_record_asset_fk" FOREIGN KEY ("asset_id","region_code") REFERENCES "public"."asset"("id","region_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "rule_parameter" ADD CONSTRAINT "rule_parameter_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "operating_contract_asset_idx" ON "operating_contract" USING btree ("asset_id","starts_on");--> statement-breakpoint
CREATE INDEX "operating_contract_region_idx" ON "operating_contract" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "operating_contract_operator_idx" ON "operating_contract" USING btree ("operator_party_id");--> statement-breakpoint
CREATE INDEX "income_part_owner_idx" ON "income_part" USING btree ("owner_party_id","received_on","id");--> statement-breakpoint
CREATE INDEX "income_part_income_idx" ON "income_part" USING btree ("income_id");--> statement-breakpoint
CREATE INDEX "income_part_owner_region_idx" ON "income_part" USING btree ("owner_region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "income_record_reversed_once" ON "income_record" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "income_record_asset_idx" ON "income_record" USING btree ("asset_id","received_on");--> statement-breakpoint
CREATE INDEX "income_record_region_idx" ON "income_record" USING btree ("region_code","received_on","id");--> statement-breakpoint
CREATE INDEX "income_record_contract_idx" ON "income_record" USING btree ("contract_id","received_on");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_parameter_key" ON "rule_parameter" USING btree ("name","subject","region_code","valid_from");--> statement-breakpoint
CREATE INDEX "rule_parameter_region_idx" ON "rule_parameter" USING btree ("region_code");