import { Field, Float, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, DateTimeScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';
import { DUTY_KINDS, MAINTENANCE_OUTCOMES, STOCKTAKE_RESULTS, STOCKTAKE_STATUSES } from './custody.table';

export const DutyKind = graphqlEnum('DutyKind', DUTY_KINDS, 'What a custodian must do (管护内容).', {
  INSPECTION: '巡查: look the asset over.',
  ROUTINE_MAINTENANCE: '日常维护: routine upkeep.',
  REPAIR: '维修: repair.',
  CLEANING: '保洁: cleaning.',
  SAFETY_CHECK: '安全检查: safety check.',
  OTHER: '其他: anything else.',
});

export const MaintenanceOutcome = graphqlEnum('MaintenanceOutcome', MAINTENANCE_OUTCOMES, 'What a maintenance visit found or achieved.', {
  OK: '正常: nothing wrong.',
  ISSUE_FOUND: '发现问题: a problem was found (the asset may be marked DAMAGED).',
  REPAIRED: '已修复: repaired (the asset may go back IN_USE).',
  NOT_REPAIRABLE: '无法修复: cannot be repaired (the asset may be marked DAMAGED).',
});

export const StocktakeResult = graphqlEnum('StocktakeResult', STOCKTAKE_RESULTS, 'What a stocktake found of an asset (盘点结果).', {
  FOUND: '账实相符: found as registered.',
  NOT_FOUND: '盘亏/未找到: not found.',
  DAMAGED: '损坏: found damaged.',
  USE_CHANGED: '改变用途: found used otherwise than registered.',
});

export const StocktakeStatus = graphqlEnum('StocktakeStatus', STOCKTAKE_STATUSES, 'Whether a stocktake still takes results.', {
  OPEN: '进行中: results are being recorded.',
  CLOSED: '已结束: results frozen.',
});

@ObjectType('CustodyAssignment', { implements: Node, description: 'Who looks after an asset over a period (管护责任): at most one open per asset.' })
export class CustodyAssignment extends Node {
  @Field(() => String, { nullable: true, description: 'Responsible person (管护责任人), masked unless your role may read personal data.' }) responsiblePerson!: string | null;
  @Field(() => String, { nullable: true, description: 'Their phone, masked unless your role may read personal data.' }) responsiblePhone!: string | null;
  @Field(() => String, { nullable: true, description: 'How the upkeep is funded (管护经费).' }) fundingArrangement!: string | null;
  @Field(() => DateScalar, { description: 'First day in force.' }) validFrom!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Day it ended (exclusive); null while open.' }) validTo!: string | null;
  @Field(() => String, { nullable: true, description: 'Note.' }) note!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it ended.' }) endReason!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) createdAt!: Date;
}

@ObjectType('CustodyDuty', { implements: Node, description: 'A duty of care of an asset (管护内容): what, how often, and when next due.' })
export class CustodyDuty extends Node {
  @Field(() => DutyKind, { description: 'Kind.' }) kind!: string;
  @Field(() => String, { description: 'What must be done.' }) description!: string;
  @Field(() => Int, { description: 'Every how many days.' }) intervalDays!: number;
  @Field(() => Boolean, { description: 'Inactive duties are kept but never due.' }) active!: boolean;
  @Field(() => DateScalar, { description: 'From when the duty holds.' }) startsOn!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Latest maintenance record of its kind.' }) lastDoneOn!: string | null;
  @Field(() => DateScalar, { description: "Next due: the latest record of its kind, else the later of the open custody's start and the duty's start, plus the interval." }) nextDueOn!: string;
  @Field(() => Int, { description: 'Version, for updateCustodyDuty.' }) version!: number;
}

@ObjectType('MaintenanceRecord', { implements: Node, description: 'Maintenance or repair done on an asset (管护/维修记录). Append-only.' })
export class MaintenanceRecord extends Node {
  @Field(() => DutyKind, { description: 'Kind of work.' }) kind!: string;
  @Field(() => DateScalar, { description: 'When it was done.' }) performedOn!: string;
  @Field(() => String, { description: 'Who did it.' }) performedBy!: string;
  @Field(() => String, { description: 'What was done.' }) description!: string;
  @Field(() => MoneyScalar, { name: 'cost', description: 'What it cost.' }) costFen!: bigint;
  @Field(() => MaintenanceOutcome, { description: 'What it found or achieved.' }) outcome!: string;
  @Field(() => String, { nullable: true, description: 'Condition of the asset after.' }) conditionAfter!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) createdAt!: Date;
}

