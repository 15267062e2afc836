/**
 * Bulk import and export of the register (DESIGN.md §6). Import: every row is read and checked
 * by the same rules as registerAsset; a dry run reports every row's errors by row number and
 * column; a real run writes all rows in one transaction or none. Export: the register under a
 * filter, in code order, read in batches so a large export never sits in memory at once.
 */
import { can, requirePermission } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { uniqueViolation, withReportTimeout, withTransaction } from '../../db/transaction';
import { Loaders } from '../../graphql/context';
import { toGlobalId } from '../../graphql/global-id';
import { UserErrors } from '../../graphql/user-errors';
import { ownersOn, type OwnershipWithOwner } from '../ownership/ownership.service';
import { partiesByIdentifier } from '../parties/parties.service';
import { maskName, type PersonalDataCipher } from '../parties/personal-data';
import { projectsByCodes } from '../projects/projects.service';
import { regionsByCodes } from '../regions/regions.service';
import { todayInChina } from '../../time';
import { fundingOfAssets, prepareRegistration, writeRegistrations, type PreparedRegistration, type Registration } from './assets.service';
import * as store from './assets.store';
import { CLASS_NAMES, COLUMNS, formatFunding, formatMoney, formatPercent, headerOf, parseRow, type ParsedRow } from './register-file';
import { CATEGORY_NAMES, STATUS_NAMES } from './assets.types';

export const MAX_IMPORT_ROWS = 50_000;

export interface RowError {
  /** Spreadsheet row number: the header is row 1, the first asset row 2. */
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  imported: number;
  errors: RowError[];
}

function rowNumber(index: number): number {
  return index + 2;
}

/** Parsed row → the registration input, resolving project codes and owner identifiers. */
function toRegistration(row: ParsedRow, projectId: string | null | undefined, owners: Map<string, string>): Registration {
  return {
    code: row.code,
    name: row.name,
    assetClass: row.assetClass,
    category: row.category,
    status: row.status,
    regionCode: row.regionCode,
    address: row.address,
    longitude: row.longitude,
    latitude: row.latitude,
    quantity: row.quantity,
    unit: row.unit,
    originalValue: row.originalValue,
    builtOn: row.builtOn,
    completedOn: row.completedOn,
    acceptedOn: row.acceptedOn,
    handedOverOn: row.handedOverOn,
    funding: row.funding.map((f) => ({ projectId, source: f.source as never, amount: f.amount ?? row.originalValue ?? 0n })),
    owners: row.owners.map((o) => ({ partyId: owners.get(o.identifier) ?? `unknown:${o.identifier}`, shareBp: o.shareBp, confirmedOn: row.ownershipFrom })),
    ownershipFrom: row.ownershipFrom,
  };
}

