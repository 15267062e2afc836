/**
 * The role × scope table for any operation, in a few lines per operation: a probe is a document
 * and its variables; `checkProbe` sends it as every role of the county, as a viewer of another
 * county and without a token, and compares each answer with the policy (src/auth/policy.ts):
 * - a role without the permission gets FORBIDDEN, no token gets UNAUTHENTICATED, and a refused
 *   mutation writes nothing (every table's rows counted before and after);
 * - a role with it is not refused (a userError about the data is fine);
 * - from another county's scope, a query sees nothing and a mutation changes nothing.
 */
import { addDays } from '../../src/clock';
import { OPERATIONS, rolesAllowed } from '../../src/auth/policy';
import { ROLES, Role } from '../../src/auth/viewer';
import type { TestContext } from '../helpers';

export const HOME = '522327';
/** A county of the same province with none of the home county's rows. */
export const FOREIGN = '522328';

export interface Fixture {
  /** An asset in custody of `custodianParty` (the CUSTODIAN tokens' party). */
  assetId: string;
  /** Another asset in custody, for ending custody without disturbing the first. */
  otherAssetId: string;
  custodianParty: number;
  dutyId: string;
  stocktakeId: string;
  /** An operating asset with owners, an active contract of it, and an income record of it. */
  operatingAssetId: string;
  contractId: string;
  incomeId: string;
  /** An APPROVED allocation plan, a line of it (1.00, 0.01 paid) and that payment. */
  planId: string;
  lineId: string;
  disbursementId: string;
  /** The demo county's audit case and one of its findings. */
  caseId: string;
  findingId: string;
  /** A disposal waiting for a decision (the demo county's). */
  disposalId: string;
  /** A bank statement line no income record explains (the demo county's statement). */
  statementLineId: string;
  partyId: string;
  projectId: string;
  auditEventId: string;
  village: string;
}

export interface Probe {
  operation: string;
  document: string;
  variables?: (f: Fixture) => Record<string, unknown>;
  /** What the answer's data looks like to a viewer of another county: the query sees nothing of ours. */
  seenFromAbroad?: (data: Record<string, unknown>) => unknown;
  /** The value `seenFromAbroad` must give (default null). */
  nothing?: unknown;
}

export async function fixtureOf(t: TestContext): Promise<Fixture> {
  const { toGlobalId } = await import('../../src/graphql/global-id');
  const held = await t.rows<{ asset_id: number; party: number }>(
    `select c.asset_id, c.custodian_party_id as party from custody_assignment c join asset a on a.id = c.asset_id
     where c.valid_to is null and a.status <> 'DISPOSED' and exists (select 1 from custody_duty d where d.asset_id = c.asset_id) order by c.asset_id limit 2`,
  );
  const [party] = await t.rows<{ id: number }>(`select id from party where kind = 'VILLAGE_COLLECTIVE' order by id limit 1`);
  const [project] = await t.rows<{ id: number }>('select id from project order by id limit 1');
  const [event] = await t.rows<{ id: number }>('select id from audit_event order by id limit 1');
  const [duty] = await t.rows<{ id: number }>(`select id from custody_duty where asset_id = ${held[0]!.asset_id} order by id limit 1`);
  const [stocktake] = await t.rows<{ id: number }>(`select id from stocktake where status = 'OPEN' order by id limit 1`);
  const [contract] = await t.rows<{ id: number; asset_id: number }>(`select id, asset_id from operating_contract where status = 'ACTIVE' and agreed_income_fen > 0 order by id limit 1`);
  const [income] = await t.rows<{ id: number }>(`select id from income_record where reverses_id is null and asset_id = ${contract!.asset_id} order by id limit 1`);
  const [line] = await t.rows<{ id: number }>('select id from bank_statement_line where income_id is null order by id limit 1');
  const [disposal] = await t.rows<{ id: number }>(`select id from disposal where status = 'REQUESTED' order by id limit 1`);
  const [finding] = await t.rows<{ id: number; case_id: number }>(`select id, case_id from audit_finding order by id limit 1`);
  const plan = await approvedPlan(t);
  return {
    ...plan,
    assetId: toGlobalId('Asset', held[0]!.asset_id),
    otherAssetId: toGlobalId('Asset', held[1]!.asset_id),
    custodianParty: held[0]!.party,
    dutyId: toGlobalId('CustodyDuty', duty!.id),
    stocktakeId: toGlobalId('Stocktake', stocktake!.id),
    operatingAssetId: toGlobalId('Asset', contract!.asset_id),
    contractId: toGlobalId('OperatingContract', contract!.id),
    incomeId: toGlobalId('IncomeRecord', income!.id),
    statementLineId: toGlobalId('BankStatementLine', line!.id),
    disposalId: toGlobalId('Disposal', disposal!.id),
    caseId: toGlobalId('AuditCase', finding!.case_id),
    findingId: toGlobalId('AuditFinding', finding!.id),
    partyId: toGlobalId('Party', party!.id),
    projectId: toGlobalId('Project', project!.id),
    auditEventId: toGlobalId('AuditEvent', event!.id),
    village: '522327104201',
  };
}

