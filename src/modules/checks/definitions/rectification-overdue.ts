/**
 * RECTIFICATION_OVERDUE 整改逾期: a finding past its rectification due date on the date and still
 * not rectified (OPEN or RECTIFYING); or a finding that repeats one closed within
 * REPEAT_FINDING_DAYS before it was added.
 */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';

export const rectificationOverdue: CheckDefinition = {
  name: 'RECTIFICATION_OVERDUE',
  rules: [],
  sql: (c) => sql`
    select 'AuditFinding' as subject_type, f.id as subject_id, f.asset_id, f.region_code, f.amount_fen,
      jsonb_build_object('dueOn', f.due_on, 'status', f.status, 'daysOverdue', greatest(${c.asOf}::date - f.due_on, 0), 'repeatOf', f.repeat_of_id) as evidence,
      case when f.status in ('OPEN', 'RECTIFYING') and f.due_on < ${c.asOf} then format('整改期限 %s 已过 %s 天，问题仍未整改：%s', f.due_on, ${c.asOf}::date - f.due_on, f.description)
        else format('问题在销号后一年内再次出现：%s', f.description) end as message_zh,
      case when f.status in ('OPEN', 'RECTIFYING') and f.due_on < ${c.asOf} then format('Due on %s, %s days ago, and not rectified: %s', f.due_on, ${c.asOf}::date - f.due_on, f.description)
        else format('Found again within a year of closing: %s', f.description) end as message_en
    from audit_finding f
    where ${c.within(sql`f.region_code`)} and f.created_on <= ${c.asOf}
      and ((f.status in ('OPEN', 'RECTIFYING') and f.due_on < ${c.asOf}) or (f.repeat_of_id is not null and f.status <> 'CLOSED'))`,
};