export async function importRegister(
  db: Db,
  viewer: Viewer,
  cipher: PersonalDataCipher,
  cells: Record<string, string | undefined>[],
  options: { dryRun: boolean },
): Promise<ImportReport> {
  requirePermission(viewer, 'register:write');
  const report: ImportReport = { dryRun: options.dryRun, rows: cells.length, imported: 0, errors: [] };
  const fail = (index: number, field: string, code: string, message: string) => report.errors.push({ row: rowNumber(index), column: headerOf(field), code, message });
  if (cells.length === 0) {
    fail(-1, 'file', 'REQUIRED', 'The file has no asset rows');
    return report;
  }
  if (cells.length > MAX_IMPORT_ROWS) {
    fail(-1, 'file', 'TOO_LONG', `At most ${MAX_IMPORT_ROWS} rows per import`);
    return report;
  }
  const missing = COLUMNS.filter(([header, field]) => field && ['code', 'name', 'originalValue'].includes(field) && !(header in cells[0]));
  for (const [header] of missing) report.errors.push({ row: 1, column: header, code: 'REQUIRED', message: `The header row has no ${header} column` });
  if (report.errors.length) return report;

  const parsed = cells.map(parseRow);
  parsed.forEach((p, i) => p.errors.forEach((e) => fail(i, e.field, 'INVALID_VALUE', e.message)));
  const rows = parsed.map((p) => p.row);

  const projectCodes = [...new Set(rows.map((r) => r.projectCode).filter((c): c is string => Boolean(c)))];
  const projects = new Map((await projectsByCodes(db, viewer, projectCodes)).filter((p) => p !== null).map((p) => [p!.code, toGlobalId('Project', p!.id)]));
  const identifiers = [...new Set(rows.flatMap((r) => r.owners.map((o) => o.identifier)))];
  const parties = await partiesByIdentifier(db, viewer, cipher, identifiers);
  const owners = new Map([...parties].map(([identifier, party]) => [identifier, toGlobalId('Party', party.id)]));

  const loaders = new Loaders(viewer, db);
  const seenCodes = new Map<string, number>();
  const taken = await store.existingCodes(db, rows.map((r) => r.code).filter(Boolean));
  const prepared: PreparedRegistration[] = await Promise.all(
    rows.map(async (row, i) => {
      const errors = new UserErrors();
      if (row.projectCode && !projects.has(row.projectCode)) fail(i, 'projectCode', 'NOT_FOUND', `No project with code ${row.projectCode} visible to you`);
      for (const o of row.owners) if (!owners.has(o.identifier)) fail(i, 'owners', 'NOT_FOUND', `No party "${o.identifier}" in your scope (give a credit code, resident ID or party ID)`);
      if (row.code && seenCodes.has(row.code)) fail(i, 'code', 'DUPLICATE', `The code ${row.code} is already on row ${seenCodes.get(row.code)}`);
      else if (row.code) seenCodes.set(row.code, rowNumber(i));
      if (taken.has(row.code)) fail(i, 'code', 'DUPLICATE', `An asset with code ${row.code} is already registered`);
      const registration = toRegistration(row, row.projectCode ? projects.get(row.projectCode) : null, owners);
      if (parsed[i].errors.some((e) => e.field === 'owners')) registration.owners = [];
      const result = await prepareRegistration(loaders, viewer, registration, errors, ['rows', String(i)]);
      for (const e of errors.list) {
        const field = e.field?.[2] ?? 'row';
        // An unknown owner was reported above, in the file's own words.
        if (field === 'owners' && e.code === 'NOT_FOUND') continue;
        if (parsed[i].errors.some((p) => p.field === field)) continue;
        fail(i, field, e.code, e.message);
      }
      return result;
    }),
  );
  report.errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  if (report.errors.length || options.dryRun) return report;
  try {
    await withTransaction(db, (tx) => writeRegistrations(tx, viewer, prepared, 'asset.import'));
    report.imported = prepared.length;
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
    // A code registered by someone else between the check and the write: nothing was written.
    report.errors.push({ row: 1, column: headerOf('code'), code: 'DUPLICATE', message: 'An asset code in the file was registered meanwhile; nothing was imported' });
  }
  return report;
}

/** One exported row per asset, in the template's column order. */
export async function* exportRegister(db: Db, viewer: Viewer, filter: store.AssetFilter): AsyncGenerator<string[][]> {
  requirePermission(viewer, 'read');
  const showPersonal = can(viewer, 'personal-data:read');
  const today = todayInChina();
  for await (const batch of store.assetsInBatches(db, viewer, filter)) {
    const ids = batch.map((a) => a.id);
    const [funding, owners, regions] = await withReportTimeout(db, (tx) => Promise.all([fundingOfAssets(tx, viewer, ids), ownersOn(tx, viewer, ids, today), regionsByCodes(tx, viewer, batch.map((a) => a.regionCode))]));
    yield batch.map((asset, i) => {
      const firstProject = funding[i].find((f) => f.line.projectId !== null)?.project;
      const identify = (o: OwnershipWithOwner) => o.owner?.creditCode ?? toGlobalId('Party', o.ownership.ownerPartyId);
      const displayName = (o: OwnershipWithOwner) => (!o.owner ? '' : o.owner.kind === 'HOUSEHOLD' && !showPersonal ? maskName(o.owner.name) : o.owner.name);
      const values: Record<string, string> = {
        资产编号: asset.code,
        资产名称: asset.name,
        资产类别: CLASS_NAMES[asset.assetClass],
        资产类型: CATEGORY_NAMES[asset.category],
        资产状态: STATUS_NAMES[asset.status],
        所在村: String(asset.regionCode).padStart(12, '0'),
        所在村名称: regions[i]?.name ?? '',
        坐落位置: asset.address ?? '',
        经度: asset.longitude === null ? '' : String(asset.longitude),
        纬度: asset.latitude === null ? '' : String(asset.latitude),
        数量: asset.quantity === null ? '' : String(Number(asset.quantity)),
        单位: asset.unit ?? '',
        '原值(元)': formatMoney(asset.originalValueFen),
        建成日期: asset.builtOn ?? '',
        竣工日期: asset.completedOn ?? '',
        验收日期: asset.acceptedOn ?? '',
        移交日期: asset.handedOverOn ?? '',
        项目编号: firstProject?.code ?? '',
        资金来源: formatFunding(funding[i].map((f) => f.line)),
        产权归属: owners[i].map((o) => `${identify(o)}:${formatPercent(o.ownership.shareBp)}`).join(';'),
        产权主体名称: owners[i].map(displayName).join(';'),
        确权日期: owners[i][0]?.ownership.validFrom ?? '',
      };
      return COLUMNS.map(([header]) => values[header]);
    });
  }
}
