/**
 * NOT_STOCKTAKEN 未盘点: an asset a stocktake closed by the date covered but left without a result,
 * unless disposed of by the date. One finding per asset, its latest such stocktake. The day a
 * stocktake closed is its China business day (UTC+8), whatever the session's time zone.
 */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';

const CHINA = sql`interval '+08:00'`;

export const notStocktaken: CheckDefinition = {
  name: 'NOT_STOCKTAKEN',
  rules: [],
  sql: (c) => sql`
    select distinct on (a.id) 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('stocktake', s.name, 'asOf', s.as_of, 'closedOn', (s.closed_at at time zone ${CHINA})::date) as evidence,
      format('清查"%s"已结束，该资产未盘点', s.name) as message_zh,
      format('The stocktake "%s" closed without a result for it', s.name) as message_en
    from stocktake_item i
    join stocktake s on s.id = i.stocktake_id
    join asset a on a.id = i.asset_id
    where ${c.within(sql`i.region_code`)} and s.status = 'CLOSED' and s.closed_at < ((${c.asOf}::date + 1)::timestamp at time zone ${CHINA}) and i.result is null
      and ${c.statusOn('a')} <> 'DISPOSED'
    order by a.id, s.closed_at desc`,
};
