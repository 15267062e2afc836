/**
 * SUSPECTED_DUPLICATE 疑似重复登记: two assets of one village, one category and one year with the
 * same name once spaces and punctuation are dropped, or funded by the same project with values
 * within DUPLICATE_VALUE_TOLERANCE_BP of each other. The later one is reported, naming the earlier.
 */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';

const normalised = (name: string) => sql.raw(`regexp_replace(lower(${name}), '[[:space:][:punct:]（）【】、，。·—－]', '', 'g')`);
const year = (a: string) => sql.raw(`extract(year from coalesce(${a}.accepted_on, ${a}.completed_on, ${a}.built_on, ${a}.created_at::date))`);

export const suspectedDuplicate: CheckDefinition = {
  name: 'SUSPECTED_DUPLICATE',
  rules: ['DUPLICATE_VALUE_TOLERANCE_BP'],
  sql: (c) => sql`
    select distinct on (a.id) 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('sameAs', b.code, 'sameName', ${normalised('a.name')} = ${normalised('b.name')}) as evidence,
      format('与 %s（%s）同村、同类、同年，疑似重复登记', b.code, b.name) as message_zh,
      format('Same village, category and year as %s (%s): registered twice?', b.code, b.name) as message_en
    from asset a
    join asset b on b.region_code = a.region_code and b.category = a.category and b.id < a.id and b.status <> 'DISPOSED' and ${year('b')} = ${year('a')}
    where ${c.within(sql`a.region_code`)} and a.status <> 'DISPOSED'
      and (${normalised('a.name')} = ${normalised('b.name')}
        or (abs(a.original_value_fen - b.original_value_fen) * 10000 <= ${c.rule('DUPLICATE_VALUE_TOLERANCE_BP', sql`a.region_code`)} * greatest(a.original_value_fen, b.original_value_fen)
          and exists (select 1 from asset_funding fa join asset_funding fb on fb.project_id = fa.project_id where fa.asset_id = a.id and fb.asset_id = b.id)))
    order by a.id, b.id`,
};
