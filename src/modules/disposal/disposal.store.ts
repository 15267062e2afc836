/** SQL of disposals, read in the asset's scope. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { inScope, inScopePlaceholders, inSubtree, scopeParams } from '../../auth/scope';
import { preparedRead } from '../../db/prepared';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { run } from '../../db/queries';
import { keysetCondition, keysetOrder, type PageRequest, type SortKey } from '../../graphql/relay';
import { disposalTable as disposal, type DisposalRow, type DisposalStatus } from './disposal.table';

export type NewDisposal = Omit<typeof disposal.$inferInsert, 'id' | 'createdAt' | 'version' | 'status'>;

export async function insertDisposal(tx: Db, row: NewDisposal): Promise<DisposalRow> {
  const [created] = await run('insertDisposal', tx.insert(disposal).values(row).returning());
  return created!;
}

export async function updateDisposal(tx: Db, id: number, values: Partial<Omit<DisposalRow, 'id' | 'assetId' | 'regionCode' | 'createdAt' | 'version'>>): Promise<DisposalRow> {
  const [row] = await run(
    'updateDisposal',
    tx
      .update(disposal)
      .set({ ...values, version: sql`${disposal.version} + 1` })
      .where(eq(disposal.id, id))
      .returning(),
  );
  return row!;
}

export async function lockDisposal(tx: Db, viewer: Viewer, id: number): Promise<DisposalRow | undefined> {
  const [row] = await run(
    'lockDisposal',
    tx
      .select()
      .from(disposal)
      .where(and(eq(disposal.id, id), inScope(disposal.regionCode, viewer)))
      .for('update'),
  );
  return row;
}

export async function openDisposalOf(tx: Db, assetId: number): Promise<DisposalRow | undefined> {
  const [row] = await run(
    'openDisposalOf',
    tx
      .select()
      .from(disposal)
      .where(and(eq(disposal.assetId, assetId), sql`${disposal.status} in ('REQUESTED', 'APPROVED')`)),
  );
  return row;
}

export function disposalsByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<DisposalRow[]> {
  return run(
    'disposalsByIds',
    db
      .select()
      .from(disposal)
      .where(and(inScope(disposal.regionCode, viewer), sql`${disposal.id} = any(${sql.param(ids)}::bigint[])`)),
  );
}

const disposalsOfAssetsQuery = preparedRead('disposalsOfAssets', (db, keyIn) =>
  db
    .select()
    .from(disposal)
    .where(and(inScopePlaceholders(disposal.regionCode), keyIn(disposal.assetId)))
    .orderBy(disposal.assetId, disposal.id),
);

export function disposalsOfAssets(db: Db, viewer: Viewer, assetIds: readonly number[]): Promise<DisposalRow[]> {
  return disposalsOfAssetsQuery(db, { ...scopeParams(viewer), ids: assetIds });
}

export interface DisposalFilter {
  regionPrefix?: string;
  assetId?: number;
  status?: DisposalStatus;
}

export const DISPOSAL_ORDER: SortKey<DisposalRow>[] = [{ name: 'disposal', expr: disposal.id, direction: 'desc', type: 'id', value: (r) => r.id }];

function condition(viewer: Viewer, filter: DisposalFilter): SQL | undefined {
  return and(
    inScope(disposal.regionCode, viewer),
    filter.regionPrefix !== undefined ? inSubtree(disposal.regionCode, filter.regionPrefix) : undefined,
    filter.assetId !== undefined ? eq(disposal.assetId, filter.assetId) : undefined,
    filter.status ? eq(disposal.status, filter.status) : undefined,
  );
}

export function disposalsPage(db: Db, viewer: Viewer, filter: DisposalFilter, page: PageRequest): Promise<DisposalRow[]> {
  return run(
    'disposalsPage',
    db
      .select()
      .from(disposal)
      .where(and(condition(viewer, filter), keysetCondition(DISPOSAL_ORDER, page)))
      .orderBy(...keysetOrder(DISPOSAL_ORDER, page))
      .limit(page.limit + 1),
  );
}

export async function disposalsCount(db: Db, viewer: Viewer, filter: DisposalFilter): Promise<number> {
  const [row] = await run('disposalsCount', db.select({ n: sql<number>`count(*)::int` }).from(disposal).where(condition(viewer, filter)));
  return row?.n ?? 0;
}
