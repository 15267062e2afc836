import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { FundingSource } from '../projects/projects.types';

export enum AssetClass {
  OPERATING = 'OPERATING',
  PUBLIC_WELFARE = 'PUBLIC_WELFARE',
  HOUSEHOLD = 'HOUSEHOLD',
}
registerEnumType(AssetClass, {
  name: 'AssetClass',
  description: 'Class of a poverty-alleviation asset (资产类别).',
  valuesConfig: {
    OPERATING: { description: '经营性资产: operating assets that earn income.' },
    PUBLIC_WELFARE: { description: '公益性资产: public-welfare assets that need a custodian.' },
    HOUSEHOLD: { description: '到户类资产: assets confirmed to households or other operators.' },
  },
});

export enum AssetCategory {
  PV_STATION = 'PV_STATION',
  WORKSHOP = 'WORKSHOP',
  PLANTING_BREEDING_BASE = 'PLANTING_BREEDING_BASE',
  PROCESSING_FACILITY = 'PROCESSING_FACILITY',
  COLD_CHAIN_LOGISTICS = 'COLD_CHAIN_LOGISTICS',
  TOURISM_FACILITY = 'TOURISM_FACILITY',
  ROAD_BRIDGE = 'ROAD_BRIDGE',
  DRINKING_WATER = 'DRINKING_WATER',
  IRRIGATION = 'IRRIGATION',
  EDUCATION = 'EDUCATION',
  HEALTH = 'HEALTH',
  CULTURE_SPORTS = 'CULTURE_SPORTS',
  POWER_COMMUNICATION = 'POWER_COMMUNICATION',
  HOUSING = 'HOUSING',
  LIVESTOCK = 'LIVESTOCK',
  EQUIPMENT = 'EQUIPMENT',
  OTHER = 'OTHER',
}
export const CATEGORY_NAMES: Record<AssetCategory, string> = {
  PV_STATION: '光伏电站',
  WORKSHOP: '扶贫车间',
  PLANTING_BREEDING_BASE: '种养殖基地',
  PROCESSING_FACILITY: '加工设施',
  COLD_CHAIN_LOGISTICS: '冷链物流',
  TOURISM_FACILITY: '乡村旅游设施',
  ROAD_BRIDGE: '道路桥梁',
  DRINKING_WATER: '饮水工程',
  IRRIGATION: '农田水利',
  EDUCATION: '教育设施',
  HEALTH: '卫生设施',
  CULTURE_SPORTS: '文化体育设施',
  POWER_COMMUNICATION: '电力通信',
  HOUSING: '住房',
  LIVESTOCK: '牲畜',
  EQUIPMENT: '设备',
  OTHER: '其他',
};
registerEnumType(AssetCategory, {
  name: 'AssetCategory',
  description: 'Category of an asset (资产类型).',
  valuesConfig: Object.fromEntries(Object.entries(CATEGORY_NAMES).map(([key, name]) => [key, { description: name }])),
});

export enum AssetStatus {
  UNDER_CONSTRUCTION = 'UNDER_CONSTRUCTION',
  IN_USE = 'IN_USE',
  IDLE = 'IDLE',
  DAMAGED = 'DAMAGED',
  UNDER_DISPOSAL = 'UNDER_DISPOSAL',
  DISPOSED = 'DISPOSED',
}
export const STATUS_NAMES: Record<AssetStatus, string> = {
  UNDER_CONSTRUCTION: '在建',
  IN_USE: '在用',
  IDLE: '闲置',
  DAMAGED: '损坏',
  UNDER_DISPOSAL: '处置中',
  DISPOSED: '已处置',
};
registerEnumType(AssetStatus, {
  name: 'AssetStatus',
  description: 'Lifecycle status (资产状态): UNDER_CONSTRUCTION → IN_USE ⇄ IDLE / DAMAGED → UNDER_DISPOSAL → DISPOSED.',
  valuesConfig: Object.fromEntries(Object.entries(STATUS_NAMES).map(([key, name]) => [key, { description: name }])),
});

