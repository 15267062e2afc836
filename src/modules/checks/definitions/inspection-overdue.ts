/**
 * INSPECTION_OVERDUE 巡查超期: an active duty whose due date lies further back than
 * INSPECTION_OVERDUE_SHARE_BP of its interval (half, by default). One finding per asset, its most overdue duty.
 * Today's run reads the kept due dates; a past date's recomputes them as they were then (the
 * latest record of the duty's kind by that date, else the later of the custody then in force and
 * the duty's start, plus the interval: the rule the custody module keeps), and skips assets
 * disposed of by then.
 */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';

export const inspectionOverdue: CheckDefinition = {
  name: 'INSPECTION_OVERDUE',
  rules: ['INSPECTION_OVERDUE_SHARE_BP'],
  sql: (c) => {
    const isToday = c.asOf >= c.today;
    const due = isToday
      ? sql`d.next_due_on`
      : sql`(coalesce(
          (select max(m.performed_on) from maintenance_record m where m.asset_id = d.asset_id and m.kind = d.kind and m.performed_on <= ${c.asOf}),
          greatest((select max(ca.valid_from) from custody_assignment ca where ca.asset_id = d.asset_id and ca.valid_from <= ${c.asOf} and (ca.valid_to is null or ca.valid_to > ${c.asOf})), d.starts_on)
        ) + d.interval_days)`;
    const status = c.statusOn('a');
    return sql`
    select distinct on (a.id) 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('duty', d.kind, 'dueOn', x.due_on, 'intervalDays', d.interval_days, 'daysOverdue', ${c.asOf}::date - x.due_on) as evidence,
      format('%s 应于 %s 完成，已超期 %s 天（周期 %s 天）', d.kind, x.due_on, ${c.asOf}::date - x.due_on, d.interval_days) as message_zh,
      format('%s was due on %s: %s days overdue (every %s days)', d.kind, x.due_on, ${c.asOf}::date - x.due_on, d.interval_days) as message_en
    from custody_duty d join asset a on a.id = d.asset_id
    cross join lateral (select ${due} as due_on) x
    where ${c.within(sql`d.region_code`)} and d.active and ${status} <> 'DISPOSED'
      and (${c.asOf}::date - x.due_on) * 10000 > d.interval_days * ${c.rule('INSPECTION_OVERDUE_SHARE_BP', sql`d.region_code`)}
    order by a.id, x.due_on, d.id`;
  },
};
