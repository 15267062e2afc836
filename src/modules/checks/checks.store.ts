/** Runs the checks' statements: findings as one ordered, paged statement; the summary as one statement per check. */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/client';
import { assetCodeSql } from '../assets/assets.service';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { CHECK_TITLES, SEVERITIES, type AuditCheck, type Severity } from './checks.catalog';
import type { CheckContext } from './check';
import { CHECKS } from './definitions';

export interface FindingRow {
  check: AuditCheck;
  severity: Severity;
  subjectType: string;
  subjectId: number;
  assetId: number | null;
  regionCode: number;
  amountFen: string;
  evidence: Record<string, unknown>;
  messageZh: string;
  messageEn: string;
}

const severityRank = (check: AuditCheck) => SEVERITIES.indexOf(CHECK_TITLES[check].severity);

/** The checks' rows under one shape, each labelled with its check and severity. */
function findingsOf(c: CheckContext, checks: readonly AuditCheck[]): SQL {
  return sql.join(
    checks.map(
      (name) => sql`select ${name}::text as "check", ${severityRank(name)}::int as severity_rank, x.subject_type::text, x.subject_id::bigint, x.asset_id::bigint,
        x.region_code::bigint, coalesce(x.amount_fen, 0)::bigint as amount_fen, x.evidence::jsonb, x.message_zh::text, x.message_en::text
        from (${CHECKS[name].sql(c)}) x`,
    ),
    sql` union all `,
  );
}

export const FINDING_ORDER: SortKey<FindingRow>[] = [
  { name: 'severity', expr: sql`f.severity_rank`, direction: 'asc', type: 'integer', value: (r) => SEVERITIES.indexOf(r.severity) },
  { name: 'amount', expr: sql`f.amount_fen`, direction: 'desc', type: 'bigint', value: (r) => r.amountFen },
  { name: 'check', expr: sql`f."check"`, direction: 'asc', type: 'text', value: (r) => r.check },
  { name: 'subjectType', expr: sql`f.subject_type`, direction: 'asc', type: 'text', value: (r) => r.subjectType },
  { name: 'subject', expr: sql`f.subject_id`, direction: 'asc', type: 'id', value: (r) => r.subjectId },
];

interface RawFinding {
  check: AuditCheck;
  severity_rank: number;
  subject_type: string;
  subject_id: string;
  asset_id: string | null;
  region_code: string;
  amount_fen: string;
  evidence: Record<string, unknown>;
  message_zh: string;
  message_en: string;
  total: number;
}

const toFinding = (r: RawFinding): FindingRow => ({
  check: r.check,
  severity: SEVERITIES[Number(r.severity_rank)]!,
  subjectType: r.subject_type,
  subjectId: Number(r.subject_id),
  assetId: r.asset_id === null ? null : Number(r.asset_id),
  regionCode: Number(r.region_code),
  amountFen: String(r.amount_fen),
  evidence: r.evidence,
  messageZh: r.message_zh,
  messageEn: r.message_en,
});

/** A page of findings in order (severity, then amount) and how many there are in all, in one statement. */
export async function findingsPage(db: Db, c: CheckContext, checks: readonly AuditCheck[], page: PageRequest): Promise<{ rows: FindingRow[]; total: number }> {
  const keyset = keysetCondition(FINDING_ORDER, page);
  const rows = await queryRows<RawFinding>(
    db,
    sql`/* auditFindingsPage, unprepared */
      with f as materialized (${findingsOf(c, checks)}), n as (select count(*)::int as total from f)
      select f.*, n.total from f, n
      ${keyset ? sql`where ${keyset}` : sql``}
      order by ${sql.join(keysetOrder(FINDING_ORDER, page), sql`, `)}
      limit ${page.limit + 1}`,
  );
  const total = rows[0]
    ? Number(rows[0].total)
    : (await queryRows<{ total: number }>(db, sql`/* auditFindingsCount, unprepared */ select count(*)::int as total from (${findingsOf(c, checks)}) f`))[0]!.total;
  return { rows: rows.map(toFinding), total: Number(total) };
}

/**
 * Every finding in order with its asset's code, in batches through a cursor: a province's
 * findings never sit in memory at once. Runs in the caller's transaction (a cursor lives in one).
 */
export async function allFindings(tx: Db, c: CheckContext, checks: readonly AuditCheck[], batch: number, emit: (rows: (FindingRow & { assetCode: string | null })[]) => Promise<void>): Promise<void> {
  await tx.execute(sql`/* auditFindingsCursor, unprepared */ declare findings_export no scroll cursor for
    select f.*, ${assetCodeSql(sql`f.asset_id`)} as asset_code from (${findingsOf(c, checks)}) f
    order by ${sql.join(
      FINDING_ORDER.map((k) => (k.direction === 'asc' ? sql`${k.expr} asc` : sql`${k.expr} desc`)),
      sql`, `,
    )}`);
  for (;;) {
    const rows = await queryRows<RawFinding & { asset_code: string | null }>(tx, sql.raw(`/* auditFindingsFetch */ fetch ${Math.floor(batch)} from findings_export`));
    if (rows.length === 0) return;
    await emit(rows.map((r) => ({ ...toFinding(r), assetCode: r.asset_code })));
  }
}

/** How many findings one check has, and the money involved. */
export async function checkTotals(db: Db, c: CheckContext, check: AuditCheck): Promise<{ findings: number; amountFen: string }> {
  const [row] = await queryRows<{ findings: number; amount: string }>(
    db,
    sql`/* auditCheckTotals */ select count(*)::int as findings, coalesce(sum(x.amount_fen), 0)::text as amount from (${CHECKS[check].sql(c)}) x`,
  );
  return { findings: Number(row!.findings), amountFen: row!.amount };
}

/** One subject's finding of a check, if the check finds it. */
export async function findingOfSubject(db: Db, c: CheckContext, check: AuditCheck, subjectType: string, subjectId: number): Promise<FindingRow | null> {
  const [row] = await queryRows<RawFinding>(
    db,
    sql`/* auditCheckSubject */ select f.*, 0 as total from (${findingsOf(c, [check])}) f where f.subject_type = ${subjectType} and f.subject_id = ${subjectId} limit 1`,
  );
  return row ? toFinding(row) : null;
}
