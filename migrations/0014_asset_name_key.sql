-- SUSPECTED_DUPLICATE compares names with case, spaces and punctuation dropped: the key is kept
-- with each write (a generated column) instead of worked out for a province's million names per run.
ALTER TABLE "asset" ADD COLUMN "name_key" text GENERATED ALWAYS AS (regexp_replace(lower(name), '[[:space:][:punct:]（）【】、，。·—－]', '', 'g')) STORED;