import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AssetTimelineEntry } from '../assets/assets.types';
import type { TimelineEntry } from '../assets/timeline';
import type { Context } from '../../graphql/context';
import { searchText } from '../../graphql/errors';
import { CHAIN_VERIFICATION_COST } from '../../graphql/limits';
import { PageArgs, type Connection } from '../../graphql/relay';
import { toGlobalId } from '../../graphql/global-id';
import { significantPrefix } from '../regions/division-code';
import { AuditEventFilter } from './audit.inputs';
import { auditEventById } from './audit.loaders';
import * as audit from './audit.service';
import type { AuditEventRow } from './audit.table';
import { AuditChainVerification, AuditChainBreak, AuditEvent, AuditEventConnection, FieldChange } from './audit.types';
import { fieldChanges } from './field-changes';

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: 'The audit trail in your scope, newest first (AUDITOR and ADMIN).' })
  auditEvents(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AuditEventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter?: AuditEventFilter,
  ): Promise<Connection<AuditEventRow>> {
    return audit.listAuditEvents(
      ctx.db,
      ctx.viewer,
      {
        ...filter,
        regionPrefix: filter?.region ? significantPrefix(filter.region) : undefined,
        entityType: searchText(filter?.entityType, ['filter', 'entityType']),
        action: searchText(filter?.action, ['filter', 'action']),
        actorId: searchText(filter?.actorId, ['filter', 'actorId']),
        entityId: searchText(filter?.entityId, ['filter', 'entityId']),
      },
      page,
    );
  }

  @Query(() => AuditChainVerification, { complexity: CHAIN_VERIFICATION_COST, description: 'Verifies the hash chains of the audit trail in your scope and names the first broken event.' })
  async verifyAuditChain(@Ctx() ctx: Context): Promise<AuditChainVerification> {
    const check = await audit.verifyAuditChain(ctx.db, ctx.viewer);
    return {
      ok: check.brokenId === null,
      checkedCount: check.checked,
      firstBrokenEvent: check.brokenId === null ? null : await ctx.loaders.get(auditEventById).load(check.brokenId),
      reason: (check.reason as AuditChainBreak | null) ?? null,
    };
  }

  @FieldResolver(() => [FieldChange], { description: 'What the change altered, field by field (before against after).' })
  changes(@Root() row: AuditEventRow): FieldChange[] {
    return fieldChanges(row.before, row.after);
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() event: AuditEventRow): string {
    return toGlobalId('AuditEvent', event.id);
  }
}

@Resolver(() => AssetTimelineEntry)
export class AuditTimelineResolver {
  @FieldResolver(() => AuditEvent, { nullable: true, description: 'The audit event, for AUDIT_EVENT.' })
  auditEvent(@Root() entry: TimelineEntry): AuditEventRow | null {
    return entry.kind === 'AUDIT_EVENT' ? (entry.detail as AuditEventRow) : null;
  }
}
