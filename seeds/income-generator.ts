/**
 * Contracts and income for a generated county (运营合同, 资产收益): most operating assets are
 * leased, contracted, invested or entrusted (some run by their owners, a few with no contract at
 * all); the last three years of income arrive period by period, mostly on time, some late or
 * short, some contracts stopped paying months ago (arrears); a jointly built asset's income
 * splits across its villages; a few receipts went into a personal account; one record was
 * entered wrong, reversed and entered again. Written in the register's transaction with the
 * same apportionment and audit events as the API.
 */
import { addDays, addMonths, type Clock } from '../src/clock';
import type { Tx } from '../src/db/transaction';
import { toGlobalId } from '../src/graphql/global-id';
import type { AssetRow } from '../src/modules/assets/assets.service';
import { recordAuditEvents, type AuditedChange } from '../src/modules/audit/audit.service';
import { contractImage, insertContracts, setReceived, type ContractRow, type NewContract, type PaymentCycle } from '../src/modules/contracts/contracts.service';
import { apportion } from '../src/modules/income/apportion';
import { incomeImage, insertIncome, insertParts, receivedOfContracts, type IncomeRow, type NewIncome, type NewPart } from '../src/modules/income/income.service';
import { SEED_ACTOR } from './actor';
import { Random } from './random';
import type { CountyParties } from './register-generator';

const MONTHS: Record<PaymentCycle, number> = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 };

export interface OwnedAsset {
  asset: AssetRow;
  owners: { partyId: number; shareBp: number }[];
  ownersFrom: string;
}

