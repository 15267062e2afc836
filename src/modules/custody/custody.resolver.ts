import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { payloadOf, toPayload } from '../../graphql/payload';
import { PageArgs, type Connection } from '../../graphql/relay';
import { DateScalar } from '../../graphql/scalars';
import { assetById } from '../assets/assets.loaders';
import { listAssets, type AssetRow } from '../assets/assets.service';
import { Asset, AssetConnection, AssetTimelineEntry } from '../assets/assets.types';
import type { TimelineEntry } from '../assets/timeline';
import { partyById } from '../parties/parties.loaders';
import { visibleContact, type PartyRow } from '../parties/parties.service';
import { Party } from '../parties/parties.types';
import { significantPrefix } from '../regions/division-code';
import { regionByCode } from '../regions/regions.loaders';
import type { RegionRow } from '../regions/regions.service';
import { Region } from '../regions/regions.types';
import type { RegionSummary as Summary } from '../reports/reports.service';
import { RegionSummary } from '../reports/reports.types';
import {
  AddCustodyDutyInput,
  AssignCustodianInput,
  AssignCustodianPayload,
  CloseStocktakeInput,
  AddCustodyDutyPayload,
  UpdateCustodyDutyPayload,
  DutyFilter,
  EndCustodyInput,
  EndCustodyPayload,
  MaintenanceFilter,
  OpenStocktakeInput,
  RecordMaintenanceInput,
  RecordMaintenancePayload,
  RecordStocktakeResultInput,
  RecordStocktakeResultPayload,
  StocktakeFilter,
  StocktakeItemFilter,
  OpenStocktakePayload,
  CloseStocktakePayload,
  UpdateCustodyDutyInput,
} from './custody.inputs';
import { careOnDate, custodyHistory, dutiesOfAsset, dutyById, maintenanceOfAsset, stocktakeById, stocktakeItemsOfAsset, stocktakeProgress } from './custody.loaders';
import * as custody from './custody.service';
import {
  CustodyAssignment,
  CustodyDuty,
  CustodySummary,
  MaintenanceRecord,
  MaintenanceRecordConnection,
  MaintenanceTotal,
  OverdueDuty,
  OverdueDutyConnection,
  Stocktake,
  StocktakeConnection,
  StocktakeItem,
  StocktakeItemConnection,
  StocktakeProgress,
  TownshipProgress,
} from './custody.types';

const NO_MATCH = -1;

function regionPrefix(code: string | undefined): string | undefined {
  return code ? significantPrefix(code) : undefined;
}

@Resolver(() => CustodyAssignment)
export class CustodyResolver {
  @Mutation(() => AssignCustodianPayload, { description: "Puts an asset in a party's custody (管护主体) from a date; the open assignment closes that day (ASSET_MANAGER, ADMIN)." })
  async assignCustodian(@Ctx() ctx: Context, @Arg('input', () => AssignCustodianInput, { description: 'The asset, the custodian and the terms.' }) input: AssignCustodianInput) {
    const outcome = await custody.assignCustodian(ctx.db, ctx.viewer, ctx.clock, { ...input, assetId: tryKeyOf(input.assetId, 'Asset') });
    return payloadOf(outcome, (row) => ({ custody: row, asset: ctx.loaders.get(assetById).load(row.assetId) }));
  }

