/** DAMAGE_NOT_REPAIRED 损坏未修复: DAMAGED on the date for more than DAMAGE_NOT_REPAIRED_DAYS with no maintenance record since. */
import { sql } from 'drizzle-orm';
import { type CheckDefinition } from '../check';
import { statusSinceSql } from '../../assets/assets.service';

export const damageNotRepaired: CheckDefinition = {
  name: 'DAMAGE_NOT_REPAIRED',
  rules: ['DAMAGE_NOT_REPAIRED_DAYS'],
  sql: (c) => sql`
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('damagedSince', d.since, 'days', ${c.asOf}::date - d.since) as evidence,
      format('自 %s 损坏，%s 天无维修记录', d.since, ${c.asOf}::date - d.since) as message_zh,
      format('Damaged since %s: %s days without maintenance', d.since, ${c.asOf}::date - d.since) as message_en
    from asset a
    cross join lateral (select coalesce(${statusSinceSql(sql`a.id`, 'DAMAGED', c.asOf)}, a.created_at::date) as since) d
    where ${c.within(sql`a.region_code`)} and ${c.statusOn('a')} = 'DAMAGED'
      and d.since < ${c.asOf}::date - ${c.rule('DAMAGE_NOT_REPAIRED_DAYS', sql`a.region_code`)}
      and not exists (select 1 from maintenance_record m where m.asset_id = a.id and m.performed_on >= d.since and m.performed_on <= ${c.asOf})`,
};
