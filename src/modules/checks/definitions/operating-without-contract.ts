/** OPERATING_WITHOUT_CONTRACT 有资产无合同: an operating asset in use on the date that has never had a contract begun by then (self-operation is a contract too). */
import { sql } from 'drizzle-orm';
import { type CheckDefinition } from '../check';

export const operatingWithoutContract: CheckDefinition = {
  name: 'OPERATING_WITHOUT_CONTRACT',
  rules: [],
  sql: (c) => sql`
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('handedOverOn', a.handed_over_on, 'incomeRecords', (select count(*) from income_record i where i.asset_id = a.id and i.received_on <= ${c.asOf})) as evidence,
      '经营性资产在用，但没有任何经营合同' as message_zh,
      'An operating asset in use without any operating contract' as message_en
    from asset a
    where ${c.within(sql`a.region_code`)} and a.class = 'OPERATING' and ${c.statusOn('a')} = 'IN_USE'
      and not exists (select 1 from operating_contract k where k.asset_id = a.id and k.starts_on <= ${c.asOf})`,
};
