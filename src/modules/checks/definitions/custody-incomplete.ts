/**
 * CUSTODY_INCOMPLETE 管护要素不全: custody in force on the date with no responsible person or no
 * funding arrangement, of an asset not disposed of by then (a scrapped road needs no custodian,
 * whether or not its custody was ended).
 */
import { sql } from 'drizzle-orm';
import type { CheckDefinition } from '../check';

export const custodyIncomplete: CheckDefinition = {
  name: 'CUSTODY_INCOMPLETE',
  rules: [],
  sql: (c) => sql`
    select 'Asset' as subject_type, a.id as subject_id, a.id as asset_id, a.region_code, a.original_value_fen as amount_fen,
      jsonb_build_object('custodyFrom', ca.valid_from, 'responsiblePerson', coalesce(ca.responsible_person, '') <> '', 'fundingArrangement', coalesce(ca.funding_arrangement, '') <> '') as evidence,
      concat_ws('，', case when coalesce(ca.responsible_person, '') = '' then '管护责任人未明确' end, case when coalesce(ca.funding_arrangement, '') = '' then '管护经费未落实' end) as message_zh,
      concat_ws('; ', case when coalesce(ca.responsible_person, '') = '' then 'no responsible person' end, case when coalesce(ca.funding_arrangement, '') = '' then 'no funding arrangement' end) as message_en
    from custody_assignment ca join asset a on a.id = ca.asset_id
    where ${c.within(sql`ca.region_code`)} and ca.valid_from <= ${c.asOf} and (ca.valid_to is null or ca.valid_to > ${c.asOf})
      and (coalesce(ca.responsible_person, '') = '' or coalesce(ca.funding_arrangement, '') = '') and ${c.statusOn('a')} <> 'DISPOSED'`,
};
