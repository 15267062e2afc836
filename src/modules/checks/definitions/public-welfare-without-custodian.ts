/** PUBLIC_WELFARE_WITHOUT_CUSTODIAN 公益性资产无管护主体: a public-welfare asset in use on the date with no custody in force. */
import { sql } from 'drizzle-orm';
import { type CheckDefinition } from '../check';

export const publicWelfareWithoutCustodian: CheckDefinition = {
  name: 'PUBLIC_WELFARE_WITHOUT_CUSTODIAN',
  rules: [],
  sql: (c) => sql`
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('status', 'IN_USE', 'custodyEnded', (select max(ca.valid_to) from custody_assignment ca where ca.asset_id = a.id and ca.valid_to <= ${c.asOf})) as evidence,
      '公益性资产在用，但没有管护主体' as message_zh,
      'A public-welfare asset in use with no custodian' as message_en
    from asset a
    where ${c.within(sql`a.region_code`)} and a.class = 'PUBLIC_WELFARE' and ${c.statusOn('a')} = 'IN_USE'
      and not exists (select 1 from custody_assignment ca where ca.asset_id = a.id and ca.valid_from <= ${c.asOf} and (ca.valid_to is null or ca.valid_to > ${c.asOf}))`,
};
