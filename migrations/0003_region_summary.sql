CREATE TABLE "asset_tally" (
	"county_code" bigint NOT NULL,
	"class" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"ownership_confirmed" boolean NOT NULL,
	"asset_count" integer NOT NULL,
	"value_fen" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset" ADD COLUMN "ownership_confirmed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "asset_tally_county_idx" ON "asset_tally" USING btree ("county_code");--> statement-breakpoint
-- Registers that exist already: an asset is confirmed (确权) when it has open ownership rows,
-- and the tally starts from the register as it stands.
UPDATE "asset" a SET "ownership_confirmed" = true WHERE EXISTS (SELECT 1 FROM "ownership" o WHERE o."asset_id" = a."id" AND o."valid_to" IS NULL);
--> statement-breakpoint
INSERT INTO "asset_tally" ("county_code", "class", "category", "status", "ownership_confirmed", "asset_count", "value_fen")
  SELECT "region_code" / 1000000, "class", "category", "status", "ownership_confirmed", count(*), sum("original_value_fen") FROM "asset" GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- Every statement that writes assets appends its net change per key to the tally (one row per
-- key it touched; an update that moves no key nets to nothing and appends nothing).
CREATE FUNCTION asset_tally_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO asset_tally (county_code, class, category, status, ownership_confirmed, asset_count, value_fen)
      SELECT region_code / 1000000, class, category, status, ownership_confirmed, count(*), sum(original_value_fen)
      FROM new_rows GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO asset_tally (county_code, class, category, status, ownership_confirmed, asset_count, value_fen)
      SELECT region_code / 1000000, class, category, status, ownership_confirmed, -count(*), -sum(original_value_fen)
      FROM old_rows GROUP BY 1, 2, 3, 4, 5;
  ELSE
    INSERT INTO asset_tally (county_code, class, category, status, ownership_confirmed, asset_count, value_fen)
      SELECT county_code, class, category, status, ownership_confirmed, sum(n), sum(v)
      FROM (
        SELECT region_code / 1000000 AS county_code, class, category, status, ownership_confirmed, 1 AS n, original_value_fen AS v FROM new_rows
        UNION ALL
        SELECT region_code / 1000000, class, category, status, ownership_confirmed, -1, -original_value_fen FROM old_rows
      ) change
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(n) <> 0 OR sum(v) <> 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER asset_tally_insert AFTER INSERT ON asset REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION asset_tally_record();
--> statement-breakpoint
CREATE TRIGGER asset_tally_update AFTER UPDATE ON asset REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION asset_tally_record();
--> statement-breakpoint
CREATE TRIGGER asset_tally_delete AFTER DELETE ON asset REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION asset_tally_record();