export enum AssetSortField {
  CODE = 'CODE',
  NAME = 'NAME',
  ORIGINAL_VALUE = 'ORIGINAL_VALUE',
  BUILT_ON = 'BUILT_ON',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(AssetSortField, {
  name: 'AssetSortField',
  description: 'What to order assets by.',
  valuesConfig: {
    CODE: { description: 'Asset code.' },
    NAME: { description: 'Name.' },
    ORIGINAL_VALUE: { description: 'Original value (原值).' },
    BUILT_ON: { description: 'Date built (unknown dates first).' },
    CREATED_AT: { description: 'When registered in the system.' },
  },
});

@ObjectType('Asset', { implements: Node, description: 'One line of the asset register (资产台账).' })
export class Asset extends Node {
  @Field(() => String, { description: 'Asset code (资产编号), unique.' }) code!: string;
  @Field(() => String, { description: 'Name (资产名称).' }) name!: string;
  @Field(() => AssetClass, { description: 'Class (资产类别).' }) assetClass!: AssetClass;
  @Field(() => AssetCategory, { description: 'Category (资产类型).' }) category!: AssetCategory;
  @Field(() => AssetStatus, { description: 'Current status (资产状态).' }) status!: AssetStatus;
  @Field(() => String, { nullable: true, description: 'Address or location description (坐落位置).' }) address!: string | null;
  @Field(() => Float, { nullable: true, description: 'Longitude (经度), WGS 84.' }) longitude!: number | null;
  @Field(() => Float, { nullable: true, description: 'Latitude (纬度), WGS 84.' }) latitude!: number | null;
  @Field(() => String, { nullable: true, description: 'Unit of the quantity (单位), e.g. 千瓦, 亩, 头.' }) unit!: string | null;
  @Field(() => MoneyScalar, { name: 'originalValue', description: 'Original value (原值).' }) originalValueFen!: bigint;
  @Field(() => DateScalar, { nullable: true, description: 'Built (建成日期).' }) builtOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Completed (竣工日期).' }) completedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Accepted (验收日期).' }) acceptedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Handed over (移交日期).' }) handedOverOn!: string | null;
  @Field(() => Int, { description: 'Version for optimistic concurrency: pass it as expectedVersion when changing the asset.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When registered in the system.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When last changed.' }) updatedAt!: Date;
}

export const AssetConnection = connectionType(Asset, 'Asset', 'A page of register lines.');

@ObjectType('AssetFunding', { description: 'One line of an asset\'s funding composition (资金构成): which project and source paid how much.' })
export class AssetFunding {
  @Field(() => FundingSource, { description: 'Funding source (资金来源).' }) source!: FundingSource;
  @Field(() => MoneyScalar, { name: 'amount', description: 'The amount.' }) amountFen!: bigint;
}

@ObjectType('AssetStatusChange', { description: 'One status change of an asset, with its reason, date and actor.' })
export class AssetStatusChange {
  @Field(() => AssetStatus, { nullable: true, description: 'Status before; null at registration.' }) fromStatus!: AssetStatus | null;
  @Field(() => AssetStatus, { description: 'Status after.' }) toStatus!: AssetStatus;
  @Field(() => String, { description: 'Why (变更原因).' }) reason!: string;
  @Field(() => DateScalar, { description: 'The business date it took effect.' }) effectiveOn!: string;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) changedAt!: Date;
  @Field(() => String, { nullable: true, description: 'User id of who recorded it.' }) actorId!: string | null;
}

export enum TimelineEntryKind {
  STATUS_CHANGE = 'STATUS_CHANGE',
  OWNERSHIP_OPENED = 'OWNERSHIP_OPENED',
  OWNERSHIP_CLOSED = 'OWNERSHIP_CLOSED',
  AUDIT_EVENT = 'AUDIT_EVENT',
}
registerEnumType(TimelineEntryKind, {
  name: 'TimelineEntryKind',
  description: 'What happened at a point of an asset\'s history.',
  valuesConfig: {
    STATUS_CHANGE: { description: 'The status changed (see statusChange).' },
    OWNERSHIP_OPENED: { description: 'An owner\'s share began (see ownership).' },
    OWNERSHIP_CLOSED: { description: 'An owner\'s share ended (see ownership).' },
    AUDIT_EVENT: { description: 'A change was recorded in the audit trail (see auditEvent; auditors and admins only).' },
  },
});

@ObjectType('AssetTimelineEntry', { description: 'One point of an asset\'s history (资产履历).' })
export class AssetTimelineEntry {
  @Field(() => TimelineEntryKind, { description: 'What happened.' }) kind!: TimelineEntryKind;
  @Field(() => DateScalar, { description: 'Business date it took effect.' }) on!: string;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) at!: Date;
}

export const AssetTimelineConnection = connectionType(AssetTimelineEntry, 'AssetTimeline', 'An asset\'s history, oldest first.');

@ObjectType({ description: 'Result of registerAsset.' })
export class RegisterAssetPayload {
  @Field(() => Asset, { nullable: true, description: 'The new register line; null when refused.' }) asset!: unknown;
  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateAsset.' })
export class UpdateAssetPayload {
  @Field(() => Asset, { nullable: true, description: 'The asset after the change; null when refused.' }) asset!: unknown;
  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of changeAssetStatus.' })
export class ChangeAssetStatusPayload {
  @Field(() => Asset, { nullable: true, description: 'The asset after the change; null when refused.' }) asset!: unknown;
  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of confirmOwnership.' })
export class ConfirmOwnershipPayload {
  @Field(() => Asset, { nullable: true, description: 'The asset with its new owners; null when refused.' }) asset!: unknown;
  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' }) userErrors!: UserError[];
}
