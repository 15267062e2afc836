import { Field, ID, InputType, Int } from 'type-graphql';
import { payloadType } from '../../graphql/payload';
import { DateScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';
import { Asset, AssetStatus } from '../assets/assets.types';
import type { DutyKind as Kind, MaintenanceOutcome as Outcome, StocktakeResult as Result, StocktakeRow } from './custody.service';
import { CustodyAssignment, CustodyDuty, DutyKind, MaintenanceOutcome, MaintenanceRecord, Stocktake, StocktakeItem, StocktakeResult, StocktakeStatus } from './custody.types';

@InputType({ description: "Puts an asset in a party's custody (管护主体) from a date; an open assignment closes that day." })
export class AssignCustodianInput {
  @Field(() => ID, { description: 'Global ID of the asset.' }) assetId!: string;
  @Field(() => Int, { nullable: true, description: 'The asset version you read; checked when given.' }) expectedVersion?: number | null;
  @Field(() => ID, { description: 'Global ID of the custodian party (a village collective, township, department, cooperative …).' }) custodianId!: string;
  @Field(() => String, { nullable: true, description: 'Responsible person (管护责任人), at most 50 characters.' }) responsiblePerson?: string | null;
  @Field(() => String, { nullable: true, description: 'Their phone.' }) responsiblePhone?: string | null;
  @Field(() => String, { nullable: true, description: 'How the upkeep is funded (管护经费), at most 500 characters.' }) fundingArrangement?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'First day; today when omitted; not in the future, not before the open assignment began.' }) startsOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Note.' }) note?: string | null;
}

@InputType({ description: "Ends an asset's open custody assignment." })
export class EndCustodyInput {
  @Field(() => ID, { description: 'Global ID of the asset.' }) assetId!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The day it ends (exclusive); today when omitted.' }) endsOn?: string | null;
  @Field(() => String, { description: 'Why, required.' }) reason!: string;
}

@InputType({ description: 'A new duty of care (管护内容) of an asset.' })
export class AddCustodyDutyInput {
  @Field(() => ID, { description: 'Global ID of the asset.' }) assetId!: string;
  @Field(() => DutyKind, { description: 'Kind.' }) kind!: Kind;
  @Field(() => String, { description: 'What must be done, at most 500 characters.' }) description!: string;
  @Field(() => Int, { nullable: true, description: "Every how many days, 1–3660; an inspection without one takes the INSPECTION_INTERVAL_DAYS rule for the asset's category." }) intervalDays?:
    | number
    | null;
  @Field(() => DateScalar, { nullable: true, description: 'From when it holds; today when omitted.' }) startsOn?: string | null;
}

@InputType({ description: 'Changes to a duty: omitted fields stay as they are.' })
export class UpdateCustodyDutyInput {
  @Field(() => ID, { description: 'Global ID of the duty.' }) dutyId!: string;
  @Field(() => Int, { description: 'The version you read.' }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'New description.' }) description?: string | null;
  @Field(() => Int, { nullable: true, description: 'New interval in days; the due date follows.' }) intervalDays?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether it is active.' }) active?: boolean | null;
}

@InputType({ description: 'Maintenance done on an asset (管护记录).' })
export class RecordMaintenanceInput {
  @Field(() => ID, { description: 'Global ID of the asset.' }) assetId!: string;
  @Field(() => ID, { nullable: true, description: 'The duty it fulfils, if any (of the same asset and kind).' }) dutyId?: string | null;
  @Field(() => DutyKind, { description: 'Kind of work; moves the due date of the duties of this kind.' }) kind!: Kind;
  @Field(() => DateScalar, { description: 'When it was done; not in the future.' }) performedOn!: string;
  @Field(() => String, { description: 'Who did it.' }) performedBy!: string;
  @Field(() => String, { description: 'What was done.' }) description!: string;
  @Field(() => MoneyScalar, { nullable: true, description: 'What it cost; 0 when omitted.' }) cost?: bigint | null;
  @Field(() => ID, { nullable: true, description: 'The party that paid.' }) payerId?: string | null;
  @Field(() => MaintenanceOutcome, { description: 'What it found or achieved.' }) outcome!: Outcome;
  @Field(() => String, { nullable: true, description: 'Condition after.' }) conditionAfter?: string | null;
  @Field(() => AssetStatus, {
    nullable: true,
    description: 'Move the asset in the same transaction: DAMAGED after ISSUE_FOUND or NOT_REPAIRABLE, IN_USE after REPAIRED.',
  })
  assetStatusAfter?: 'DAMAGED' | 'IN_USE' | null;
}

