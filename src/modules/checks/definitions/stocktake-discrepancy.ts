/**
 * STOCKTAKE_DISCREPANCY 账实不符: the asset's last stocktake result by the date found it missing,
 * used otherwise, or damaged while the register does not say DAMAGED (nor disposed).
 *
 * Read from the stocktake items of the region (an item stands where its asset does: the foreign
 * key carries the region), not by looking up every asset's last item: most assets have none, and
 * a province's million lookups took seconds.
 */
import { sql } from 'drizzle-orm';
import { type CheckDefinition } from '../check';

export const stocktakeDiscrepancy: CheckDefinition = {
  name: 'STOCKTAKE_DISCREPANCY',
  rules: [],
  sql: (c) => sql`
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('result', r.result, 'checkedOn', r.checked_on, 'note', r.note, 'registerStatus', st.status) as evidence,
      format('%s 盘点结果为%s，登记状态为 %s', r.checked_on, case r.result when 'NOT_FOUND' then '未找到' when 'DAMAGED' then '损坏' else '改变用途' end, st.status) as message_zh,
      format('The stocktake of %s found it %s; the register says %s', r.checked_on, lower(replace(r.result, '_', ' ')), st.status) as message_en
    from (
      select distinct on (i.asset_id) i.asset_id, i.result, i.checked_on, i.note from stocktake_item i
      where ${c.within(sql`i.region_code`)} and i.result is not null and i.checked_on <= ${c.asOf}
      order by i.asset_id, i.checked_on desc, i.id desc
    ) r
    join asset a on a.id = r.asset_id
    cross join lateral (select ${c.statusOn('a')} as status) st
    where st.status not in ('DISPOSED', 'UNDER_DISPOSAL')
      and (r.result in ('NOT_FOUND', 'USE_CHANGED') or (r.result = 'DAMAGED' and st.status <> 'DAMAGED'))`,
};
