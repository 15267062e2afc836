/**
 * The automated checks' findings as an auditor files them: one row per finding, in the order of
 * auditFindings (severity, then the money), Chinese headers, the asset's code where there is one.
 */
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { toGlobalId } from '../../graphql/global-id';
import { formatMoney } from '../../graphql/scalars';
import { numberToCode } from '../regions/division-code';
import { CHECK_TITLES, findingsForExport, type CheckRun } from './checks.service';

const SEVERITY_NAMES = { HIGH: '高', MEDIUM: '中', LOW: '低' } as const;

export const FINDING_HEADERS = ['检查', '检查名称', '严重程度', '对象类型', '对象ID', '资产编号', '区划代码', '涉及金额（元）', '问题描述', '核查依据'];

export async function* findingsSheet(db: Db, viewer: Viewer, clock: Clock, run: CheckRun): AsyncGenerator<string[][]> {
  for await (const batch of findingsForExport(db, viewer, clock, run)) {
    yield batch.map((f) => [
      f.check,
      CHECK_TITLES[f.check].zh,
      SEVERITY_NAMES[f.severity],
      f.subjectType,
      toGlobalId(f.subjectType, f.subjectId),
      f.assetCode ?? '',
      numberToCode(f.regionCode),
      formatMoney(BigInt(f.amountFen)),
      f.messageZh,
      JSON.stringify(f.evidence),
    ]);
  }
}