  @Mutation(() => EndCustodyPayload, { description: "Ends an asset's open custody assignment, with the reason (ASSET_MANAGER, ADMIN)." })
  async endCustody(@Ctx() ctx: Context, @Arg('input', () => EndCustodyInput, { description: 'The asset, the day and why.' }) input: EndCustodyInput) {
    const outcome = await custody.endCustody(ctx.db, ctx.viewer, ctx.clock, { ...input, assetId: tryKeyOf(input.assetId, 'Asset') });
    return payloadOf(outcome, (row) => ({ custody: row, asset: ctx.loaders.get(assetById).load(row.assetId) }));
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: custody.CustodyRow): string {
    return toGlobalId('CustodyAssignment', row.id);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset looked after.' })
  asset(@Ctx() ctx: Context, @Root() row: custody.CustodyRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'The custodian (管护主体), if visible to you.' })
  custodian(@Ctx() ctx: Context, @Root() row: custody.CustodyRow): Promise<PartyRow | null> {
    return ctx.loaders.get(partyById).load(row.custodianPartyId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Responsible person (管护责任人), masked unless your role may read personal data.' })
  responsiblePerson(@Ctx() ctx: Context, @Root() row: custody.CustodyRow): string | null {
    return visibleContact(ctx.viewer, row.responsiblePerson, row.responsiblePhone).contactPerson;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Their phone, masked unless your role may read personal data.' })
  responsiblePhone(@Ctx() ctx: Context, @Root() row: custody.CustodyRow): string | null {
    return visibleContact(ctx.viewer, row.responsiblePerson, row.responsiblePhone).contactPhone;
  }
}

@Resolver(() => CustodyDuty)
export class CustodyDutyResolver {
  @Mutation(() => AddCustodyDutyPayload, { description: 'Adds a duty of care (管护内容) to an asset (ASSET_MANAGER, ADMIN).' })
  async addCustodyDuty(@Ctx() ctx: Context, @Arg('input', () => AddCustodyDutyInput, { description: 'The asset and the duty.' }) input: AddCustodyDutyInput) {
    return toPayload('duty', await custody.addCustodyDuty(ctx.db, ctx.viewer, ctx.clock, { ...input, assetId: tryKeyOf(input.assetId, 'Asset') }));
  }

  @Mutation(() => UpdateCustodyDutyPayload, { description: "Changes a duty's description, interval or whether it is active; the due date follows (ASSET_MANAGER, ADMIN)." })
  async updateCustodyDuty(@Ctx() ctx: Context, @Arg('input', () => UpdateCustodyDutyInput, { description: 'The duty, its version and the changes.' }) input: UpdateCustodyDutyInput) {
    return toPayload('duty', await custody.updateCustodyDuty(ctx.db, ctx.viewer, ctx.clock, { ...input, dutyId: tryKeyOf(input.dutyId, 'CustodyDuty') }));
  }

  @Query(() => OverdueDutyConnection, { description: 'Duties past their due date in your scope (管护超期), most overdue first, with asset, village and custodian.' })
  overdueDuties(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => DutyFilter, { nullable: true, description: 'Region and kind.' }) filter?: DutyFilter,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Overdue on this date; today when omitted (a past date recomputes the due dates as they were then).' }) asOf?: string,
  ): Promise<Connection<custody.OverdueDutyRow>> {
    return custody.overdueDuties(ctx.db, ctx.viewer, ctx.clock, { regionPrefix: regionPrefix(filter?.region), kind: filter?.kind }, asOf ?? ctx.clock.today(), page);
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: custody.DutyRow): string {
    return toGlobalId('CustodyDuty', row.id);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset.' })
  asset(@Ctx() ctx: Context, @Root() row: custody.DutyRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }
}

@Resolver(() => OverdueDuty)
export class OverdueDutyResolver {
  @FieldResolver(() => CustodyDuty, { description: 'The duty.' })
  duty(@Root() row: custody.OverdueDutyRow): custody.DutyRow {
    return row.duty;
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset.' })
  asset(@Ctx() ctx: Context, @Root() row: custody.OverdueDutyRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.duty.assetId);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The village the asset stands in.' })
  village(@Ctx() ctx: Context, @Root() row: custody.OverdueDutyRow): Promise<RegionRow | null> {
    return ctx.loaders.get(regionByCode).load(row.duty.regionCode);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'Who held the asset in custody on the date asked; null when nobody did (or not visible to you).' })
  async custodian(@Ctx() ctx: Context, @Root() row: custody.OverdueDutyRow): Promise<PartyRow | null> {
    const care = await ctx.loaders.get(careOnDate).load({ assetId: row.duty.assetId, asOf: row.asOf });
    return care?.custodian ?? null;
  }
}

@Resolver(() => MaintenanceRecord)
export class MaintenanceResolver {
  @Mutation(() => RecordMaintenancePayload, {
    description:
      'Records maintenance of an asset (管护记录); its duties of that kind move on, and the asset may move to DAMAGED or back to IN_USE with it (CUSTODIAN for assets its party holds that day, ASSET_MANAGER, ADMIN).',
  })
  async recordMaintenance(@Ctx() ctx: Context, @Arg('input', () => RecordMaintenanceInput, { description: 'What was done.' }) input: RecordMaintenanceInput) {
    const outcome = await custody.recordMaintenance(ctx.db, ctx.viewer, ctx.clock, { ...input, assetId: tryKeyOf(input.assetId, 'Asset') });
    return payloadOf(outcome, ({ record, asset }) => ({ maintenanceRecord: record, asset }));
  }

  @Query(() => MaintenanceRecordConnection, { description: 'Maintenance records in your scope, newest first; `totals` sums their cost by payer and year.' })
  async maintenanceRecords(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => MaintenanceFilter, { nullable: true, description: 'Conditions the records must meet.' }) filter?: MaintenanceFilter,
  ) {
    const storeFilter: custody.MaintenanceFilter = {
      regionPrefix: regionPrefix(filter?.region),
      assetId: filter?.asset ? (tryKeyOf(filter.asset, 'Asset') ?? NO_MATCH) : undefined,
      kind: filter?.kind,
      outcome: filter?.outcome,
      from: filter?.from,
      to: filter?.to,
    };
    return { ...(await custody.maintenanceRecords(ctx.db, ctx.viewer, storeFilter, page)), filter: storeFilter };
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: custody.MaintenanceRow): string {
    return toGlobalId('MaintenanceRecord', row.id);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The asset.' })
  asset(@Ctx() ctx: Context, @Root() row: custody.MaintenanceRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }

  @FieldResolver(() => CustodyDuty, { nullable: true, description: 'The duty it fulfilled, if one was named.' })
  duty(@Ctx() ctx: Context, @Root() row: custody.MaintenanceRow): Promise<custody.DutyRow | null> | null {
    return row.dutyId === null ? null : ctx.loaders.get(dutyById).load(row.dutyId);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'Who paid, if recorded and visible to you.' })
  payer(@Ctx() ctx: Context, @Root() row: custody.MaintenanceRow): Promise<PartyRow | null> | null {
    return row.payerPartyId === null ? null : ctx.loaders.get(partyById).load(row.payerPartyId);
  }
}

@Resolver(() => MaintenanceRecordConnection)
export class MaintenanceTotalsResolver {
  @FieldResolver(() => [MaintenanceTotal], { description: 'Cost of all the filtered records (not only this page) by payer and year, oldest year first.' })
  totals(@Ctx() ctx: Context, @Root() connection: { filter: custody.MaintenanceFilter }) {
    return custody.maintenanceTotals(ctx.db, ctx.viewer, connection.filter);
  }
}

@Resolver(() => MaintenanceTotal)
export class MaintenanceTotalResolver {
  @FieldResolver(() => Party, { nullable: true, description: 'The payer; null for records without one (or not visible to you).' })
  payer(@Ctx() ctx: Context, @Root() row: { payerPartyId: number | null }): Promise<PartyRow | null> | null {
    return row.payerPartyId === null ? null : ctx.loaders.get(partyById).load(row.payerPartyId);
  }
}

@Resolver(() => Stocktake)
export class StocktakeResolver {
  @Mutation(() => OpenStocktakePayload, {
    description: "Opens a stocktake (清查盘点) of a region's register as of a date: one line per asset registered there by then and not disposed (ASSET_MANAGER, ADMIN).",
  })
  async openStocktake(@Ctx() ctx: Context, @Arg('input', () => OpenStocktakeInput, { description: 'The region, a name and the date.' }) input: OpenStocktakeInput) {
    return toPayload('stocktake', await custody.openStocktake(ctx.db, ctx.viewer, ctx.clock, input));
  }

  @Mutation(() => RecordStocktakeResultPayload, { description: 'Records what a stocktake found of one asset, while it is open (CUSTODIAN for assets its party holds that day, ASSET_MANAGER, ADMIN).' })
  async recordStocktakeResult(@Ctx() ctx: Context, @Arg('input', () => RecordStocktakeResultInput, { description: 'The stocktake, the asset and the result.' }) input: RecordStocktakeResultInput) {
    const { stocktakeId, ...result } = input;
    const outcome = await custody.recordStocktakeResult(ctx.db, ctx.viewer, ctx.clock, tryKeyOf(stocktakeId, 'Stocktake'), { ...result, assetId: tryKeyOf(result.assetId, 'Asset') });
    return payloadOf(outcome, ({ item, stocktake }) => ({ stocktakeItem: item, stocktake }));
  }

  @Mutation(() => CloseStocktakePayload, { description: 'Closes a stocktake: its results freeze, and its discrepancies stay for the audit checks (ASSET_MANAGER, ADMIN).' })
  async closeStocktake(@Ctx() ctx: Context, @Arg('input', () => CloseStocktakeInput, { description: 'The stocktake.' }) input: CloseStocktakeInput) {
    return toPayload('stocktake', await custody.closeStocktake(ctx.db, ctx.viewer, ctx.clock, tryKeyOf(input.stocktakeId, 'Stocktake')));
  }

  @Query(() => StocktakeConnection, { description: 'Stocktakes in your scope, newest first.' })
  stocktakes(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => StocktakeFilter, { nullable: true, description: 'Region and status.' }) filter?: StocktakeFilter,
  ): Promise<Connection<custody.StocktakeRow>> {
    return custody.listStocktakes(ctx.db, ctx.viewer, { regionPrefix: regionPrefix(filter?.region), status: filter?.status }, page);
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() row: custody.StocktakeRow): string {
    return toGlobalId('Stocktake', row.id);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region counted.' })
  region(@Ctx() ctx: Context, @Root() row: custody.StocktakeRow): Promise<RegionRow | null> {
    return ctx.loaders.get(regionByCode).load(row.regionCode);
  }

  @FieldResolver(() => StocktakeProgress, { description: 'How far it has got, over the lines in your scope.' })
  progress(@Ctx() ctx: Context, @Root() row: custody.StocktakeRow): Promise<custody.StocktakeProgress> {
    return ctx.loaders.get(stocktakeProgress).load(row.id);
  }

  @FieldResolver(() => [TownshipProgress], { description: 'Progress by township, in your scope.' })
  async progressByTownship(@Ctx() ctx: Context, @Root() row: custody.StocktakeRow) {
    return (await ctx.loaders.get(stocktakeProgress).load(row.id)).byTownship;
  }

  @FieldResolver(() => StocktakeItemConnection, { description: "The stocktake's lines in your scope, in register order of entry." })
  items(
    @Ctx() ctx: Context,
    @Root() row: custody.StocktakeRow,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => StocktakeItemFilter, { nullable: true, description: 'Region, results, unchecked.' }) filter?: StocktakeItemFilter,
  ): Promise<Connection<custody.StocktakeItemRow>> {
    return custody.stocktakeItems(ctx.db, ctx.viewer, { stocktakeId: row.id, regionPrefix: regionPrefix(filter?.region), results: filter?.results, unchecked: filter?.unchecked }, page);
  }
}

@Resolver(() => TownshipProgress)
export class TownshipProgressResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The township.' })
  township(@Ctx() ctx: Context, @Root() row: { township: number }): Promise<RegionRow | null> {
    return ctx.loaders.get(regionByCode).load(row.township);
  }
}

