/** CONTRACT_TOO_LONG 合同期限过长: a contract signed for longer than MAX_CONTRACT_YEARS. */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';

export const contractTooLong: CheckDefinition = {
  name: 'CONTRACT_TOO_LONG',
  rules: ['MAX_CONTRACT_YEARS'],
  sql: (c) => sql`
    select 'OperatingContract' as subject_type, k.id as subject_id, k.asset_id, k.region_code, k.agreed_income_fen as amount_fen,
      jsonb_build_object('contractNo', k.contract_no, 'startsOn', k.starts_on, 'endsOn', k.ends_on, 'maxYears', m.years) as evidence,
      format('合同 %s 期限 %s 至 %s，超过 %s 年上限', k.contract_no, k.starts_on, k.ends_on, m.years) as message_zh,
      format('Contract %s runs from %s to %s, longer than the %s years allowed', k.contract_no, k.starts_on, k.ends_on, m.years) as message_en
    from operating_contract k
    cross join lateral (select ${c.rule('MAX_CONTRACT_YEARS', sql`k.region_code`)} as years) m
    where ${c.within(sql`k.region_code`)} and k.starts_on <= ${c.asOf} and k.ends_on >= (k.starts_on + make_interval(years => m.years))::date`,
};
