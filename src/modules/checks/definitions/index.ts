/** Every check, one file each. */
import type { CheckDefinition } from '../check';
import type { AuditCheck } from '../checks.catalog';
import { assetIdle } from './asset-idle';
import { cashShareExceeded } from './cash-share-exceeded';
import { contractExpiredNotRenewed } from './contract-expired-not-renewed';
import { contractTooLong } from './contract-too-long';
import { custodyIncomplete } from './custody-incomplete';
import { damageNotRepaired } from './damage-not-repaired';
import { disbursementOverdue } from './disbursement-overdue';
import { disposalProceedsMissing } from './disposal-proceeds-missing';
import { fundingMismatch } from './funding-mismatch';
import { incomeArrears } from './income-arrears';
import { incomeToPersonalAccount } from './income-to-personal-account';
import { incomeUnallocated } from './income-unallocated';
import { inspectionOverdue } from './inspection-overdue';
import { lowPriceDisposal } from './low-price-disposal';
import { lowYield } from './low-yield';
import { notStocktaken } from './not-stocktaken';
import { operatingWithoutContract } from './operating-without-contract';
import { ownerKindMismatch } from './owner-kind-mismatch';
import { ownershipUnconfirmed } from './ownership-unconfirmed';
import { publicWelfareWithoutCustodian } from './public-welfare-without-custodian';
import { rectificationOverdue } from './rectification-overdue';
import { stocktakeDiscrepancy } from './stocktake-discrepancy';
import { suspectedDuplicate } from './suspected-duplicate';

export const CHECKS: Record<AuditCheck, CheckDefinition> = Object.fromEntries(
  [
    assetIdle,
    cashShareExceeded,
    contractExpiredNotRenewed,
    contractTooLong,
    custodyIncomplete,
    damageNotRepaired,
    disbursementOverdue,
    disposalProceedsMissing,
    fundingMismatch,
    incomeArrears,
    incomeToPersonalAccount,
    incomeUnallocated,
    inspectionOverdue,
    lowPriceDisposal,
    lowYield,
    notStocktaken,
    operatingWithoutContract,
    ownerKindMismatch,
    ownershipUnconfirmed,
    publicWelfareWithoutCustodian,
    rectificationOverdue,
    stocktakeDiscrepancy,
    suspectedDuplicate,
  ].map((check) => [check.name, check]),
) as Record<AuditCheck, CheckDefinition>;
