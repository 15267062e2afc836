/**
 * `node(id)` and `nodes(ids)`: any object by its global ID, through the same scoped loaders as
 * everything else, so an object outside the scope is simply null. Each module names the node
 * types it owns (modules/index.ts).
 */
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { assertCan } from '../auth/permissions';
import { MODULES } from '../modules';
import type { NodeFetcher } from '../modules/module';
import type { Context } from './context';
import { AppError } from './errors';
import { fromGlobalId } from './global-id';
import { Node } from './relay';

let fetchers: Record<string, NodeFetcher> | undefined;

/** Any object by its global ID through its module's scoped loader; null when not there or not visible. */
export async function fetchNode(ctx: Context, id: string): Promise<object | null> {
  fetchers ??= Object.assign({}, ...MODULES.map((m) => m.nodes ?? {}));
  const parsed = fromGlobalId(id);
  const fetch = parsed && fetchers![parsed.type];
  if (!parsed || !fetch) return null;
  const row = await fetch(ctx, parsed.key);
  return row && { ...row, __typename: parsed.type };
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when it does not exist or is outside your scope.' })
  node(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'A global ID.' }) id: string): Promise<object | null> {
    assertCan(ctx.viewer, 'read');
    return fetchNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Objects by their global IDs, in the same order (null for each one not visible).' })
  nodes(@Ctx() ctx: Context, @Arg('ids', () => [ID], { description: 'Up to 200 global IDs.' }) ids: string[]): Promise<(object | null)[]> {
    assertCan(ctx.viewer, 'read');
    if (ids.length > 200) throw new AppError('BAD_USER_INPUT', 'nodes takes at most 200 ids');
    return Promise.all(ids.map((id) => fetchNode(ctx, id)));
  }
}