@InputType({ description: "Opens a stocktake (清查盘点) of a region's register as of a date." })
export class OpenStocktakeInput {
  @Field(() => DivisionCodeScalar, { description: 'The region, in your scope.' }) regionCode!: string;
  @Field(() => String, { description: 'Name, e.g. 2026年度扶贫项目资产清查.' }) name!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Count the register as of this date; today when omitted.' }) asOf?: string | null;
}

@InputType({ description: 'What a stocktake found of one asset; while it is open, a later result replaces an earlier one.' })
export class RecordStocktakeResultInput {
  @Field(() => ID, { description: 'Global ID of the stocktake.' }) stocktakeId!: string;
  @Field(() => ID, { description: 'Global ID of the asset.' }) assetId!: string;
  @Field(() => StocktakeResult, { description: 'The result.' }) result!: Result;
  @Field(() => String, { nullable: true, description: 'What was found; required unless FOUND.' }) note?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When it was checked; today when omitted.' }) checkedOn?: string | null;
  @Field(() => String, { description: 'Who checked it.' }) checkedBy!: string;
}

@InputType({ description: 'Closes a stocktake: its results freeze.' })
export class CloseStocktakeInput {
  @Field(() => ID, { description: 'Global ID of the stocktake.' }) stocktakeId!: string;
}

@InputType({ description: 'Narrows a list of duties.' })
export class DutyFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Duties of assets in this region's subtree." }) region?: string;
  @Field(() => DutyKind, { nullable: true, description: 'Only this kind.' }) kind?: Kind;
}

@InputType({ description: 'Narrows a list of maintenance records. All given conditions must hold.' })
export class MaintenanceFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Records of assets in this region's subtree." }) region?: string;
  @Field(() => ID, { nullable: true, description: 'Only this asset.' }) asset?: string;
  @Field(() => DutyKind, { nullable: true, description: 'Only this kind.' }) kind?: Kind;
  @Field(() => MaintenanceOutcome, { nullable: true, description: 'Only this outcome.' }) outcome?: Outcome;
  @Field(() => DateScalar, { nullable: true, description: 'Performed on or after.' }) from?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Performed on or before.' }) to?: string;
}

@InputType({ description: 'Narrows a list of stocktakes.' })
export class StocktakeFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Stocktakes of regions in this region's subtree." }) region?: string;
  @Field(() => StocktakeStatus, { nullable: true, description: 'Only this status.' }) status?: StocktakeRow['status'];
}

@InputType({ description: "Narrows a stocktake's lines." })
export class StocktakeItemFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Lines of assets in this region's subtree." }) region?: string;
  @Field(() => [StocktakeResult], { nullable: true, description: 'Only these results.' }) results?: Result[];
  @Field(() => Boolean, { nullable: true, description: 'true: only unchecked lines; false: only checked ones.' }) unchecked?: boolean;
}

export const AssignCustodianPayload = payloadType('AssignCustodianPayload', 'Result of assignCustodian.', {
  custody: [() => CustodyAssignment, 'The new assignment.'],
  asset: [() => Asset, 'The asset.'],
});
export const EndCustodyPayload = payloadType('EndCustodyPayload', 'Result of endCustody.', { custody: [() => CustodyAssignment, 'The ended assignment.'], asset: [() => Asset, 'The asset.'] });
export const AddCustodyDutyPayload = payloadType('AddCustodyDutyPayload', 'Result of addCustodyDuty.', { duty: [() => CustodyDuty, 'The new duty.'] });
export const UpdateCustodyDutyPayload = payloadType('UpdateCustodyDutyPayload', 'Result of updateCustodyDuty.', { duty: [() => CustodyDuty, 'The duty after the change.'] });
export const RecordMaintenancePayload = payloadType('RecordMaintenancePayload', 'Result of recordMaintenance.', {
  maintenanceRecord: [() => MaintenanceRecord, 'The new record.'],
  asset: [() => Asset, 'The asset, with its status after.'],
});
export const OpenStocktakePayload = payloadType('OpenStocktakePayload', 'Result of openStocktake.', { stocktake: [() => Stocktake, 'The new stocktake.'] });
export const CloseStocktakePayload = payloadType('CloseStocktakePayload', 'Result of closeStocktake.', { stocktake: [() => Stocktake, 'The closed stocktake.'] });
export const RecordStocktakeResultPayload = payloadType('RecordStocktakeResultPayload', 'Result of recordStocktakeResult.', {
  stocktakeItem: [() => StocktakeItem, 'The line with its result.'],
  stocktake: [() => Stocktake, 'The stocktake.'],
});
