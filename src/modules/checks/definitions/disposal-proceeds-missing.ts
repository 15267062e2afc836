/** DISPOSAL_PROCEEDS_MISSING 处置收入未到账: a transfer or auction completed more than DISPOSAL_PROCEEDS_DAYS before the date with no proceeds that stand received by then. */
import { sql } from 'drizzle-orm';
import { type CheckDefinition, yuan } from '../check';

export const disposalProceedsMissing: CheckDefinition = {
  name: 'DISPOSAL_PROCEEDS_MISSING',
  rules: ['DISPOSAL_PROCEEDS_DAYS'],
  sql: (c) => sql`
    select 'Disposal' as subject_type, d.id as subject_id, d.asset_id, d.region_code, d.appraised_value_fen as amount_fen,
      jsonb_build_object('method', d.method, 'completedOn', d.completed_on, 'appraisedValue', d.appraised_value_fen, 'days', ${c.asOf}::date - d.completed_on) as evidence,
      format('%s 完成%s，评估价 %s 元，%s 天未收到处置收入', d.completed_on, case d.method when 'AUCTION' then '拍卖' else '转让' end, ${yuan(sql`d.appraised_value_fen`)}, ${c.asOf}::date - d.completed_on) as message_zh,
      format('%s completed on %s (appraised at %s yuan): no proceeds in %s days', initcap(d.method), d.completed_on, ${yuan(sql`d.appraised_value_fen`)}, ${c.asOf}::date - d.completed_on) as message_en
    from disposal d
    where ${c.within(sql`d.region_code`)} and d.status = 'COMPLETED' and d.method in ('TRANSFER', 'AUCTION')
      and d.completed_on < ${c.asOf}::date - ${c.rule('DISPOSAL_PROCEEDS_DAYS', sql`d.region_code`)}
      and not exists (
        select 1 from income_record i where i.asset_id = d.asset_id and i.kind = 'DISPOSAL_PROCEEDS' and i.reverses_id is null and i.received_on <= ${c.asOf}
          and not exists (select 1 from income_record r where r.reverses_id = i.id and r.received_on <= ${c.asOf}))`,
};
