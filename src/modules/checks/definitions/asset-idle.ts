/**
 * ASSET_IDLE 资产闲置: IDLE on the date for more than IDLE_DAYS; or an operating asset in use,
 * handed over more than NO_INCOME_DAYS before the date, that received nothing in those days
 * (income reversed by the date was never received).
 */
import { sql } from 'drizzle-orm';
import { type CheckDefinition } from '../check';
import { statusSinceSql } from '../../assets/assets.service';

/** Income of the asset received by the date and not reversed by it. */
const received = (asOf: string) =>
  sql`i.asset_id = a.id and i.reverses_id is null and i.received_on <= ${asOf} and not exists (select 1 from income_record r where r.reverses_id = i.id and r.received_on <= ${asOf})`;

export const assetIdle: CheckDefinition = {
  name: 'ASSET_IDLE',
  rules: ['IDLE_DAYS', 'NO_INCOME_DAYS'],
  sql: (c) => sql`
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      case when st.status = 'IDLE' then jsonb_build_object('idleSince', st.idle_since, 'days', ${c.asOf}::date - st.idle_since)
        else jsonb_build_object('lastIncomeOn', (select max(i.received_on) from income_record i where ${received(c.asOf)}), 'days', st.no_income_days) end as evidence,
      case when st.status = 'IDLE' then format('自 %s 闲置 %s 天', st.idle_since, ${c.asOf}::date - st.idle_since) else format('经营性资产近 %s 天无收益', st.no_income_days) end as message_zh,
      case when st.status = 'IDLE' then format('Idle since %s: %s days', st.idle_since, ${c.asOf}::date - st.idle_since) else format('An operating asset with no income in %s days', st.no_income_days) end as message_en
    from asset a
    cross join lateral (
      select ${c.statusOn('a')} as status, coalesce(${statusSinceSql(sql`a.id`, 'IDLE', c.asOf)}, a.created_at::date) as idle_since,
        ${c.rule('IDLE_DAYS', sql`a.region_code`)} as idle_days, ${c.rule('NO_INCOME_DAYS', sql`a.region_code`)} as no_income_days
    ) st
    where ${c.within(sql`a.region_code`)}
      and ((st.status = 'IDLE' and st.idle_since < ${c.asOf}::date - st.idle_days)
        or (a.class = 'OPERATING' and st.status = 'IN_USE' and coalesce(a.handed_over_on, a.accepted_on) < ${c.asOf}::date - st.no_income_days
          and not exists (select 1 from income_record i where ${received(c.asOf)} and i.received_on > ${c.asOf}::date - st.no_income_days)))`,
};