/** Contracts and three years of income for a county's operating assets. */
export async function generateIncome(tx: Tx, clock: Clock, county: CountyParties, assets: OwnedAsset[], seed: number): Promise<void> {
  const random = new Random(seed);
  // The audit checks' planted cases draw from their own sequence: the rest of the county stays as it was.
  const faults = new Random(seed + 100);
  const planted = { expired: false, cheaperLease: false };
  const today = clock.today();
  const since = addDays(today, -3 * 365);
  const contracts: NewContract[] = [];
  const plans: { asset: OwnedAsset; stopsOn: string | null; personal: boolean }[] = [];
  for (const owned of assets) {
    const { asset } = owned;
    if (asset.assetClass !== 'OPERATING' || asset.status === 'UNDER_CONSTRUCTION' || asset.status === 'DISPOSED' || owned.owners.length === 0) continue;
    const r = random.next();
    if (r < 0.08) continue; // operated with no contract (OPERATING_WITHOUT_CONTRACT)
    const selfRun = r < 0.16;
    const operator = selfRun ? owned.owners[0]!.partyId : random.pick(county.operators).id;
    const mode = selfRun ? 'SELF_OPERATED' : random.pick(['LEASED', 'LEASED', 'LEASED', 'CONTRACTED', 'CONTRACTED', 'EQUITY', 'ENTRUSTED'] as const);
    const cycle: PaymentCycle = asset.category === 'PV_STATION' ? 'MONTHLY' : mode === 'EQUITY' ? 'YEARLY' : random.pick(['QUARTERLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'] as const);
    const startsOn = owned.ownersFrom > since ? owned.ownersFrom : addDays(since, -random.int(0, 60));
    const years = random.chance(0.04) ? 25 : random.int(5, 10); // a few longer than allowed (CONTRACT_TOO_LONG)
    const fault = selfRun ? 1 : faults.next();
    // Ran out months ago and was never renewed, the asset still in use (CONTRACT_EXPIRED_NOT_RENEWED): one in 33, the first one that can for sure.
    const expires = !selfRun && (fault < 0.03 || !planted.expired) && startsOn < addDays(today, -400);
    planted.expired ||= expires;
    const endsOn = expires ? addDays(today, -faults.int(60, 300)) : addDays(addMonths(startsOn, years * 12), -1);
    const yieldBp = random.int(200, 800);
    const agreed = ((asset.originalValueFen * BigInt(yieldBp)) / 10_000n / 10_000n) * 10_000n; // whole hundreds of yuan
    if (!selfRun && !expires && (fault > 0.97 || !planted.cheaperLease) && agreed > 0n) {
      planted.cheaperLease = true;
      // Leased before at half as much again: the new lease is a third lower (LOW_PRICE_DISPOSAL).
      const before = addDays(startsOn, -1);
      contracts.push({
        assetId: asset.id,
        regionCode: asset.regionCode,
        operatorPartyId: faults.pick(county.operators).id,
        mode,
        contractNo: `HT${String(asset.regionCode).slice(0, 6)}-${asset.id}-0`,
        startsOn: addDays(startsOn, -3 * 365),
        endsOn: before,
        endedOn: before,
        status: 'ENDED',
        endReason: '租期届满',
        agreedIncomeFen: (agreed * 3n) / 2n,
        paymentCycle: cycle,
        actorId: SEED_ACTOR.userId,
      });
      plans.push({ asset: owned, stopsOn: null, personal: false });
    }
    contracts.push({
      assetId: asset.id,
      regionCode: asset.regionCode,
      operatorPartyId: operator,
      mode,
      contractNo: `HT${String(asset.regionCode).slice(0, 6)}-${asset.id}`,
      startsOn,
      endsOn,
      agreedIncomeFen: selfRun ? 0n : agreed,
      paymentCycle: cycle,
      actorId: SEED_ACTOR.userId,
    });
    const stops = random.chance(0.06) ? addDays(today, -random.int(120, 540)) : null; // stopped paying (INCOME_ARREARS)
    plans.push({ asset: owned, stopsOn: stops, personal: random.chance(0.005) });
  }
  const written = await insertContracts(tx, contracts);

  const receipts: { income: NewIncome; owned: OwnedAsset }[] = [];
  written.forEach((contract: ContractRow, i) => {
    const plan = plans[i]!;
    const months = MONTHS[contract.paymentCycle];
    const n = 12 / months;
    const kind = plan.asset.asset.category === 'PV_STATION' ? 'ELECTRICITY_SALES' : contract.mode === 'EQUITY' ? 'DIVIDEND' : contract.mode === 'LEASED' ? 'RENT' : 'CONTRACT_FEE';
    for (let k = 0; ; k++) {
      const due = addMonths(contract.startsOn, k * months);
      if (due > contract.endsOn || due > today) break;
      if (plan.stopsOn && due >= plan.stopsOn) continue;
      const year = contract.agreedIncomeFen;
      const i = k % n;
      let amount = contract.mode === 'SELF_OPERATED' ? BigInt(random.int(2_000, 30_000)) * 100n : (year * BigInt(i + 1)) / BigInt(n) - (year * BigInt(i)) / BigInt(n);
      const r = random.next();
      if (r < 0.05) continue; // missed (arrears)
      if (r < 0.09) amount = (amount * BigInt(random.int(40, 90))) / 100n; // paid short
      if (amount <= 0n) continue;
      const receivedOn = addDays(due, random.int(0, 25));
      if (receivedOn > today) continue;
      receipts.push({
        owned: plan.asset,
        income: {
          assetId: contract.assetId,
          regionCode: contract.regionCode,
          contractId: contract.id,
          kind,
          periodFrom: due,
          periodTo: addDays(addMonths(contract.startsOn, (k + 1) * months), -1),
          amountFen: amount,
          receivedOn,
          accountType: plan.personal ? 'PERSONAL' : random.chance(0.2) ? 'TOWNSHIP_AGENCY' : 'VILLAGE_COLLECTIVE',
          voucherNo: `记-${receivedOn.slice(0, 7)}-${contract.id}-${k}`,
          actorId: SEED_ACTOR.userId,
        },
      });
    }
  });
  const incomes = await insertIncome(
    tx,
    receipts.map((r) => r.income),
  );
  const parts: NewPart[] = incomes.flatMap((record, i) => {
    const owners = receipts[i]!.owned.owners;
    const amounts = apportion(
      record.amountFen,
      owners.map((o) => ({ id: o.partyId, shareBp: o.shareBp })),
    );
    return owners.map((o, j) => ({
      incomeId: record.id,
      assetId: record.assetId,
      regionCode: record.regionCode,
      ownerPartyId: o.partyId,
      ownerRegionCode: county.regionOf.get(o.partyId)!,
      shareBp: o.shareBp,
      amountFen: amounts[j]!,
      receivedOn: record.receivedOn,
    }));
  });
  const partRows = await insertParts(tx, parts);
  const partsOf = new Map<number, typeof partRows>();
  for (const p of partRows) partsOf.set(p.incomeId, [...(partsOf.get(p.incomeId) ?? []), p]);

  // One record entered twice by mistake: reversed (红字冲销).
  const reversals: AuditedChange[] = [];
  const mistaken = incomes.find((r) => r.accountType === 'VILLAGE_COLLECTIVE' && r.receivedOn < addDays(today, -60));
  if (mistaken) {
    const reversedOn = addDays(mistaken.receivedOn, 7);
    const [reversal] = (await insertIncome(tx, [
      { ...stripIds(mistaken), amountFen: -mistaken.amountFen, receivedOn: reversedOn, reversesId: mistaken.id, note: '重复录入，红字冲销', actorId: SEED_ACTOR.userId },
    ])) as [IncomeRow];
    const reversedParts = await insertParts(
      tx,
      (partsOf.get(mistaken.id) ?? []).map((p) => ({ ...stripPart(p), incomeId: reversal.id, amountFen: -p.amountFen, receivedOn: reversedOn })),
    );
    reversals.push({
      action: 'income.reverse',
      entityType: 'Asset',
      entityId: toGlobalId('Asset', reversal.assetId),
      regionCode: reversal.regionCode,
      before: incomeImage(mistaken, partsOf.get(mistaken.id) ?? []),
      after: incomeImage(reversal, reversedParts),
    });
  }

  // Income inserted in bulk: what each contract received, as the API keeps it on every write.
  const received = await receivedOfContracts(
    tx,
    written.map((c) => c.id),
  );
  await setReceived(
    tx,
    written.map((c) => ({ contractId: c.id, receivedFen: received.get(c.id) ?? 0n })),
  );

  await recordAuditEvents(tx, SEED_ACTOR, clock, [
    ...written.map((c) => ({ action: 'contract.create' as const, entityType: 'Asset', entityId: toGlobalId('Asset', c.assetId), regionCode: c.regionCode, before: null, after: contractImage(c) })),
    ...incomes.map((r) => ({
      action: 'income.record' as const,
      entityType: 'Asset',
      entityId: toGlobalId('Asset', r.assetId),
      regionCode: r.regionCode,
      before: null,
      after: incomeImage(r, partsOf.get(r.id) ?? []),
    })),
    ...reversals,
  ]);
}

function stripIds(r: IncomeRow): NewIncome {
  const { id: _id, createdAt: _c, ...rest } = r;
  return rest;
}

function stripPart(p: Awaited<ReturnType<typeof insertParts>>[number]): NewPart {
  const { id: _id, createdAt: _c, planId: _p, ...rest } = p;
  return rest;
}
