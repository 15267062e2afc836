/**
 * Bank statements (银行对账单) for a generated county, imported through the service the upload
 * route runs: for about one village collective in five (the first always), the last half year of
 * its account as a bank would export it. Most receipts paid into the collective's account appear
 * with their voucher no. in the reference (matched by voucher), some only with the operator's name
 * a few days off (matched by amount, date and operator), some not at all (incomeWithoutStatementLine);
 * two lines per statement explain nothing in the register (unmatchedStatementLines): the bank's
 * interest and a transfer nobody recorded.
 */
import { addDays, type Clock } from '../src/clock';
import type { Tx } from '../src/db/transaction';
import { formatMoney } from '../src/graphql/scalars';
import { contractsByIds } from '../src/modules/contracts/contracts.service';
import { lockStandingReceiptsOfOwner } from '../src/modules/income/income.service';
import { registeredNames } from '../src/modules/parties/parties.service';
import { importBankStatement } from '../src/modules/statements/statements.service';
import { SEED_ACTOR } from './actor';
import { Random } from './random';
import type { CountyParties } from './register-generator';

export async function generateStatements(tx: Tx, clock: Clock, county: CountyParties, seed: number): Promise<void> {
  const random = new Random(seed);
  const today = clock.today();
  const from = addDays(today, -182);
  let first = true;
  // A jointly built asset's income reaches one account: a receipt on one statement is on no other.
  const banked = new Set<number>();
  for (const village of county.villages) {
    const collective = county.collectives.get(village.code);
    if (!collective || (!first && !random.chance(0.2))) continue;
    const receipts = (await lockStandingReceiptsOfOwner(tx, SEED_ACTOR, collective.id, from, today)).filter((r) => r.accountType === 'VILLAGE_COLLECTIVE' && !banked.has(r.id));
    for (const r of receipts) banked.add(r.id);
    if (receipts.length === 0) continue;
    first = false;
    const contracts = await contractsByIds(tx, SEED_ACTOR, [...new Set(receipts.flatMap((r) => (r.contractId === null ? [] : [r.contractId])))]);
    const operatorOf = new Map(contracts.flatMap((c) => (c ? [[c.id, c.operatorPartyId] as const] : [])));
    const names = await registeredNames(tx, [...new Set(operatorOf.values())]);
    const rows: Record<string, string>[] = [];
    const line = (bookedOn: string, amount: string, counterparty: string, reference: string) =>
      rows.push({ 交易日期: bookedOn, 借方金额: '', 贷方金额: amount, 对方户名: counterparty, 摘要: reference });
    for (const r of receipts) {
      const operator = r.contractId === null ? '' : (names.get(operatorOf.get(r.contractId) ?? -1) ?? '');
      const roll = random.next();
      if (roll < 0.1) continue; // never reached the account
      const late = (days: number) => (addDays(r.receivedOn, days) > today ? r.receivedOn : addDays(r.receivedOn, days));
      if (roll < 0.7 && r.voucherNo) line(late(random.int(0, 1)), formatMoney(r.amountFen), operator, `${r.voucherNo} 收益款`);
      else line(late(random.int(0, 3)), formatMoney(r.amountFen), operator, '租金');
    }
    line(addDays(today, -random.int(1, 20)), `${random.int(1, 90)}.${String(random.int(0, 99)).padStart(2, '0')}`, '本行', '结息');
    line(addDays(today, -random.int(21, 120)), `${random.int(500, 5000)}.00`, '个人转账', '不明来款');
    rows.push({ 交易日期: addDays(today, -random.int(1, 60)), 借方金额: '1200.00', 贷方金额: '', 对方户名: '农资店', 摘要: '购材料' });
    rows.sort((a, b) => a.交易日期!.localeCompare(b.交易日期!));
    const report = await importBankStatement(tx, SEED_ACTOR, clock, rows, { accountPartyId: collective.id, fileName: `${village.name}村集体账户对账单.csv`, dryRun: false });
    if (report.errors.length) throw new Error(`seeding a bank statement: ${JSON.stringify(report.errors)}`);
  }
}
