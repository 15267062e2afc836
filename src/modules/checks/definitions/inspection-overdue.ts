/**
 * INSPECTION_OVERDUE 巡查超期: an active duty whose due date lies further back than
 * INSPECTION_OVERDUE_SHARE_BP of its interval (half, by default). One finding per asset, its most overdue duty.
 * A duty's due date on the date is the custody module's (the kept one today, recomputed as it
 * was for a past date); an asset disposed of by then owes nothing.
 */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';
import { dutyDueOnSql } from '../../custody/custody.service';

export const inspectionOverdue: CheckDefinition = {
  name: 'INSPECTION_OVERDUE',
  rules: ['INSPECTION_OVERDUE_SHARE_BP'],
  sql: (c) => {
    // Unaliased: the due date is written over the table's own column names.
    const d = sql.raw('custody_duty');
    return sql`
    select distinct on (a.id) 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('duty', ${d}.kind, 'dueOn', x.due_on, 'intervalDays', ${d}.interval_days, 'daysOverdue', ${c.asOf}::date - x.due_on) as evidence,
      format('%s 应于 %s 完成，已超期 %s 天（周期 %s 天）', ${d}.kind, x.due_on, ${c.asOf}::date - x.due_on, ${d}.interval_days) as message_zh,
      format('%s was due on %s: %s days overdue (every %s days)', ${d}.kind, x.due_on, ${c.asOf}::date - x.due_on, ${d}.interval_days) as message_en
    from custody_duty join asset a on a.id = ${d}.asset_id
    cross join lateral (select ${dutyDueOnSql(c.asOf, c.asOf >= c.today)} as due_on) x
    where ${c.within(sql`${d}.region_code`)} and ${d}.active and ${c.statusOn('a')} <> 'DISPOSED'
      and (${c.asOf}::date - x.due_on) * 10000 > ${d}.interval_days * ${c.rule('INSPECTION_OVERDUE_SHARE_BP', sql`${d}.region_code`)}
    order by a.id, x.due_on, ${d}.id`;
  },
};