@Resolver(() => StocktakeItem)
export class StocktakeItemResolver {
  @FieldResolver(() => Asset, { nullable: true, description: 'The asset.' })
  asset(@Ctx() ctx: Context, @Root() row: custody.StocktakeItemRow): Promise<AssetRow | null> {
    return ctx.loaders.get(assetById).load(row.assetId);
  }

  @FieldResolver(() => Stocktake, { nullable: true, description: 'The stocktake.' })
  stocktake(@Ctx() ctx: Context, @Root() row: custody.StocktakeItemRow): Promise<custody.StocktakeRow | null> {
    return ctx.loaders.get(stocktakeById).load(row.stocktakeId);
  }
}

@Resolver(() => Asset)
export class AssetCustodyResolver {
  @FieldResolver(() => CustodyAssignment, { nullable: true, description: 'Custody in force on a date (default today); null when nobody holds it.' })
  async custody(
    @Ctx() ctx: Context,
    @Root() asset: AssetRow,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; today when omitted.' }) asOf?: string,
  ): Promise<custody.CustodyRow | null> {
    return (await ctx.loaders.get(careOnDate).load({ assetId: asset.id, asOf: asOf ?? ctx.clock.today() }))?.custody ?? null;
  }

  @FieldResolver(() => [CustodyAssignment], { description: 'Every custody assignment, ended ones included, oldest first.' })
  custodyHistory(@Ctx() ctx: Context, @Root() asset: AssetRow): Promise<custody.CustodyRow[]> {
    return ctx.loaders.get(custodyHistory).load(asset.id);
  }

