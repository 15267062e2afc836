/** OWNER_KIND_MISMATCH 权属主体不符: a household-class asset owned by other than households; a public-welfare asset owned by a household or an enterprise. */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';

export const ownerKindMismatch: CheckDefinition = {
  name: 'OWNER_KIND_MISMATCH',
  rules: [],
  sql: (c) => sql`
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('class', a.class, 'ownerKinds', o.kinds) as evidence,
      format('%s类资产的权属主体为 %s', case a.class when 'HOUSEHOLD' then '到户' else '公益性' end, array_to_string(o.kinds, '、')) as message_zh,
      format('A %s asset owned by %s', lower(a.class), array_to_string(o.kinds, ', ')) as message_en
    from asset a
    join lateral (
      select array_agg(distinct p.kind order by p.kind) as kinds,
        bool_or(p.kind <> 'HOUSEHOLD') as not_household, bool_or(p.kind in ('HOUSEHOLD', 'ENTERPRISE')) as private
      from ownership o join party p on p.id = o.owner_party_id
      where o.asset_id = a.id and o.valid_from <= ${c.asOf} and (o.valid_to is null or o.valid_to > ${c.asOf})
    ) o on o.kinds is not null
    where ${c.within(sql`a.region_code`)} and a.class in ('HOUSEHOLD', 'PUBLIC_WELFARE') and a.status <> 'DISPOSED'
      and ((a.class = 'HOUSEHOLD' and o.not_household) or (a.class = 'PUBLIC_WELFARE' and o.private))`,
};
