CREATE TABLE "bank_statement_line" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bank_statement_line_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"statement_id" bigint NOT NULL,
	"account_party_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"row_no" integer NOT NULL,
	"booked_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"counterparty" text NOT NULL,
	"reference" text NOT NULL,
	"income_id" bigint,
	"match_method" text,
	"matched_at" timestamp with time zone,
	"matched_by" text,
	CONSTRAINT "bank_statement_line_credit" CHECK ("bank_statement_line"."amount_fen" > 0),
	CONSTRAINT "bank_statement_line_match" CHECK (("bank_statement_line"."income_id" is null) = ("bank_statement_line"."match_method" is null))
);
--> statement-breakpoint
CREATE TABLE "bank_statement" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bank_statement_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_party_id" bigint NOT NULL,
	"region_code" bigint NOT NULL,
	"file_name" text NOT NULL,
	"line_count" integer NOT NULL,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bank_statement_line" ADD CONSTRAINT "bank_statement_line_statement_id_bank_statement_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."bank_statement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statement_line" ADD CONSTRAINT "bank_statement_line_account_party_id_party_id_fk" FOREIGN KEY ("account_party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statement_line" ADD CONSTRAINT "bank_statement_line_income_id_income_record_id_fk" FOREIGN KEY ("income_id") REFERENCES "public"."income_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statement" ADD CONSTRAINT "bank_statement_account_party_id_party_id_fk" FOREIGN KEY ("account_party_id") REFERENCES "public"."party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statement_line_income_once" ON "bank_statement_line" USING btree ("income_id");--> statement-breakpoint
CREATE INDEX "bank_statement_line_account_idx" ON "bank_statement_line" USING btree ("account_party_id","booked_on");--> statement-breakpoint
CREATE INDEX "bank_statement_line_region_idx" ON "bank_statement_line" USING btree ("region_code","booked_on","id");--> statement-breakpoint
CREATE INDEX "bank_statement_account_idx" ON "bank_statement" USING btree ("account_party_id","id");