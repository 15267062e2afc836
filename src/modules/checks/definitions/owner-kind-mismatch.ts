/**
 * OWNER_KIND_MISMATCH 权属主体不符: a household-class asset owned by other than households; a
 * public-welfare asset owned by a household or an enterprise; by the owners in force on the date,
 * of an asset not disposed of by then.
 */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';

/** Owners in force on the date (ownership aliased `o`). */
const inForce = (asOf: string) => sql`o.valid_from <= ${asOf} and (o.valid_to is null or o.valid_to > ${asOf})`;

export const ownerKindMismatch: CheckDefinition = {
  name: 'OWNER_KIND_MISMATCH',
  rules: [],
  // Joins, not an aggregate per asset: the planner picks hash joins over a province and index
  // lookups over a village (per asset, stale statistics once made it scan every party for each
  // asset: 42 s for 74,000 assets). Only the owners of the wrong kind are kept, so only the
  // assets found are grouped and have all their owners' kinds read for the evidence.
  sql: (c) => sql`
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('class', a.class, 'ownerKinds', k.kinds) as evidence,
      format('%s类资产的权属主体为 %s', case a.class when 'HOUSEHOLD' then '到户' else '公益性' end, array_to_string(k.kinds, '、')) as message_zh,
      format('A %s asset owned by %s', lower(a.class), array_to_string(k.kinds, ', ')) as message_en
    from (
      select distinct a.id, a.region_code, a.class, a.original_value_fen
      from asset a
      join ownership o on o.asset_id = a.id and ${inForce(c.asOf)}
      join party p on p.id = o.owner_party_id
      where ${c.within(sql`a.region_code`)} and a.class in ('HOUSEHOLD', 'PUBLIC_WELFARE') and ${c.statusOn('a')} <> 'DISPOSED'
        and ((a.class = 'HOUSEHOLD' and p.kind <> 'HOUSEHOLD') or (a.class = 'PUBLIC_WELFARE' and p.kind in ('HOUSEHOLD', 'ENTERPRISE')))
    ) a
    cross join lateral (
      select array_agg(distinct p.kind order by p.kind) as kinds
      from ownership o join party p on p.id = o.owner_party_id
      where o.asset_id = a.id and ${inForce(c.asOf)}
    ) k`,
};
