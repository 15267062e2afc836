/**
 * LOW_YIELD 收益率偏低: an operating asset in use, handed over a year or more before the date,
 * whose net income of the last 365 days is above nothing (none at all is ASSET_IDLE's) but below
 * MIN_YIELD_BP of its original value. The amount is the shortfall.
 */
import { sql } from 'drizzle-orm';
import { type CheckDefinition, yuan } from '../check';

export const lowYield: CheckDefinition = {
  name: 'LOW_YIELD',
  rules: ['MIN_YIELD_BP'],
  sql: (c) => sql`
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, y.minimum - y.income as amount_fen,
      jsonb_build_object('income12m', y.income, 'minimum', y.minimum, 'yieldBp', y.income * 10000 / a.original_value_fen, 'minYieldBp', y.bp) as evidence,
      format('近一年收益 %s 元，低于原值 %s%% 的最低收益 %s 元', ${yuan(sql`y.income`)}, trim_scale(round(y.bp / 100.0, 2)), ${yuan(sql`y.minimum`)}) as message_zh,
      format('Income of the last year %s yuan, below the lowest yield of %s%% of its value, %s yuan', ${yuan(sql`y.income`)}, trim_scale(round(y.bp / 100.0, 2)), ${yuan(sql`y.minimum`)}) as message_en
    from asset a
    cross join lateral (
      select coalesce((select sum(i.amount_fen) from income_record i where i.asset_id = a.id and i.received_on > ${c.asOf}::date - 365 and i.received_on <= ${c.asOf}), 0) as income,
        ${c.rule('MIN_YIELD_BP', sql`a.region_code`)} as bp,
        a.original_value_fen * ${c.rule('MIN_YIELD_BP', sql`a.region_code`)} / 10000 as minimum
      offset 0 -- a fence: without it the planner copies the income sum into each condition and output that uses it, three lookups an asset
    ) y
    where ${c.within(sql`a.region_code`)} and a.class = 'OPERATING' and a.original_value_fen > 0
      and coalesce(a.handed_over_on, a.accepted_on) <= ${c.asOf}::date - 365 and ${c.statusOn('a')} = 'IN_USE'
      and y.income > 0 and y.income < y.minimum`,
};
