-- The calendar of a contract's periods as integers, kept with the row: arrears and expected income
-- read them instead of working them out of the dates and the cycle's name on every request.
ALTER TABLE "operating_contract" ADD COLUMN "months_per_period" integer GENERATED ALWAYS AS (case payment_cycle when 'MONTHLY' then 1 when 'QUARTERLY' then 3 when 'HALF_YEARLY' then 6 else 12 end) STORED;--> statement-breakpoint
ALTER TABLE "operating_contract" ADD COLUMN "periods_per_year" integer GENERATED ALWAYS AS (case payment_cycle when 'MONTHLY' then 12 when 'QUARTERLY' then 4 when 'HALF_YEARLY' then 2 else 1 end) STORED;--> statement-breakpoint
ALTER TABLE "operating_contract" ADD COLUMN "start_month" integer GENERATED ALWAYS AS ((extract(year from starts_on) * 12 + extract(month from starts_on))::int) STORED;--> statement-breakpoint
ALTER TABLE "operating_contract" ADD COLUMN "start_day" integer GENERATED ALWAYS AS (extract(day from starts_on)::int) STORED;--> statement-breakpoint
ALTER TABLE "operating_contract" ADD COLUMN "last_period" integer GENERATED ALWAYS AS (((extract(year from coalesce(ended_on, ends_on)) * 12 + extract(month from coalesce(ended_on, ends_on)) - extract(year from starts_on) * 12 - extract(month from starts_on))::int
        - (case when extract(day from starts_on) > (case when extract(day from coalesce(ended_on, ends_on) + 1) = 1 then 31 else extract(day from coalesce(ended_on, ends_on)) end) then 1 else 0 end))
        / (case payment_cycle when 'MONTHLY' then 1 when 'QUARTERLY' then 3 when 'HALF_YEARLY' then 6 else 12 end)) STORED;