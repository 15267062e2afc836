/**
 * DISBURSEMENT_OVERDUE 兑付未完成: a line of a plan approved more than DISBURSEMENT_OVERDUE_DAYS
 * before the date, not paid in full by then. A CARRY_FORWARD line is never paid (结转 stays with
 * the owner), so it is never overdue.
 */
import { sql } from 'drizzle-orm';
import { type CheckDefinition, yuan } from '../check';

export const disbursementOverdue: CheckDefinition = {
  name: 'DISBURSEMENT_OVERDUE',
  rules: ['DISBURSEMENT_OVERDUE_DAYS'],
  sql: (c) => sql`
    select 'AllocationLine' as subject_type, l.id as subject_id, null::bigint as asset_id, pl.region_code, l.amount_fen - p.paid as amount_fen,
      jsonb_build_object('plan', pl.title, 'purpose', l.purpose, 'amount', l.amount_fen, 'paid', p.paid, 'approvedOn', pl.resolution_on) as evidence,
      format('方案"%s"于 %s 批准，第 %s 行尚有 %s 元未兑付', pl.title, pl.resolution_on, l.position, ${yuan(sql`l.amount_fen - p.paid`)}) as message_zh,
      format('Plan "%s" was approved on %s; line %s still has %s yuan unpaid', pl.title, pl.resolution_on, l.position, ${yuan(sql`l.amount_fen - p.paid`)}) as message_en
    from allocation_plan pl
    join allocation_line l on l.plan_id = pl.id
    cross join lateral (select coalesce(sum(d.amount_fen), 0) as paid from disbursement d where d.line_id = l.id and d.paid_on <= ${c.asOf}) p
    where ${c.within(sql`pl.region_code`)} and pl.status in ('APPROVED', 'COMPLETED') and l.purpose <> 'CARRY_FORWARD'
      and pl.resolution_on < ${c.asOf}::date - ${c.rule('DISBURSEMENT_OVERDUE_DAYS', sql`pl.region_code`)} and p.paid < l.amount_fen`,
};
