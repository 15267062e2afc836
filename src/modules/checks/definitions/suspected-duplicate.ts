/**
 * SUSPECTED_DUPLICATE 疑似重复登记: two assets of one village, one category and one year with the
 * same name once spaces and punctuation are dropped, or funded by the same project with values
 * within DUPLICATE_VALUE_TOLERANCE_BP of each other. The later one is reported, naming the
 * earliest it matches.
 *
 * Never pairs every asset of a village, category and year with every other: a village where the
 * same name was registered 30,000 times made that 450 million comparisons, and a province's run
 * went past its two minutes. Each asset's year is worked out once (its name key is kept with the
 * asset, asset.name_key); a same-name match is the earliest asset with the key, and a
 * same-project match is the earliest asset of each value the project paid for in the village,
 * category and year, so an asset is compared with the project's distinct values there, not with
 * every asset.
 *
 * Most assets match nothing, so both kinds first keep only the assets that share their group
 * with another (by a hash of the name key, then the key itself), and the work that follows is
 * over those few: at a province's million assets, grouping and joining every asset was most of
 * the province's checks' time.
 */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';

export const suspectedDuplicate: CheckDefinition = {
  name: 'SUSPECTED_DUPLICATE',
  rules: ['DUPLICATE_VALUE_TOLERANCE_BP'],
  // Both assets of a match stand in one village, so the region condition on one holds for the other.
  sql: (c) => sql`
    with keyed as materialized (
      select k.*, hashtext(k.name_key) as name_hash from (
        select a.id, a.region_code, a.category, a.original_value_fen as value,
          extract(year from coalesce(a.accepted_on, a.completed_on, a.built_on, a.created_at::date))::int as year,
          a.name_key
        from asset a
        where ${c.within(sql`a.region_code`)} and a.status <> 'DISPOSED'
      ) k
    ), funded as materialized (
      select x.project_id, x.id, x.region_code, x.category, x.year, x.value from (
        select f.project_id, k.id, k.region_code, k.category, k.year, k.value, min(k.id) over w as low, max(k.id) over w as high
        from asset_funding f join keyed k on k.id = f.asset_id
        window w as (partition by f.project_id, k.region_code, k.category collate "C", k.year)
      ) x
      where x.low < x.high
    ), matches as (
      select k.id, min(k.id) over (partition by k.region_code, k.category, k.year, k.name_key) as same_as
      from keyed k
      join (select region_code, category, year, name_hash from keyed group by 1, 2, 3, 4 having count(*) > 1) n
        on n.region_code = k.region_code and n.category = k.category and n.year = k.year and n.name_hash = k.name_hash
      union all
      select a.id, v.first
      from funded a
      join (select project_id, region_code, category, year, value, min(id) as first from funded group by 1, 2, 3, 4, 5) v
        on v.project_id = a.project_id and v.region_code = a.region_code and v.category = a.category and v.year = a.year
      where abs(a.value - v.value) * 10000 <= ${c.rule('DUPLICATE_VALUE_TOLERANCE_BP', sql`a.region_code`)} * greatest(a.value, v.value)
    ), earliest as (
      select id, min(same_as) as same_as from matches where same_as < id group by id
    )
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('sameAs', b.code, 'sameName', a.name_key = b.name_key) as evidence,
      format('与 %s（%s）同村、同类、同年，疑似重复登记', b.code, b.name) as message_zh,
      format('Same village, category and year as %s (%s): registered twice?', b.code, b.name) as message_en
    from earliest e
    join asset a on a.id = e.id
    join asset b on b.id = e.same_as`,
};
