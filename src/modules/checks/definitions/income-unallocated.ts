/**
 * INCOME_UNALLOCATED 收益长期沉淀: an owner's income received more than INCOME_UNALLOCATED_DAYS
 * before the date, not reversed by then, and in no plan approved by then. Read where the owner is.
 */
import { sql } from 'drizzle-orm';
import { type CheckDefinition, yuan } from '../check';

export const incomeUnallocated: CheckDefinition = {
  name: 'INCOME_UNALLOCATED',
  rules: ['INCOME_UNALLOCATED_DAYS'],
  sql: (c) => sql`
    -- Reversals are few: checked against as a set (one hash), not by an index probe for each of a province's millions of parts.
    with reversed as materialized (select r.reverses_id as income_id from income_record r where r.reverses_id is not null and r.received_on <= ${c.asOf})
    select 'Party' as subject_type, p.owner_party_id as subject_id, null::bigint as asset_id, p.owner_region_code as region_code, sum(p.amount_fen)::bigint as amount_fen,
      jsonb_build_object('oldestReceivedOn', min(p.received_on), 'parts', count(*)) as evidence,
      format('%s 元收益自 %s 起未列入已批准的分配方案', ${yuan(sql`sum(p.amount_fen)`)}, min(p.received_on)) as message_zh,
      format('%s yuan of income, the oldest received on %s, in no approved allocation plan', ${yuan(sql`sum(p.amount_fen)`)}, min(p.received_on)) as message_en
    from income_part p
    left join allocation_plan pl on pl.id = p.plan_id
    where ${c.within(sql`p.owner_region_code`)} and p.amount_fen > 0
      and p.received_on < ${c.asOf}::date - ${c.rule('INCOME_UNALLOCATED_DAYS', sql`p.owner_region_code`)}
      and (pl.id is null or pl.resolution_on is null or pl.resolution_on > ${c.asOf})
      and not exists (select 1 from reversed r where r.income_id = p.income_id)
    group by p.owner_party_id, p.owner_region_code`,
};
