/** INCOME_TO_PERSONAL_ACCOUNT 收益未入规定账户: a receipt that stands on the date, paid into a personal account. */
import { sql } from 'drizzle-orm';
import { type CheckDefinition, yuan } from '../check';

export const incomeToPersonalAccount: CheckDefinition = {
  name: 'INCOME_TO_PERSONAL_ACCOUNT',
  rules: [],
  sql: (c) => sql`
    select 'IncomeRecord' as subject_type, i.id as subject_id, i.asset_id, i.region_code, i.amount_fen,
      jsonb_build_object('receivedOn', i.received_on, 'voucherNo', i.voucher_no, 'kind', i.kind) as evidence,
      format('%s 收到的 %s 元收益存入个人账户', i.received_on, ${yuan(sql`i.amount_fen`)}) as message_zh,
      format('%s yuan of income received on %s went into a personal account', ${yuan(sql`i.amount_fen`)}, i.received_on) as message_en
    from income_record i
    where ${c.within(sql`i.region_code`)} and i.account_type = 'PERSONAL' and i.reverses_id is null and i.received_on <= ${c.asOf}
      and not exists (select 1 from income_record r where r.reverses_id = i.id and r.received_on <= ${c.asOf})`,
};
