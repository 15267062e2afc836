-- The tally keeps each city's and province's figures beside its counties' (issue 14: a
-- province's summary added up every county's rows, 779 at 112,000 assets and 7,959 at 1,012,000).
-- A row's region is a county (6 digits), a city (4) or a province (2); a summary reads its own.
ALTER TABLE "asset_tally" RENAME COLUMN "county_code" TO "region_code";--> statement-breakpoint
ALTER INDEX "asset_tally_county_idx" RENAME TO "asset_tally_region_idx";--> statement-breakpoint
INSERT INTO "asset_tally" ("region_code", "class", "category", "status", "ownership_confirmed", "asset_count", "value_fen")
  SELECT "region_code" / level.divisor, "class", "category", "status", "ownership_confirmed", sum("asset_count"), sum("value_fen")
  FROM "asset_tally" CROSS JOIN (VALUES (100), (10000)) AS level(divisor)
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum("asset_count") <> 0 OR sum("value_fen") <> 0;
--> statement-breakpoint
-- Every statement that writes assets appends its net change per key to the tally, for the
-- asset's county, city and province (an update that moves no key nets to nothing there).
CREATE OR REPLACE FUNCTION asset_tally_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO asset_tally (region_code, class, category, status, ownership_confirmed, asset_count, value_fen)
      SELECT region_code / level.divisor, class, category, status, ownership_confirmed, count(*), sum(original_value_fen)
      FROM new_rows CROSS JOIN (VALUES (1000000::bigint), (100000000), (10000000000)) AS level(divisor)
      GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO asset_tally (region_code, class, category, status, ownership_confirmed, asset_count, value_fen)
      SELECT region_code / level.divisor, class, category, status, ownership_confirmed, -count(*), -sum(original_value_fen)
      FROM old_rows CROSS JOIN (VALUES (1000000::bigint), (100000000), (10000000000)) AS level(divisor)
      GROUP BY 1, 2, 3, 4, 5;
  ELSE
    INSERT INTO asset_tally (region_code, class, category, status, ownership_confirmed, asset_count, value_fen)
      SELECT change.region_code / level.divisor, class, category, status, ownership_confirmed, sum(n), sum(v)
      FROM (
        SELECT region_code, class, category, status, ownership_confirmed, 1 AS n, original_value_fen AS v FROM new_rows
        UNION ALL
        SELECT region_code, class, category, status, ownership_confirmed, -1, -original_value_fen FROM old_rows
      ) change CROSS JOIN (VALUES (1000000::bigint), (100000000), (10000000000)) AS level(divisor)
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(n) <> 0 OR sum(v) <> 0;
  END IF;
  RETURN NULL;
END
$$;
