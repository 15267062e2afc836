/** OWNERSHIP_UNCONFIRMED 未确权: accepted more than OWNERSHIP_UNCONFIRMED_DAYS before the date, with no owner in force on it. */
import { sql } from 'drizzle-orm';
import { type CheckDefinition } from '../check';

export const ownershipUnconfirmed: CheckDefinition = {
  name: 'OWNERSHIP_UNCONFIRMED',
  rules: ['OWNERSHIP_UNCONFIRMED_DAYS'],
  sql: (c) => sql`
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('acceptedOn', a.accepted_on, 'daysSinceAcceptance', ${c.asOf}::date - a.accepted_on) as evidence,
      format('验收于 %s，已 %s 天未确权', a.accepted_on, ${c.asOf}::date - a.accepted_on) as message_zh,
      format('Accepted on %s, and %s days on its ownership is not confirmed', a.accepted_on, ${c.asOf}::date - a.accepted_on) as message_en
    from asset a
    where ${c.within(sql`a.region_code`)} and a.accepted_on < ${c.asOf}::date - ${c.rule('OWNERSHIP_UNCONFIRMED_DAYS', sql`a.region_code`)}
      and ${c.statusOn('a')} <> 'DISPOSED'
      and not exists (select 1 from ownership o where o.asset_id = a.id and o.valid_from <= ${c.asOf} and (o.valid_to is null or o.valid_to > ${c.asOf}))`,
};
