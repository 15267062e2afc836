import { Field, Float, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums';
import { Node, connectionType } from '../../graphql/relay';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../graphql/scalars';
import { FundingSource } from '../projects/projects.types';
import type { FundingSource as Source } from '../projects/projects.service';
import { ASSET_CATEGORIES, ASSET_CLASSES, ASSET_STATUSES, type AssetRow } from './assets.table';
import { TimelineEntryKind } from './timeline';

export const CLASS_NAMES: Record<AssetRow['assetClass'], string> = { OPERATING: '经营性', PUBLIC_WELFARE: '公益性', HOUSEHOLD: '到户类' };

export const AssetClass = graphqlEnum('AssetClass', ASSET_CLASSES, 'Class of a poverty-alleviation asset (资产类别).', {
  OPERATING: '经营性资产: operating assets that earn income.',
  PUBLIC_WELFARE: '公益性资产: public-welfare assets that need a custodian.',
  HOUSEHOLD: '到户类资产: assets confirmed to households or other operators.',
});

export const CATEGORY_NAMES: Record<AssetRow['category'], string> = {
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
export const AssetCategory = graphqlEnum('AssetCategory', ASSET_CATEGORIES, 'Category of an asset (资产类型).', CATEGORY_NAMES);

export const STATUS_NAMES: Record<AssetRow['status'], string> = { UNDER_CONSTRUCTION: '在建', IN_USE: '在用', IDLE: '闲置', DAMAGED: '损坏', UNDER_DISPOSAL: '处置中', DISPOSED: '已处置' };
export const AssetStatus = graphqlEnum('AssetStatus', ASSET_STATUSES, 'Lifecycle status (资产状态): UNDER_CONSTRUCTION → IN_USE ⇄ IDLE / DAMAGED → UNDER_DISPOSAL → DISPOSED.', STATUS_NAMES);

export const ASSET_SORT_FIELDS = ['CODE', 'NAME', 'ORIGINAL_VALUE', 'BUILT_ON', 'CREATED_AT'] as const;
export const AssetSortField = graphqlEnum('AssetSortField', ASSET_SORT_FIELDS, 'What to order assets by.', {
  CODE: 'Asset code.',
  NAME: 'Name.',
  ORIGINAL_VALUE: 'Original value (原值).',
  BUILT_ON: 'Date built (unknown dates first).',
  CREATED_AT: 'When registered in the system.',
});

@ObjectType('Asset', { implements: Node, description: 'One line of the asset register (资产台账).' })
export class Asset extends Node {
  @Field(() => String, { description: 'Asset code (资产编号), unique.' }) code!: string;
  @Field(() => String, { description: 'Name (资产名称).' }) name!: string;
  @Field(() => AssetClass, { description: 'Class (资产类别).' }) assetClass!: string;
  @Field(() => AssetCategory, { description: 'Category (资产类型).' }) category!: string;
  @Field(() => AssetStatus, { description: 'Current status (资产状态).' }) status!: string;
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

@ObjectType('AssetFunding', { description: "One line of an asset's funding composition (资金构成): which project and source paid how much." })
export class AssetFunding {
  @Field(() => FundingSource, { description: 'Funding source (资金来源).' }) source!: Source;
  @Field(() => MoneyScalar, { name: 'amount', description: 'The amount.' }) amountFen!: bigint;
}

@ObjectType('AssetStatusChange', { description: 'One status change of an asset, with its reason, date and actor.' })
export class AssetStatusChange {
  @Field(() => AssetStatus, { nullable: true, description: 'Status before; null at registration.' }) fromStatus!: string | null;
  @Field(() => AssetStatus, { description: 'Status after.' }) toStatus!: string;
  @Field(() => String, { description: 'Why (变更原因).' }) reason!: string;
  @Field(() => DateScalar, { description: 'The business date it took effect.' }) effectiveOn!: string;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) changedAt!: Date;
  @Field(() => String, { nullable: true, description: 'User id of who recorded it.' }) actorId!: string | null;
}

@ObjectType('AssetTimelineEntry', { description: "One point of an asset's history (资产履历); the field named after its kind holds the detail." })
export class AssetTimelineEntry {
  @Field(() => TimelineEntryKind, { description: 'What happened.' }) kind!: string;
  @Field(() => DateScalar, { description: 'Business date it took effect.' }) on!: string;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) at!: Date;
}

export const AssetTimelineConnection = connectionType(AssetTimelineEntry, 'AssetTimeline', "An asset's history, oldest first.");
