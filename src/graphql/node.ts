/**
 * `node(id)` and `nodes(ids)`: any object by its global ID, through the same scoped loaders as
 * everything else, so an object outside the scope is simply null.
 */
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requirePermission } from '../auth/permissions';
import { assetById } from '../modules/assets/assets.loaders';
import { auditEventById } from '../modules/audit/audit.loaders';
import { partyById } from '../modules/parties/parties.loaders';
import { projectById } from '../modules/projects/projects.loaders';
import { normaliseDivisionCode } from '../modules/regions/division-code';
import { regionByCode } from '../modules/regions/regions.loaders';
import type { Context } from './context';
import { AppError } from './errors';
import { fromGlobalId } from './global-id';
import { Node } from './relay';

type NodeFetcher = (ctx: Context, key: string) => Promise<object | null> | null;

const integerKey = (key: string) => (/^\d{1,15}$/.test(key) ? Number(key) : null);

function byInteger(load: (ctx: Context, id: number) => Promise<object | null>): NodeFetcher {
  return (ctx, key) => {
    const id = integerKey(key);
    return id === null ? null : load(ctx, id);
  };
}

/** Every type that implements Node, by its __typename. */
const fetchers: Record<string, NodeFetcher> = {
  Region: (ctx, key) => {
    const code = key.length === 12 ? normaliseDivisionCode(key) : null;
    return code ? ctx.loaders.get(regionByCode).load(Number(code)) : null;
  },
  Party: byInteger((ctx, id) => ctx.loaders.get(partyById).load(id)),
  Project: byInteger((ctx, id) => ctx.loaders.get(projectById).load(id)),
  Asset: byInteger((ctx, id) => ctx.loaders.get(assetById).load(id)),
  AuditEvent: byInteger((ctx, id) => ctx.loaders.get(auditEventById).load(id)),
};

async function fetchNode(ctx: Context, id: string): Promise<object | null> {
  const parsed = fromGlobalId(id);
  const fetch = parsed && fetchers[parsed.type];
  if (!parsed || !fetch) return null;
  const row = await fetch(ctx, parsed.key);
  return row && { ...row, __typename: parsed.type };
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when it does not exist or is outside your scope.' })
  node(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'A global ID.' }) id: string): Promise<object | null> {
    requirePermission(ctx.viewer, 'read');
    return fetchNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Objects by their global IDs, in the same order (null for each one not visible).' })
  nodes(@Ctx() ctx: Context, @Arg('ids', () => [ID], { description: 'Up to 200 global IDs.' }) ids: string[]): Promise<(object | null)[]> {
    requirePermission(ctx.viewer, 'read');
    if (ids.length > 200) throw new AppError('BAD_USER_INPUT', 'nodes takes at most 200 ids');
    return Promise.all(ids.map((id) => fetchNode(ctx, id)));
  }
}
