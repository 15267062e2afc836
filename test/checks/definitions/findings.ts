/**
 * One check's findings as an auditor asks for them, every page: what the per-check worlds
 * (fixtures-a, -b, -c) read their answers through.
 */
import { expect } from 'vitest';
import type { TestContext } from '../../helpers';

const FINDINGS = `query($r: DivisionCode!, $checks: [AuditCheck!], $asOf: Date, $thresholds: [RuleThresholdInput!], $after: String) {
  auditFindings(region: $r, checks: $checks, asOf: $asOf, thresholds: $thresholds, first: 200, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { check severity subjectType subjectId amount messageZh messageEn evidence asset { id } }
  }
}`;

export interface Finding {
  check: string;
  severity: string;
  subjectType: string;
  subjectId: string;
  amount: string;
  messageZh: string;
  messageEn: string;
  evidence: Record<string, unknown>;
  asset: { id: string } | null;
}

/** What a run may be asked besides the check: another region (`r`), the date, this run's thresholds. */
export interface RunOptions {
  r?: string;
  asOf?: string;
  thresholds?: { name: string; value: number }[];
}

export async function findingsOf(t: TestContext, auditor: string, region: string, check: string, options: RunOptions = {}): Promise<Finding[]> {
  const seen: Finding[] = [];
  let after: string | null = null;
  do {
    const res: { data: { auditFindings: { nodes: Finding[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: unknown } = await t.gql(
      FINDINGS,
      { r: region, checks: [check], after, ...options },
      auditor,
    );
    expect(res.errors).toBeUndefined();
    seen.push(...res.data.auditFindings.nodes);
    after = res.data.auditFindings.pageInfo.hasNextPage ? res.data.auditFindings.pageInfo.endCursor : null;
  } while (after);
  return seen;
}