  @FieldResolver(() => [CustodyDuty], { description: 'Its duties of care, soonest due first.' })
  duties(@Ctx() ctx: Context, @Root() asset: AssetRow): Promise<custody.DutyRow[]> {
    return ctx.loaders.get(dutiesOfAsset).load(asset.id);
  }

  @FieldResolver(() => CustodyDuty, { nullable: true, description: 'The active duty due soonest.' })
  async nextDuty(@Ctx() ctx: Context, @Root() asset: AssetRow): Promise<custody.DutyRow | null> {
    return (await ctx.loaders.get(careOnDate).load({ assetId: asset.id, asOf: ctx.clock.today() }))?.nextDuty ?? null;
  }

  @FieldResolver(() => [MaintenanceRecord], { description: 'Its maintenance records, oldest first.' })
  maintenanceRecords(@Ctx() ctx: Context, @Root() asset: AssetRow): Promise<custody.MaintenanceRow[]> {
    return ctx.loaders.get(maintenanceOfAsset).load(asset.id);
  }

  @FieldResolver(() => [StocktakeItem], { description: 'What stocktakes found of it, newest stocktake first.' })
  stocktakeResults(@Ctx() ctx: Context, @Root() asset: AssetRow): Promise<custody.StocktakeItemRow[]> {
    return ctx.loaders.get(stocktakeItemsOfAsset).load(asset.id);
  }
}

