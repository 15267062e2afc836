/**
 * RECTIFICATION_OVERDUE 整改逾期: a finding past its rectification due date on the date and still
 * not rectified then (OPEN or RECTIFYING); or a finding, not closed by the date, that repeats one
 * closed within REPEAT_FINDING_DAYS before it was added (decided when it was added). A finding's
 * status on a past date is the one its last step dated by then left (its notes), OPEN before any.
 */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';

export const rectificationOverdue: CheckDefinition = {
  name: 'RECTIFICATION_OVERDUE',
  rules: [],
  sql: (c) => {
    const status =
      c.asOf >= c.today
        ? sql`f.status`
        : sql`coalesce((select case n.kind when 'RECTIFIED' then 'RECTIFIED' when 'CLOSED' then 'CLOSED' else 'RECTIFYING' end
            from audit_finding_note n where n.finding_id = f.id and n."on" <= ${c.asOf} order by n."on" desc, n.id desc limit 1), 'OPEN')`;
    return sql`
    select 'AuditFinding' as subject_type, f.id as subject_id, f.asset_id, f.region_code, f.amount_fen,
      jsonb_build_object('dueOn', f.due_on, 'status', st.status, 'daysOverdue', greatest(${c.asOf}::date - f.due_on, 0), 'repeatOf', f.repeat_of_id) as evidence,
      case when st.status in ('OPEN', 'RECTIFYING') and f.due_on < ${c.asOf} then format('整改期限 %s 已过 %s 天，问题仍未整改：%s', f.due_on, ${c.asOf}::date - f.due_on, f.description)
        else format('问题在销号后一年内再次出现：%s', f.description) end as message_zh,
      case when st.status in ('OPEN', 'RECTIFYING') and f.due_on < ${c.asOf} then format('Due on %s, %s days ago, and not rectified: %s', f.due_on, ${c.asOf}::date - f.due_on, f.description)
        else format('Found again within a year of closing: %s', f.description) end as message_en
    from audit_finding f
    cross join lateral (select ${status} as status) st
    where ${c.within(sql`f.region_code`)} and f.created_on <= ${c.asOf}
      and ((st.status in ('OPEN', 'RECTIFYING') and f.due_on < ${c.asOf}) or (f.repeat_of_id is not null and st.status <> 'CLOSED'))`;
  },
};
