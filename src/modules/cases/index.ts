/** 审计/检查 and 整改: audit cases, their findings and the rectification of each. */
import { registerTimeline } from '../assets/timeline';
import { byIntegerKey, type Module } from '../module';
import { caseById, findingById, findingsOfAsset } from './cases.loaders';
import { AssetFindingsResolver, AuditCaseResolver, AuditFindingResolver, FindingTimelineResolver } from './cases.resolver';
import { CaseError } from './cases.service';

registerTimeline(
  {
    FINDING_ADDED: { description: 'An audit found a problem with it (see finding).', rank: 80 },
    FINDING_CLOSED: { description: "An audit's finding about it was closed (see finding).", rank: 81 },
  },
  async (ctx, asset) =>
    (await ctx.loaders.get(findingsOfAsset).load(asset.id)).flatMap((f) => [
      { kind: 'FINDING_ADDED', on: f.createdOn, at: f.createdAt, key: f.id, detail: f },
      ...(f.closedOn ? [{ kind: 'FINDING_CLOSED', on: f.closedOn, at: f.createdAt, key: f.id, detail: f }] : []),
    ]),
);

export const cases: Module = {
  name: 'cases',
  resolvers: [AuditCaseResolver, AuditFindingResolver, AssetFindingsResolver, FindingTimelineResolver],
  nodes: {
    AuditCase: byIntegerKey((ctx, id) => ctx.loaders.get(caseById).load(id)),
    AuditFinding: byIntegerKey((ctx, id) => ctx.loaders.get(findingById).load(id)),
  },
  errorCodes: CaseError,
};
