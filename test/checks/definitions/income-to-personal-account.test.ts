/**
 * INCOME_TO_PERSONAL_ACCOUNT 收益未入规定账户: a receipt that stands on the date, paid into a
 * personal account. No threshold: the same receipt into the collective's account is not found;
 * a receipt counts from the day it was received to the day before its reversal (红字冲销).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY, days, worldB, type WorldB } from './fixtures-b';

describe('INCOME_TO_PERSONAL_ACCOUNT', () => {
  let w: WorldB;
  let asset: string;

  beforeAll(async () => {
    w = await worldB();
    asset = await w.asset();
  });
  afterAll(() => w.t.close());

  it("finds rent paid into a personal account, and not the same rent into the collective's account", async () => {
    const personal = await w.income(asset, { amount: '6000.00', receivedOn: TODAY, accountType: 'PERSONAL', voucherNo: '记-2026-061' });
    const collective = await w.income(asset, { amount: '6000.00', receivedOn: TODAY, accountType: 'VILLAGE_COLLECTIVE' });
    const found = await w.findings('INCOME_TO_PERSONAL_ACCOUNT');
    expect(found.find((f) => f.subjectId === personal)).toMatchObject({
      subjectType: 'IncomeRecord',
      amount: '6000.00',
      asset: { id: asset },
      evidence: { receivedOn: TODAY, voucherNo: '记-2026-061', kind: 'RENT' },
    });
    expect(found.map((f) => f.subjectId)).not.toContain(collective);
    // The day before it was received, there was nothing to find.
    expect(await w.subjects('INCOME_TO_PERSONAL_ACCOUNT', { asOf: days(TODAY, -1) })).not.toContain(personal);
  });

  it('lets a receipt go from the day it is reversed, and finds it the day before', async () => {
    const reversed = await w.income(asset, { amount: '800.00', receivedOn: days(TODAY, -5), accountType: 'PERSONAL' });
    await w.reverse(reversed, TODAY);
    expect(await w.subjects('INCOME_TO_PERSONAL_ACCOUNT')).not.toContain(reversed);
    expect(await w.subjects('INCOME_TO_PERSONAL_ACCOUNT', { asOf: days(TODAY, -1) })).toContain(reversed);
  });
});
