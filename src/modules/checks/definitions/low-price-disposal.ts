/**
 * LOW_PRICE_DISPOSAL 低价处置: a transfer or auction whose proceeds standing by the date are below
 * LOW_PRICE_DISPOSAL_BP of its appraisal (none at all is DISPOSAL_PROCEEDS_MISSING's); or a
 * contract that took over from the asset's previous one (a renewal, or the next lease) at an
 * agreed income below LOW_LEASE_BP of the previous one's.
 */
import { sql } from 'drizzle-orm';
import { type CheckDefinition, yuan } from '../check';

export const lowPriceDisposal: CheckDefinition = {
  name: 'LOW_PRICE_DISPOSAL',
  rules: ['LOW_PRICE_DISPOSAL_BP', 'LOW_LEASE_BP'],
  sql: (c) => sql`
    select 'Disposal' as subject_type, d.id as subject_id, d.asset_id, d.region_code, d.appraised_value_fen - p.proceeds as amount_fen,
      jsonb_build_object('method', d.method, 'appraisedValue', d.appraised_value_fen, 'proceeds', p.proceeds, 'minimumBp', m.bp) as evidence,
      format('处置收入 %s 元，低于评估价 %s 元的 %s%%', ${yuan(sql`p.proceeds`)}, ${yuan(sql`d.appraised_value_fen`)}, trim_scale(round(m.bp / 100.0, 2))) as message_zh,
      format('Proceeds of %s yuan, below %s%% of the appraisal of %s yuan', ${yuan(sql`p.proceeds`)}, trim_scale(round(m.bp / 100.0, 2)), ${yuan(sql`d.appraised_value_fen`)}) as message_en
    from disposal d
    cross join lateral (
      select coalesce(sum(i.amount_fen), 0) as proceeds from income_record i
      where i.asset_id = d.asset_id and i.kind = 'DISPOSAL_PROCEEDS' and i.received_on <= ${c.asOf}
    ) p
    cross join lateral (select ${c.rule('LOW_PRICE_DISPOSAL_BP', sql`d.region_code`)} as bp) m
    where ${c.within(sql`d.region_code`)} and d.status = 'COMPLETED' and d.method in ('TRANSFER', 'AUCTION') and d.completed_on <= ${c.asOf}
      and p.proceeds > 0 and p.proceeds * 10000 < d.appraised_value_fen * m.bp
    union all
    select 'OperatingContract' as subject_type, k.id as subject_id, k.asset_id, k.region_code, prev.agreed_income_fen - k.agreed_income_fen as amount_fen,
      jsonb_build_object('contractNo', k.contract_no, 'agreedPerYear', k.agreed_income_fen, 'previousContractNo', prev.contract_no, 'previousPerYear', prev.agreed_income_fen) as evidence,
      format('新合同 %s 年租金 %s 元，低于原合同 %s 的 %s 元的 %s%%', k.contract_no, ${yuan(sql`k.agreed_income_fen`)}, prev.contract_no, ${yuan(sql`prev.agreed_income_fen`)}, trim_scale(round(m.bp / 100.0, 2))) as message_zh,
      format('Contract %s agrees %s yuan a year, below %s%% of the %s yuan of the previous contract %s', k.contract_no, ${yuan(sql`k.agreed_income_fen`)}, trim_scale(round(m.bp / 100.0, 2)), ${yuan(sql`prev.agreed_income_fen`)}, prev.contract_no) as message_en
    from operating_contract k
    cross join lateral (
      select p.* from operating_contract p
      where p.asset_id = k.asset_id and p.id <> k.id and (p.id = k.renews_contract_id or (k.renews_contract_id is null and p.starts_on < k.starts_on))
      order by (p.id = k.renews_contract_id) desc, p.starts_on desc, p.id desc limit 1
    ) prev
    cross join lateral (select ${c.rule('LOW_LEASE_BP', sql`k.region_code`)} as bp) m
    where ${c.within(sql`k.region_code`)} and k.starts_on <= ${c.asOf} and k.mode <> 'SELF_OPERATED' and prev.mode <> 'SELF_OPERATED'
      and k.agreed_income_fen * 10000 < prev.agreed_income_fen * m.bp`,
};