@Resolver(() => Party)
export class PartyCustodyResolver {
  @FieldResolver(() => AssetConnection, { description: 'Assets this party holds in custody on a date (default today), in your scope.' })
  assetsInCustody(
    @Ctx() ctx: Context,
    @Root() party: PartyRow,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; today when omitted.' }) asOf?: string,
  ): Promise<Connection<AssetRow>> {
    return listAssets(ctx.db, ctx.viewer, { idsIn: custody.assetIdsInCustodyOf(party.id, asOf ?? ctx.clock.today()) }, { field: 'CODE', direction: 'asc' }, page);
  }
}

@Resolver(() => RegionSummary)
export class RegionCustodySummaryResolver {
  @FieldResolver(() => CustodySummary, { description: 'Custody of the region on the date: coverage of public-welfare assets, overdue duties (管护情况).' })
  async custody(@Ctx() ctx: Context, @Root() summary: Summary): Promise<CustodySummaryRow> {
    const prefix = significantPrefix(summary.regionCode);
    const { inUse, covered, coverage } = await custody.custodyCoverage(ctx.db, ctx.viewer, ctx.clock, prefix, summary.asOf);
    return { prefix, asOf: summary.asOf, publicWelfareInUseCount: inUse, withCustodianCount: covered, coverage };
  }
}

interface CustodySummaryRow {
  prefix: string;
  asOf: string;
  publicWelfareInUseCount: number;
  withCustodianCount: number;
  coverage: number;
}

@Resolver(() => CustodySummary)
export class CustodySummaryResolver {
  @FieldResolver(() => Int, { description: 'Duties past their due date on the date (管护超期), of assets not disposed by then.' })
  overdueDutyCount(@Ctx() ctx: Context, @Root() row: CustodySummaryRow): Promise<number> {
    return custody.overdueDutyCount(ctx.db, ctx.viewer, ctx.clock, { regionPrefix: row.prefix }, row.asOf);
  }
}

@Resolver(() => AssetTimelineEntry)
export class CustodyTimelineResolver {
  @FieldResolver(() => CustodyAssignment, { nullable: true, description: 'The custody assignment, for CUSTODY_ASSIGNED and CUSTODY_ENDED.' })
  custody(@Root() entry: TimelineEntry): custody.CustodyRow | null {
    return entry.kind === 'CUSTODY_ASSIGNED' || entry.kind === 'CUSTODY_ENDED' ? (entry.detail as custody.CustodyRow) : null;
  }

  @FieldResolver(() => CustodyDuty, { nullable: true, description: 'The duty, for DUTY_ADDED.' })
  duty(@Root() entry: TimelineEntry): custody.DutyRow | null {
    return entry.kind === 'DUTY_ADDED' ? (entry.detail as custody.DutyRow) : null;
  }

  @FieldResolver(() => MaintenanceRecord, { nullable: true, description: 'The maintenance record, for MAINTENANCE.' })
  maintenanceRecord(@Root() entry: TimelineEntry): custody.MaintenanceRow | null {
    return entry.kind === 'MAINTENANCE' ? (entry.detail as custody.MaintenanceRow) : null;
  }

  @FieldResolver(() => StocktakeItem, { nullable: true, description: 'The stocktake result, for STOCKTAKE_RESULT.' })
  stocktakeResult(@Root() entry: TimelineEntry): custody.StocktakeItemRow | null {
    return entry.kind === 'STOCKTAKE_RESULT' ? (entry.detail as custody.StocktakeItemRow) : null;
  }
}
