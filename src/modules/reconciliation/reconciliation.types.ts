import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../graphql/relay';
import { MoneyScalar } from '../../graphql/scalars';
import { ArrearsBucket } from '../income/income.types';

@ObjectType('ReconciliationFigures', {
  description:
    'One row of a reconciliation (对账), to the fen: apportioned = received + reversed = unplanned + inPlans; planned = disbursed + undisbursed + carriedForward. Money earned counts where its asset stands; plans and payments where their owner is.',
})
export class ReconciliationFigures {
  @Field(() => MoneyScalar, { description: 'Contract periods due in the period (应收).' }) expected!: bigint;
  @Field(() => MoneyScalar, { description: 'Income received in the period (实收).' }) received!: bigint;
  @Field(() => MoneyScalar, { description: 'Reversals dated in the period (红字冲销, negative).' }) reversed!: bigint;
  @Field(() => MoneyScalar, { description: "Apportioned to the owners: the owners' parts of it." }) apportioned!: bigint;
  @Field(() => MoneyScalar, { description: 'Of that, in no allocation plan (未分配).' }) unplanned!: bigint;
  @Field(() => MoneyScalar, { description: 'Of that, taken into plans.' }) inPlans!: bigint;
  @Field(() => MoneyScalar, { description: 'Of the periods due in the period, unpaid past their grace days at its end (欠收).' }) arrears!: bigint;
  @Field(() => MoneyScalar, { description: 'The income the plans approved in the period took (their pools).' }) planned!: bigint;
  @Field(() => MoneyScalar, { description: 'Lines of plans approved in the period (已批准分配), CARRY_FORWARD lines included.' }) allocated!: bigint;
  @Field(() => MoneyScalar, { description: 'Paid on those plans by the end of the period (已兑付).' }) disbursed!: bigint;
  @Field(() => MoneyScalar, { description: 'Kept with the owner by those plans (结转): their CARRY_FORWARD lines and what their lines leave of their pools. Never paid, not owed.' })
  carriedForward!: bigint;
  @Field(() => MoneyScalar, { description: 'To be paid on those plans and not paid by the end of the period (未兑付): planned − carriedForward − disbursed.' }) undisbursed!: bigint;
}

@ObjectType('ReconciliationArrears', { description: 'Arrears of one ageing bucket.' })
export class ReconciliationArrears {
  @Field(() => ArrearsBucket, { description: 'The bucket.' }) bucket!: string;
  @Field(() => MoneyScalar, { name: 'unpaid', description: 'Unpaid.' }) unpaidFen!: bigint;
}

@ObjectType('RegionReconciliation', { description: "A region's row: everything that lies in it (its villages' rows and what is registered at the region itself)." })
export class RegionReconciliation {
  @Field(() => String, { description: 'The region’s 12-digit division code.' }) regionCode!: string;
  @Field(() => ReconciliationFigures, { description: 'Its figures.' }) figures!: ReconciliationFigures;
}

@ObjectType('AssetReconciliation', { description: "An asset's row." })
export class AssetReconciliation {
  @Field(() => ReconciliationFigures, { description: 'Its figures (money earned; plans are its owners’).' }) figures!: ReconciliationFigures;
}

@ObjectType('OwnerReconciliation', { description: "An owner's row: its parts of the region's assets, and its plans." })
export class OwnerReconciliation {
  @Field(() => ReconciliationFigures, { description: 'Its figures (parts and plans; expected and received are the assets’).' }) figures!: ReconciliationFigures;
}

@ObjectType('IncomeReconciliation', { description: 'Income reconciliation (对账) of a county, township or village for a period.' })
export class IncomeReconciliation {
  @Field(() => String, { description: 'The region reconciled.' }) regionCode!: string;
  @Field(() => ReconciliationFigures, { description: 'The totals.' }) totals!: ReconciliationFigures;
  @Field(() => [ReconciliationArrears], { description: 'The arrears by ageing bucket.' }) arrearsByBucket!: ReconciliationArrears[];
  @Field(() => [RegionReconciliation], { description: 'A row for every region of the subtree with figures, by code.' }) regions!: RegionReconciliation[];
}

export const AssetReconciliationConnection = connectionType(AssetReconciliation, 'AssetReconciliation', "A page of assets' rows, by region and id.");
export const OwnerReconciliationConnection = connectionType(OwnerReconciliation, 'OwnerReconciliation', "A page of owners' rows, by id.");