/** An allocation plan taken through its workflow by FINANCE, with one payment. */
async function approvedPlan(t: TestContext): Promise<{ planId: string; lineId: string; disbursementId: string }> {
  const { toGlobalId } = await import('../../src/graphql/global-id');
  const finance = await t.token(Role.FINANCE, HOME);
  const [pool] = await t.rows<{ owner: number; first: string; last: string }>(
    `select owner_party_id as owner, min(received_on)::text as first, max(received_on)::text as last from income_part
     where plan_id is null and amount_fen > 0 group by owner_party_id order by owner_party_id limit 1`,
  );
  const step = async (name: string, input: Record<string, unknown>) => {
    const res = await t.gql(
      `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { allocationPlan { id lines { id } } userErrors { code message } } }`,
      { input },
      finance,
    );
    const payload = res.data?.[name];
    if (!payload || payload.userErrors.length) throw new Error(`${name}: ${JSON.stringify(res.body)}`);
    return payload.allocationPlan as { id: string; lines: { id: string }[] };
  };
  const plan = await step('createAllocationPlan', {
    ownerId: toGlobalId('Party', pool!.owner),
    title: '矩阵测试方案',
    periodFrom: pool!.first,
    periodTo: pool!.first,
    lines: [
      { purpose: 'VILLAGE_PUBLIC_WELFARE', amount: '0.01' },
      { purpose: 'COLLECTIVE_ECONOMY', amount: '0.01' },
    ],
  });
  // Publicized from the day its income came in (not before), approved after ten days, paid the day after.
  await step('publicizeAllocationPlan', { planId: plan.id, startsOn: pool!.first, days: 10 });
  await step('approveAllocationPlan', { planId: plan.id, resolutionNo: '矩阵决议', resolutionOn: addDays(pool!.first, 11) });
  const paid = await t.gql(
    'mutation($input: RecordDisbursementInput!) { recordDisbursement(input: $input) { disbursement { id } userErrors { code } } }',
    { input: { lineId: plan.lines[0]!.id, amount: '0.01', paidOn: addDays(pool!.first, 12), payeeName: '张三', method: 'CASH' } },
    finance,
  );
  return { planId: plan.id, lineId: plan.lines[1]!.id, disbursementId: paid.data.recordDisbursement.disbursement.id };
}

async function tableCounts(t: TestContext): Promise<Record<string, number>> {
  const tables = (await t.rows<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' and tablename not like '%migrations%' order by 1`)).map((r) => r.tablename);
  const [row] = await t.rows<Record<string, number>>(`select ${tables.map((name) => `(select count(*)::int from "${name}") as "${name}"`).join(', ')}`);
  return row!;
}

const codesOf = (res: { errors?: { extensions?: { code?: string } }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

/** What went against the policy, one line each (empty when the probe held). */
export async function checkProbe(t: TestContext, probe: Probe, fixture: Fixture): Promise<string[]> {
  const policy = OPERATIONS[probe.operation];
  if (!policy) return [`${probe.operation}: no entry in src/auth/policy.ts`];
  const allowed = rolesAllowed(policy.permission);
  const problems: string[] = [];
  const variables = probe.variables?.(fixture) ?? {};
  const callers: { label: string; role: Role | null; scope: string }[] = [
    ...ROLES.map((role) => ({ label: role, role, scope: HOME })),
    { label: 'anonymous', role: null, scope: HOME },
    { label: `ADMIN of ${FOREIGN}`, role: Role.ADMIN, scope: FOREIGN },
  ];
  for (const caller of callers) {
    const token = caller.role ? await t.token(caller.role, caller.scope, caller.role === Role.CUSTODIAN ? fixture.custodianParty : undefined) : undefined;
    const before = policy.kind === 'mutation' ? await tableCounts(t) : null;
    const res = await t.gql(probe.document, variables, token);
    const codes = codesOf(res);
    const may = caller.role === null ? allowed === 'everyone' : allowed === 'everyone' || allowed.includes(caller.role);
    const say = (what: string) => problems.push(`${probe.operation} as ${caller.label}: ${what} (answer: ${JSON.stringify(res.body).slice(0, 200)})`);
    if (res.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) say('failed inside');
    if (!may) {
      const expected = caller.role === null ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      if (!codes.includes(expected)) say(`expected ${expected}`);
    } else if (codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED')) say('refused, though the policy allows it');
    if (before) {
      const after = await tableCounts(t);
      const refused = !may || caller.scope === FOREIGN;
      if (refused && JSON.stringify(after) !== JSON.stringify(before)) say('wrote although refused or out of scope');
      if (caller.scope === FOREIGN && may) {
        const payload = Object.values(res.data ?? {})[0] as { userErrors?: { code: string }[] } | undefined;
        if (!payload?.userErrors?.length) say("a mutation on another county's rows did not answer a userError");
      }
    } else if (caller.scope === FOREIGN && may && probe.seenFromAbroad) {
      const seen = probe.seenFromAbroad(res.data ?? {});
      if (JSON.stringify(seen) !== JSON.stringify(probe.nothing ?? null)) say(`saw ${JSON.stringify(seen)} of another county`);
    }
  }
  return problems;
}
