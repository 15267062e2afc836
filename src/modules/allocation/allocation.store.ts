/** SQL of allocation plans, their lines and disbursements. Plans are seen in the owner's scope; a line and its payments belong to their plan. */
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { inScope, inSubtree } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { queryRows, type Db } from '../../db/client';
import { nextIdOf } from '../../db/ids';
import { insertInChunks, run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import {
  beneficiaryTable as beneficiary,
  disbursementTable as disbursement,
  lineTable as line,
  planTable as plan,
  type BeneficiaryRow,
  type DisbursementRow,
  type LineRow,
  type PlanRow,
} from './allocation.table';

export type NewPlan = Omit<typeof plan.$inferInsert, 'id' | 'createdAt' | 'version' | 'status'>;
export type NewLine = Omit<typeof line.$inferInsert, 'id' | 'paidFen'>;
export type NewDisbursement = Omit<typeof disbursement.$inferInsert, 'id' | 'createdAt'>;

export async function insertPlan(tx: Db, row: NewPlan): Promise<PlanRow> {
  const [created] = await run('insertAllocationPlan', tx.insert(plan).values(row).returning());
  return created!;
}

export function insertLines(tx: Db, rows: NewLine[]): Promise<LineRow[]> {
  return insertInChunks(tx, 'insertAllocationLines', line, rows);
}

/** A DRAFT plan's lines and their beneficiaries, before new ones replace them. */
export async function deleteLines(tx: Db, planId: number): Promise<void> {
  await run('deleteAllocationBeneficiaries', tx.delete(beneficiary).where(sql`${beneficiary.lineId} in (select id from allocation_line where plan_id = ${planId})`));
  await run('deleteAllocationLines', tx.delete(line).where(eq(line.planId, planId)));
}

export async function insertBeneficiaries(tx: Db, rows: { lineId: number; partyId: number }[]): Promise<void> {
  if (rows.length) await insertInChunks(tx, 'insertAllocationBeneficiaries', beneficiary, rows);
}

export function beneficiariesOfLines(db: Db, lineIds: readonly number[]): Promise<BeneficiaryRow[]> {
  return run(
    'allocationBeneficiariesOfLines',
    db
      .select()
      .from(beneficiary)
      .where(inArray(beneficiary.lineId, [...lineIds]))
      .orderBy(beneficiary.lineId, beneficiary.id),
  );
}

export async function insertDisbursement(tx: Db, row: NewDisbursement): Promise<DisbursementRow> {
  const [created] = await run('insertDisbursement', tx.insert(disbursement).values(row).returning());
  return created!;
}

/**
 * The plan locked for update, if it is in the viewer's scope. FOR NO KEY UPDATE, not FOR UPDATE:
 * a payment's disbursement row checks its foreign key to the plan with FOR KEY SHARE, which FOR
 * UPDATE would block, so a one-statement payment holding its line would wait for whoever holds
 * the plan and is waiting for that line (a deadlock). Writers of the plan still queue on it.
 */
export async function lockPlan(tx: Db, viewer: Viewer, id: number): Promise<PlanRow | undefined> {
  const [row] = await run(
    'lockAllocationPlan',
    tx
      .select()
      .from(plan)
      .where(and(eq(plan.id, id), inScope(plan.regionCode, viewer)))
      .for('no key update'),
  );
  return row;
}

/** Changes a plan and bumps its version. */
export async function updatePlan(tx: Db, id: number, values: Partial<Omit<PlanRow, 'id' | 'version' | 'createdAt'>>): Promise<PlanRow> {
  const [row] = await run(
    'updateAllocationPlan',
    tx
      .update(plan)
      .set({ ...values, version: sql`${plan.version} + 1` })
      .where(eq(plan.id, id))
      .returning(),
  );
  return row!;
}

/** A line to pay, with its plan and the id its payment will have; undefined when the plan lies outside the viewer's scope. */
export async function lineToPay(tx: Db, viewer: Viewer, id: number): Promise<{ line: LineRow; plan: PlanRow; paymentId: number } | undefined> {
  const [row] = await run(
    'allocationLineToPay',
    tx
      .select({ line, plan, paymentId: nextIdOf('disbursement') })
      .from(line)
      .innerJoin(plan, eq(plan.id, line.planId))
      .where(and(eq(line.id, id), inScope(plan.regionCode, viewer))),
  );
  return row && { line: row.line, plan: row.plan, paymentId: Number(row.paymentId) };
}

/**
 * A payment in one statement: the line is paid only while its plan is APPROVED and its unpaid
 * amount covers the payment (`leaveUnpaid`: exceeds it) — re-checked on the line's latest
 * version when payers queue on it; the plan's status as of the statement's start is enough, for
 * an APPROVED plan leaves that status only by being paid in full — and the disbursement (its id
 * drawn before) and the audit event `event` makes of the `paid` row are written only with it.
 * Undefined when refused: nothing was written.
 */
export async function payLine(
  tx: Db,
  payment: NewDisbursement & { id: number },
  event: (source: SQL) => SQL,
  options: { leaveUnpaid: boolean },
): Promise<{ paidFen: bigint; createdAt: Date } | undefined> {
  const covered = options.leaveUnpaid ? sql`l.paid_fen + ${payment.amountFen}::bigint < l.amount_fen` : sql`l.paid_fen + ${payment.amountFen}::bigint <= l.amount_fen`;
  const rows = await queryRows<{ paid_fen: string; created_at: Date | string }>(
    tx,
    sql`/* payAllocationLine */
      with paid as (
        update allocation_line l set paid_fen = l.paid_fen + ${payment.amountFen}::bigint
        where l.id = ${payment.lineId}::bigint and ${covered}
          and exists (select 1 from allocation_plan p where p.id = l.plan_id and p.status = 'APPROVED')
        returning l.paid_fen
      ), payment as (
        insert into disbursement (id, line_id, plan_id, region_code, amount_fen, paid_on, payee_party_id, payee_name, method, voucher_no, note, actor_id)
        overriding system value
        select ${payment.id}::bigint, ${payment.lineId}::bigint, ${payment.planId}::bigint, ${payment.regionCode}::bigint, ${payment.amountFen}::bigint, ${payment.paidOn}::date,
          ${payment.payeePartyId ?? null}::bigint, ${payment.payeeName ?? null}::text, ${payment.method}::text, ${payment.voucherNo ?? null}::text, ${payment.note ?? null}::text, ${payment.actorId ?? null}::text
        from paid
        returning created_at
      ), event as (${event(sql`paid`)})
      select paid.paid_fen::text as paid_fen, payment.created_at from paid, payment`,
  );
  const row = rows[0];
  return row && { paidFen: BigInt(row.paid_fen), createdAt: new Date(row.created_at) };
}

export async function lockLine(tx: Db, id: number): Promise<LineRow> {
  const [row] = await run('lockAllocationLine', tx.select().from(line).where(eq(line.id, id)).for('update'));
  return row!;
}

/** Adds to (or, for a reversal, takes from) what a line was paid. */
export async function addPaid(tx: Db, lineId: number, amountFen: bigint): Promise<LineRow> {
  const [row] = await run(
    'addAllocationLinePaid',
    tx
      .update(line)
      .set({ paidFen: sql`${line.paidFen} + ${amountFen}` })
      .where(eq(line.id, lineId))
      .returning(),
  );
  return row!;
}

export function linesOfPlans(db: Db, planIds: readonly number[]): Promise<LineRow[]> {
  return run(
    'allocationLinesOfPlans',
    db
      .select()
      .from(line)
      .where(inArray(line.planId, [...planIds]))
      .orderBy(line.planId, line.position),
  );
}

/** The lines of the plans the viewer may see (a line belongs to its plan: the plan's scope decides), in one statement. */
export async function linesOfPlansInScope(db: Db, viewer: Viewer, planIds: readonly number[]): Promise<LineRow[]> {
  const rows = await run(
    'allocationLinesOfPlansInScope',
    db
      .select({ line })
      .from(line)
      .innerJoin(plan, eq(plan.id, line.planId))
      .where(and(inScope(plan.regionCode, viewer), inArray(line.planId, [...planIds])))
      .orderBy(line.planId, line.position),
  );
  return rows.map((r) => r.line);
}

export function plansByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<PlanRow[]> {
  return run(
    'allocationPlansByIds',
    db
      .select()
      .from(plan)
      .where(and(inScope(plan.regionCode, viewer), inArray(plan.id, [...ids]))),
  );
}

export function linesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<LineRow[]> {
  return run(
    'allocationLinesByIds',
    db
      .select({ line })
      .from(line)
      .innerJoin(plan, eq(plan.id, line.planId))
      .where(and(inScope(plan.regionCode, viewer), inArray(line.id, [...ids]))),
  ).then((rows) => rows.map((r) => r.line));
}

export function disbursementsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<DisbursementRow[]> {
  return run(
    'disbursementsByIds',
    db
      .select()
      .from(disbursement)
      .where(and(inScope(disbursement.regionCode, viewer), inArray(disbursement.id, [...ids]))),
  );
}

export function disbursementsOfLines(db: Db, viewer: Viewer, lineIds: readonly number[]): Promise<DisbursementRow[]> {
  return run(
    'disbursementsOfLines',
    db
      .select()
      .from(disbursement)
      .where(and(inScope(disbursement.regionCode, viewer), inArray(disbursement.lineId, [...lineIds])))
      .orderBy(disbursement.lineId, disbursement.paidOn, disbursement.id),
  );
}

export function disbursementsOfPlans(db: Db, viewer: Viewer, planIds: readonly number[]): Promise<DisbursementRow[]> {
  return run(
    'disbursementsOfPlans',
    db
      .select()
      .from(disbursement)
      .where(and(inScope(disbursement.regionCode, viewer), inArray(disbursement.planId, [...planIds])))
      .orderBy(disbursement.planId, disbursement.paidOn, disbursement.id),
  );
}

/** The disbursement locked for update (a reversal checks it). */
export async function lockDisbursement(tx: Db, viewer: Viewer, id: number): Promise<DisbursementRow | undefined> {
  const [row] = await run(
    'lockDisbursement',
    tx
      .select()
      .from(disbursement)
      .where(and(eq(disbursement.id, id), inScope(disbursement.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

export async function reversalOfDisbursement(tx: Db, id: number): Promise<boolean> {
  const rows = await run('reversalOfDisbursement', tx.select({ id: disbursement.id }).from(disbursement).where(eq(disbursement.reversesId, id)));
  return rows.length > 0;
}

export interface PlanFilter {
  regionPrefix?: string;
  ownerPartyId?: number;
  status?: PlanRow['status'];
}

export const PLAN_ORDER: SortKey<PlanRow>[] = [{ name: 'plan', expr: plan.id, direction: 'desc', type: 'id', value: (r) => r.id }];

function planCondition(viewer: Viewer, filter: PlanFilter): SQL | undefined {
  return and(
    inScope(plan.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(plan.regionCode, filter.regionPrefix) : undefined,
    filter.ownerPartyId !== undefined ? eq(plan.ownerPartyId, filter.ownerPartyId) : undefined,
    filter.status ? eq(plan.status, filter.status) : undefined,
  );
}

export function plansPage(db: Db, viewer: Viewer, filter: PlanFilter, page: PageRequest): Promise<PlanRow[]> {
  return run(
    'allocationPlansPage',
    db
      .select()
      .from(plan)
      .where(and(planCondition(viewer, filter), keysetCondition(PLAN_ORDER, page)))
      .orderBy(...keysetOrder(PLAN_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function plansCount(db: Db, viewer: Viewer, filter: PlanFilter): Promise<number> {
  const [row] = await run('allocationPlansCount', db.select({ n: sql<number>`count(*)::int` }).from(plan).where(planCondition(viewer, filter)));
  return row?.n ?? 0;
}

/** What an owner's plans allocated (lines of plans approved by the date), paid (disbursements by the date, net of reversals) and carried forward. */
export async function ownerAllocationFigures(db: Db, viewer: Viewer, ownerPartyId: number, asOf: string): Promise<{ allocatedFen: bigint; paidFen: bigint; carriedForwardFen: bigint }> {
  const ownersPlan = sql`p.owner_party_id = ${ownerPartyId} and ${inScope(sql`p.region_code`, viewer)}`;
  const [row] = await run(
    'ownerAllocationFigures',
    db
      .select({
        allocated: sql<string>`coalesce((select sum(l.amount_fen) from allocation_line l join allocation_plan p on p.id = l.plan_id
          where ${ownersPlan} and p.status in ('APPROVED', 'COMPLETED') and p.resolution_on <= ${asOf}), 0)::text`,
        paid: sql<string>`coalesce((select sum(d.amount_fen) from disbursement d join allocation_plan p on p.id = d.plan_id
          where ${ownersPlan} and d.paid_on <= ${asOf}), 0)::text`,
        // CARRY_FORWARD lines, and what the lines leave of the pool, stay with the owner (isCarriedForward).
        carried: sql<string>`coalesce((select sum(p.pool_fen - coalesce((select sum(l.amount_fen) from allocation_line l where l.plan_id = p.id and l.purpose <> 'CARRY_FORWARD'), 0))
          from allocation_plan p where ${ownersPlan} and p.status in ('APPROVED', 'COMPLETED') and p.resolution_on <= ${asOf}), 0)::text`,
      })
      .from(sql`(select 1) as one`),
  );
  return { allocatedFen: BigInt(row?.allocated ?? 0), paidFen: BigInt(row?.paid ?? 0), carriedForwardFen: BigInt(row?.carried ?? 0) };
}

/** Plans from their publicity on (公示 and after), in a region's subtree, for everyone: no scope. */
const PUBLIC_STATUSES: PlanRow['status'][] = ['PUBLICIZED', 'APPROVED', 'COMPLETED'];

export const NOTICE_ORDER: SortKey<PlanRow>[] = [
  { name: 'publicityStartsOn', expr: plan.publicityStartsOn, direction: 'desc', type: 'date', value: (r) => r.publicityStartsOn },
  { name: 'plan', expr: plan.id, direction: 'desc', type: 'id', value: (r) => r.id },
];

/** Plans publicized or approved, from their publicity's first day on (a notice dated later is not up yet). */
const noticeCondition = (regionPrefix: string, today: string) => and(inArray(plan.status, PUBLIC_STATUSES), lte(plan.publicityStartsOn, today), inSubtree(plan.regionCode, regionPrefix));

export function publicNoticesPage(db: Db, regionPrefix: string, today: string, page: PageRequest): Promise<PlanRow[]> {
  return run(
    'publicNoticesPage',
    db
      .select()
      .from(plan)
      .where(and(noticeCondition(regionPrefix, today), keysetCondition(NOTICE_ORDER, page)))
      .orderBy(...keysetOrder(NOTICE_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function publicNoticesCount(db: Db, regionPrefix: string, today: string): Promise<number> {
  const [row] = await run('publicNoticesCount', db.select({ n: sql<number>`count(*)::int` }).from(plan).where(noticeCondition(regionPrefix, today)));
  return row?.n ?? 0;
}

/** Allocated (lines of plans approved that year) and disbursed (paid that year, net of reversals) by year, for owners in a subtree, up to a date. */
export function allocationByYear(db: Db, viewer: Viewer, regionPrefix: string, asOf: string): Promise<{ year: number; allocated: string; disbursed: string }[]> {
  const owners = sql`${inScope(sql`p.region_code`, viewer)} and ${inSubtree(sql`p.region_code`, regionPrefix)}`;
  return run(
    'allocationByYear',
    db
      .select({ year: sql<number>`y.year`.mapWith(Number), allocated: sql<string>`sum(y.allocated)::text`, disbursed: sql<string>`sum(y.disbursed)::text` })
      .from(
        sql`(select extract(year from p.resolution_on)::int as year, l.amount_fen as allocated, 0::bigint as disbursed
               from allocation_line l join allocation_plan p on p.id = l.plan_id
              where ${owners} and p.status in ('APPROVED', 'COMPLETED') and p.resolution_on <= ${asOf}
             union all
             select extract(year from d.paid_on)::int, 0, d.amount_fen
               from disbursement d join allocation_plan p on p.id = d.plan_id
              where ${owners} and d.paid_on <= ${asOf}) as y`,
      )
      .groupBy(sql`y.year`),
  );
}

export async function regionsOfPlans(db: Db, planIds: SQL): Promise<number[]> {
  const rows = await queryRows<{ region_code: string }>(
    db,
    sql`/* regionsOfPlans */ select distinct p.region_code::text as region_code from allocation_plan p where p.id in (select plan_id from ${planIds} x)`,
  );
  return rows.map((r) => Number(r.region_code));
}

/** Per owner of a subtree, the plans approved in [from, to] as a relation (owner_party_id, region_code, planned_fen, allocated_fen, carried_fen, disbursed_fen by `to`). */
export function approvedPlansPerOwnerRelation(viewer: Viewer, regionPrefix: string, from: string, to: string): SQL {
  return sql`(
    select p.owner_party_id, p.region_code, sum(p.pool_fen) as planned_fen, sum(l.allocated_fen) as allocated_fen,
      sum(p.pool_fen - l.payable_fen) as carried_fen,
      coalesce(sum((select sum(d.amount_fen) from disbursement d where d.plan_id = p.id and d.paid_on <= ${to})), 0) as disbursed_fen
    from allocation_plan p
      -- A CARRY_FORWARD line, and what the lines leave of the pool, stay with the owner (isCarriedForward).
      cross join lateral (
        select coalesce(sum(l.amount_fen), 0) as allocated_fen, coalesce(sum(l.amount_fen) filter (where l.purpose <> 'CARRY_FORWARD'), 0) as payable_fen
        from allocation_line l where l.plan_id = p.id
      ) l
    where ${inScope(sql`p.region_code`, viewer)} and ${inSubtree(sql`p.region_code`, regionPrefix)} and p.status in ('APPROVED', 'COMPLETED') and p.resolution_on between ${from} and ${to}
    group by p.owner_party_id, p.region_code
  )`;
}

/** The status and title of plans by id, whatever the caller's scope (a rule on an asset looks at every plan holding its income). */
export function planStatuses(db: Db, ids: readonly number[]): Promise<{ id: number; status: PlanRow['status']; title: string }[]> {
  return run(
    'allocationPlanStatuses',
    db
      .select({ id: plan.id, status: plan.status, title: plan.title })
      .from(plan)
      .where(inArray(plan.id, [...ids])),
  );
}
