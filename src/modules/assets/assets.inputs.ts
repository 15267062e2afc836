import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { SortDirection } from '../../graphql/enums';
import { DateScalar, DivisionCodeScalar, MoneyScalar } from '../../graphql/scalars';
import { payloadType } from '../../graphql/payload';
import { OwnerShareInput } from '../ownership/ownership.inputs';
import type { FundingSource as Source } from '../projects/projects.service';
import { FundingSource } from '../projects/projects.types';
import type { AssetRow } from './assets.table';
import type { AssetSort } from './assets.store';
import { Asset, AssetCategory, AssetClass, AssetSortField, AssetStatus } from './assets.types';

@InputType({ description: 'One line of funding composition.' })
export class AssetFundingInput {
  @Field(() => ID, { nullable: true, description: 'The project that paid, if any.' }) projectId?: string | null;
  @Field(() => FundingSource, { description: 'Funding source.' }) source!: Source;
  @Field(() => MoneyScalar, { description: 'The amount, positive.' }) amount!: bigint;
}

@InputType({ description: 'A new register line, optionally with its funding and its owners.' })
export class RegisterAssetInput {
  @Field(() => String, { description: 'Asset code (资产编号), unique, at most 64 characters.' }) code!: string;
  @Field(() => String, { description: 'Name, at most 200 characters.' }) name!: string;
  @Field(() => AssetClass, { description: 'Class.' }) assetClass!: AssetRow['assetClass'];
  @Field(() => AssetCategory, { description: 'Category.' }) category!: AssetRow['category'];
  @Field(() => AssetStatus, { nullable: true, description: 'Status it is registered in; IN_USE when omitted. Not DISPOSED.' }) status?: AssetRow['status'];
  @Field(() => DateScalar, { nullable: true, description: 'Since when it has that status; defaults to the latest of its dates, or today.' }) statusSince?: string | null;
  @Field(() => DivisionCodeScalar, { description: 'Village (or other region) where it stands, in your scope.' }) regionCode!: string;
  @Field(() => String, { nullable: true, description: 'Address or location description.' }) address?: string | null;
  @Field(() => Float, { nullable: true, description: 'Longitude, WGS 84.' }) longitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'Latitude, WGS 84.' }) latitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'Quantity (数量), not negative.' }) quantity?: number | null;
  @Field(() => String, { nullable: true, description: 'Unit of the quantity.' }) unit?: string | null;
  @Field(() => MoneyScalar, { description: 'Original value (原值), not negative.' }) originalValue!: bigint;
  @Field(() => DateScalar, { nullable: true, description: 'Built.' }) builtOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Completed; not before built.' }) completedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Accepted; not before completed.' }) acceptedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Handed over; not before accepted.' }) handedOverOn?: string | null;
  @Field(() => [AssetFundingInput], { nullable: true, description: 'Funding composition.' }) funding?: AssetFundingInput[];
  @Field(() => [OwnerShareInput], { nullable: true, description: 'Owners with shares summing to 10000 bp; omit for an unconfirmed asset.' }) owners?: OwnerShareInput[];
  @Field(() => DateScalar, { nullable: true, description: "First day of the owners' rights; defaults to the first confirmation date or statusSince." }) ownershipFrom?: string | null;
}

@InputType({ description: 'Changes to a register line: omitted fields stay as they are; funding, when given, replaces all lines. Status and owners change through their own mutations.' })
export class UpdateAssetInput {
  @Field(() => ID, { description: 'Global ID of the asset.' }) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one is a VERSION_CONFLICT.' }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'New code.' }) code?: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string;
  @Field(() => AssetClass, { nullable: true, description: 'New class.' }) assetClass?: AssetRow['assetClass'];
  @Field(() => AssetCategory, { nullable: true, description: 'New category.' }) category?: AssetRow['category'];
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'New region, in your scope.' }) regionCode?: string;
  @Field(() => String, { nullable: true, description: 'New address; null clears it.' }) address?: string | null;
  @Field(() => Float, { nullable: true, description: 'New longitude; null clears it.' }) longitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'New latitude; null clears it.' }) latitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'New quantity; null clears it.' }) quantity?: number | null;
  @Field(() => String, { nullable: true, description: 'New unit; null clears it.' }) unit?: string | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'New original value.' }) originalValue?: bigint;
  @Field(() => DateScalar, { nullable: true, description: 'New built date.' }) builtOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'New completion date.' }) completedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'New acceptance date.' }) acceptedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'New hand-over date.' }) handedOverOn?: string | null;
  @Field(() => [AssetFundingInput], { nullable: true, description: 'All funding lines, replacing the old ones.' }) funding?: AssetFundingInput[];
}

@InputType({ description: 'A status change along the lifecycle.' })
export class ChangeAssetStatusInput {
  @Field(() => ID, { description: 'Global ID of the asset.' }) id!: string;
  @Field(() => Int, { description: 'The version you read.' }) expectedVersion!: number;
  @Field(() => AssetStatus, { description: 'The new status.' }) status!: AssetRow['status'];
  @Field(() => String, { description: 'Why (变更原因), required.' }) reason!: string;
  @Field(() => DateScalar, { nullable: true, description: 'When it took effect; today when omitted; not before the current status began, not in the future.' }) effectiveOn?: string | null;
}

@InputType({ description: 'Narrows a list of assets. All given conditions must hold.' })
export class AssetFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: "Assets in this region's subtree." }) region?: string;
  @Field(() => AssetClass, { nullable: true, description: 'Only this class.' }) assetClass?: AssetRow['assetClass'];
  @Field(() => AssetCategory, { nullable: true, description: 'Only this category.' }) category?: AssetRow['category'];
  @Field(() => AssetStatus, { nullable: true, description: 'Only this status.' }) status?: AssetRow['status'];
  @Field(() => ID, { nullable: true, description: 'Only assets funded by this project.' }) project?: string;
  @Field(() => ID, { nullable: true, description: 'Only assets this party owns (on ownedOn, default today).' }) owner?: string;
  @Field(() => DateScalar, { nullable: true, description: 'The date the owner filter looks at.' }) ownedOn?: string;
  @Field(() => ID, { nullable: true, description: 'Only assets this party holds in custody (管护主体), on custodyOn (default today).' }) custodian?: string;
  @Field(() => DateScalar, { nullable: true, description: 'The date the custodian filter looks at.' }) custodyOn?: string;
  @Field(() => String, { nullable: true, description: 'Part of the name, or the start of the code.' }) text?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Built on or after.' }) builtFrom?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Built on or before.' }) builtTo?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Accepted on or after.' }) acceptedFrom?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Accepted on or before.' }) acceptedTo?: string;
  @Field(() => MoneyScalar, { nullable: true, description: 'Original value at least.' }) valueMin?: bigint;
  @Field(() => MoneyScalar, { nullable: true, description: 'Original value at most.' }) valueMax?: bigint;
}

@InputType({ description: 'Order of a list of assets (ties broken by id).' })
export class AssetOrderBy {
  @Field(() => AssetSortField, { description: 'What to order by.' }) field!: AssetSort;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending (default) or descending.' }) direction!: SortDirection;
}

export const RegisterAssetPayload = payloadType('RegisterAssetPayload', 'Result of registerAsset.', { asset: [() => Asset, 'The new register line.'] });
export const UpdateAssetPayload = payloadType('UpdateAssetPayload', 'Result of updateAsset.', { asset: [() => Asset, 'The asset after the change.'] });
export const ChangeAssetStatusPayload = payloadType('ChangeAssetStatusPayload', 'Result of changeAssetStatus.', { asset: [() => Asset, 'The asset after the change.'] });
