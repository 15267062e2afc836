/**
 * INCOME_ARREARS 收益未收缴: a contract with periods due more than INCOME_GRACE_DAYS before the
 * date and not paid in full (the arrears of the contracts module), with the unpaid amount by
 * ageing bucket: 0–90, 91–180, 181–365, over 365 days.
 */
import { sql, type SQL } from 'drizzle-orm';
import { ageingBucketSql } from '../../contracts/contracts.service';
import { arrearsRelationOn } from '../../income/income.service';
import { type CheckDefinition, yuan } from '../check';

export const incomeArrears: CheckDefinition = {
  name: 'INCOME_ARREARS',
  rules: ['INCOME_GRACE_DAYS'],
  sql: (c) => {
    const grace = c.overrides.has('INCOME_GRACE_DAYS') ? (county: SQL) => c.rule('INCOME_GRACE_DAYS', county) : undefined;
    const periods = arrearsRelationOn(c.viewer, c.regionPrefix, c.asOf, c.today, grace);
    const bucket = ageingBucketSql(sql`p.days_overdue`);
    return sql`
      select 'OperatingContract' as subject_type, p.contract_id as subject_id, p.asset_id, p.region_code, sum(p.unpaid_fen)::bigint as amount_fen,
        jsonb_build_object('periods', count(*), 'oldestDueOn', min(p.due_on), 'daysOverdue', max(p.days_overdue),
          'byAgeing', jsonb_build_object(
            'DAYS_0_90', coalesce(sum(p.unpaid_fen) filter (where ${bucket} = 'DAYS_0_90'), 0),
            'DAYS_91_180', coalesce(sum(p.unpaid_fen) filter (where ${bucket} = 'DAYS_91_180'), 0),
            'DAYS_181_365', coalesce(sum(p.unpaid_fen) filter (where ${bucket} = 'DAYS_181_365'), 0),
            'OVER_365', coalesce(sum(p.unpaid_fen) filter (where ${bucket} = 'OVER_365'), 0))) as evidence,
        format('%s 期应收未收，共 %s 元，最早 %s 到期（逾期 %s 天）', count(*), ${yuan(sql`sum(p.unpaid_fen)`)}, min(p.due_on), max(p.days_overdue)) as message_zh,
        format('%s periods unpaid, %s yuan in all, the oldest due on %s (%s days overdue)', count(*), ${yuan(sql`sum(p.unpaid_fen)`)}, min(p.due_on), max(p.days_overdue)) as message_en
      from ${periods} p
      where p.unpaid_fen > 0
      group by p.contract_id, p.asset_id, p.region_code`;
  },
};
