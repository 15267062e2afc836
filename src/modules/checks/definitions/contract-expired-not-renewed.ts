/**
 * CONTRACT_EXPIRED_NOT_RENEWED 到期未续签: the asset's last contract ended before the date, none
 * is in force on it, and the asset is still in use or received income after the end.
 *
 * Each asset's last contract comes from the region's contracts in one pass (a contract stands
 * where its asset does: the foreign key carries the region), not from a lookup per asset.
 */
import { sql } from 'drizzle-orm';
import { type CheckDefinition, yuan } from '../check';

export const contractExpiredNotRenewed: CheckDefinition = {
  name: 'CONTRACT_EXPIRED_NOT_RENEWED',
  rules: [],
  sql: (c) => sql`
    select 'OperatingContract' as subject_type, k.id as subject_id, a.id as asset_id, k.region_code, coalesce(paid.after_end, 0) + k.agreed_income_fen as amount_fen,
      jsonb_build_object('contractNo', k.contract_no, 'endedOn', k.end_on, 'assetStatus', st.status, 'receivedAfterEnd', coalesce(paid.after_end, 0)) as evidence,
      format('合同 %s 已于 %s 到期未续签，资产仍%s', k.contract_no, k.end_on, case when coalesce(paid.after_end, 0) > 0 then format('在收款（%s 元）', ${yuan(sql`paid.after_end`)}) else '在经营' end) as message_zh,
      format('Contract %s ended on %s and was not renewed; the asset is still %s', k.contract_no, k.end_on, case when coalesce(paid.after_end, 0) > 0 then format('paying (%s yuan)', ${yuan(sql`paid.after_end`)}) else 'in use' end) as message_en
    from (
      select distinct on (k.asset_id) k.id, k.asset_id, k.region_code, k.contract_no, k.agreed_income_fen, coalesce(k.ended_on, k.ends_on) as end_on
      from operating_contract k
      where ${c.within(sql`k.region_code`)} and k.starts_on <= ${c.asOf}
      order by k.asset_id, coalesce(k.ended_on, k.ends_on) desc, k.id desc
    ) k
    join asset a on a.id = k.asset_id
    cross join lateral (select ${c.statusOn('a')} as status) st
    left join lateral (
      select sum(i.amount_fen) as after_end from income_record i
      where i.asset_id = a.id and i.received_on > k.end_on and i.received_on <= ${c.asOf} and i.kind <> 'DISPOSAL_PROCEEDS'
    ) paid on true
    where a.class = 'OPERATING' and k.end_on < ${c.asOf}
      and (st.status = 'IN_USE' or coalesce(paid.after_end, 0) > 0)`,
};
