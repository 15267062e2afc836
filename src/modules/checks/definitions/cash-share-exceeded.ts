/**
 * CASH_SHARE_EXCEEDED 一分了之: a plan approved by the date whose household dividends exceed
 * CASH_SHARE_CAP_BP of its pool (the cap in force on the date), or whose dividend payments gave
 * identical amounts to at least IDENTICAL_DIVIDEND_SHARE_BP of the paid households (five or more).
 */
import { sql } from 'drizzle-orm';
import { type CheckDefinition, yuan } from '../check';

export const cashShareExceeded: CheckDefinition = {
  name: 'CASH_SHARE_EXCEEDED',
  rules: ['CASH_SHARE_CAP_BP', 'IDENTICAL_DIVIDEND_SHARE_BP'],
  sql: (c) => sql`
    select 'AllocationPlan' as subject_type, pl.id as subject_id, null::bigint as asset_id, pl.region_code, d.dividends as amount_fen,
      jsonb_build_object('pool', pl.pool_fen, 'dividends', d.dividends, 'shareBp', d.dividends * 10000 / pl.pool_fen, 'capBp', d.cap_bp,
        'paidHouseholds', e.households, 'sameAmountHouseholds', e.same) as evidence,
      case when d.dividends * 10000 > pl.pool_fen * d.cap_bp
        then format('到户分红 %s 元，占方案 %s%%，超过 %s%% 上限', ${yuan(sql`d.dividends`)}, round(d.dividends * 100.0 / pl.pool_fen, 1), trim_scale(round(d.cap_bp / 100.0, 2)))
        else format('%s 户中 %s 户分红金额相同', e.households, e.same) end as message_zh,
      case when d.dividends * 10000 > pl.pool_fen * d.cap_bp
        then format('Household dividends of %s yuan are %s%% of the plan, over the cap of %s%%', ${yuan(sql`d.dividends`)}, round(d.dividends * 100.0 / pl.pool_fen, 1), trim_scale(round(d.cap_bp / 100.0, 2)))
        else format('%s of %s paid households received the same amount', e.same, e.households) end as message_en
    from allocation_plan pl
    cross join lateral (
      select coalesce(sum(l.amount_fen), 0) as dividends, ${c.rule('CASH_SHARE_CAP_BP', sql`pl.region_code`)} as cap_bp
      from allocation_line l where l.plan_id = pl.id and l.purpose = 'HOUSEHOLD_DIVIDEND'
    ) d
    cross join lateral (
      select count(*) as households, coalesce(max(n), 0) as same from (
        select count(*) over (partition by paid) as n from (
          select coalesce(ds.payee_party_id::text, ds.payee_name) as payee, sum(ds.amount_fen) as paid
          from disbursement ds join allocation_line l on l.id = ds.line_id
          where ds.plan_id = pl.id and l.purpose = 'HOUSEHOLD_DIVIDEND' and ds.paid_on <= ${c.asOf}
          group by 1 having sum(ds.amount_fen) > 0
        ) per_household
      ) counted
    ) e
    where ${c.within(sql`pl.region_code`)} and pl.status in ('APPROVED', 'COMPLETED') and pl.resolution_on <= ${c.asOf} and d.dividends > 0
      and (d.dividends * 10000 > pl.pool_fen * d.cap_bp
        or (e.households >= 5 and e.same * 10000 >= e.households * ${c.rule('IDENTICAL_DIVIDEND_SHARE_BP', sql`pl.region_code`)}))`,
};