@ObjectType('MaintenanceTotal', { description: 'Maintenance cost of one payer in one year.' })
export class MaintenanceTotal {
  @Field(() => Int, { description: 'Calendar year of the records.' }) year!: number;
  @Field(() => Int, { description: 'Number of records.' }) records!: number;
  @Field(() => MoneyScalar, { name: 'cost', description: 'Their cost.' }) costFen!: bigint;
}

@ObjectType('OverdueDuty', { description: 'A duty past its due date (管护超期).' })
export class OverdueDuty {
  @Field(() => DateScalar, { description: 'When it was due.' }) dueOn!: string;
  @Field(() => Int, { description: 'Days past due on the date asked.' }) daysOverdue!: number;
}

@ObjectType('Stocktake', { implements: Node, description: "A stocktake (清查盘点) of a region's register as of a date: one line per asset registered in it by then." })
export class Stocktake extends Node {
  @Field(() => DivisionCodeScalar, { description: 'The region counted.' }) regionCode!: string;
  @Field(() => String, { description: 'Name.' }) name!: string;
  @Field(() => DateScalar, { description: 'The register is counted as of this date.' }) asOf!: string;
  @Field(() => StocktakeStatus, { description: 'OPEN or CLOSED.' }) status!: string;
  @Field(() => DateTimeScalar, { description: 'When it was opened.' }) openedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was closed.' }) closedAt!: Date | null;
  @Field(() => Int, { description: 'Version.' }) version!: number;
}

@ObjectType('StocktakeProgress', { description: 'How far a stocktake has got, in your scope or in one township.' })
export class StocktakeProgress {
  @Field(() => Int, { description: 'Assets to check.' }) total!: number;
  @Field(() => Int, { description: 'Assets with a result.' }) checked!: number;
  @Field(() => Int, { description: 'Results other than FOUND (账实不符).' }) discrepancies!: number;
}

@ObjectType('TownshipProgress', { description: "A stocktake's progress in one township (its township field: custody.resolver)." })
export class TownshipProgress extends StocktakeProgress {}

@ObjectType('CustodySummary', { description: 'Custody of a region on a date (管护情况).' })
export class CustodySummary {
  @Field(() => Int, { description: 'Public-welfare assets in use on the date.' }) publicWelfareInUseCount!: number;
  @Field(() => Int, { description: 'Of those, how many have a custodian in force on the date.' }) withCustodianCount!: number;
  @Field(() => Float, { description: 'Custody coverage (管护覆盖率): the share of public-welfare assets in use with a custodian on the date, 0 to 1; 1 when there are none.' }) coverage!: number;
}

@ObjectType('StocktakeItem', { description: 'One asset of a stocktake and, once checked, what was found.' })
export class StocktakeItem {
  @Field(() => StocktakeResult, { nullable: true, description: 'The result; null while unchecked.' }) result!: string | null;
  @Field(() => String, { nullable: true, description: 'What was found.' }) note!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When it was checked.' }) checkedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'Who checked it.' }) checkedBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the result was recorded.' }) recordedAt!: Date | null;
}

export const MaintenanceRecordConnection = connectionType(MaintenanceRecord, 'MaintenanceRecord', 'A page of maintenance records; `totals` sums the whole filtered list by payer and year.');
export const OverdueDutyConnection = connectionType(OverdueDuty, 'OverdueDuty', 'A page of overdue duties, most overdue first.');
export const StocktakeConnection = connectionType(Stocktake, 'Stocktake', 'A page of stocktakes, newest first.');
export const StocktakeItemConnection = connectionType(StocktakeItem, 'StocktakeItem', "A page of a stocktake's lines.");
