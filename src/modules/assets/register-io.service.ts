/**
 * Bulk import and export of the register (DESIGN.md §6). Import: every row is read and checked
 * by the same rules as registerAsset, inside one transaction; a dry run reports every row's
 * errors by row number and column and keeps nothing; a real run writes all rows or none.
 * Export: the register under a filter, in code order, read in batches so a large export never
 * sits in memory at once; personal data as the viewer may see it.
 */
import { assertCan } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { savepoint, withReportTimeout, withTransactionKeptIf, type Tx } from '../../db/transaction';
import { Loaders } from '../../graphql/context';
import { toGlobalId } from '../../graphql/global-id';
import { UserErrors, text, type Text } from '../../graphql/user-errors';
import { ownersOn, type OwnershipWithOwner } from '../ownership/ownership.service';
import { partiesByIdentifier, visibleParty } from '../parties/parties.service';
import type { PersonalDataCipher } from '../parties/personal-data';
import { projectsByCodes } from '../projects/projects.service';
import { regionsByCodes } from '../regions/regions.service';
import { assetsInBatches, existingCodes, fundingOfAssets, prepareRegistration, writeRegistrations, type AssetFilter, type PreparedRegistration, type Registration } from './assets.service';
import { CATEGORY_NAMES, CLASS_NAMES, STATUS_NAMES } from './assets.types';
import { COLUMNS, formatFunding, formatMoney, formatPercent, headerOf, parseRow, type ParsedRow } from './register-file';

export const MAX_IMPORT_ROWS = 50_000;

export interface RowError {
  /** Spreadsheet row number: the header is row 1, the first asset row 2. */
  row: number;
  column: string;
  code: string;
  message: Text;
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

/** Checks every row inside the caller's transaction; collects the report's errors and the rows ready to write. */
async function checkRows(tx: Tx, viewer: Viewer, clock: Clock, cipher: PersonalDataCipher, cells: Record<string, string | undefined>[], report: ImportReport): Promise<PreparedRegistration[]> {
  const fail = (index: number, field: string, code: string, message: Text) => report.errors.push({ row: rowNumber(index), column: headerOf(field), code, message });
  const parsed = cells.map(parseRow);
  for (const [i, p] of parsed.entries()) for (const e of p.errors) fail(i, e.field, 'INVALID_VALUE', e.text);
  const rows = parsed.map((p) => p.row);

  const projectCodes = [...new Set(rows.map((r) => r.projectCode).filter((c): c is string => Boolean(c)))];
  const projects = new Map((await projectsByCodes(tx, viewer, projectCodes)).flatMap((p) => (p ? [[p.code, toGlobalId('Project', p.id)] as const] : [])));
  const identifiers = [...new Set(rows.flatMap((r) => r.owners.map((o) => o.identifier)))];
  const parties = await partiesByIdentifier(tx, viewer, cipher, identifiers);
  const owners = new Map([...parties].map(([identifier, party]) => [identifier, toGlobalId('Party', party.id)]));

  const loaders = new Loaders(viewer, tx);
  const seenCodes = new Map<string, number>();
  const taken = await existingCodes(tx, rows.map((r) => r.code).filter(Boolean));
  const prepared = await Promise.all(
    rows.map(async (row, i) => {
      const errors = new UserErrors();
      const parseErrors = parsed[i]!.errors;
      if (row.projectCode && !projects.has(row.projectCode))
        fail(i, 'projectCode', 'NOT_FOUND', text(`您的范围内没有编号为 ${row.projectCode} 的项目`, `No project with code ${row.projectCode} visible to you`));
      for (const o of row.owners)
        if (!owners.has(o.identifier))
          fail(
            i,
            'owners',
            'NOT_FOUND',
            text(`您的范围内没有主体 "${o.identifier}"（请填写统一社会信用代码、身份证号或主体 ID）`, `No party "${o.identifier}" in your scope (give a credit code, resident ID or party ID)`),
          );
      if (row.code && seenCodes.has(row.code))
        fail(i, 'code', 'DUPLICATE', text(`编号 ${row.code} 已在第 ${seenCodes.get(row.code)} 行出现`, `The code ${row.code} is already on row ${seenCodes.get(row.code)}`));
      else if (row.code) seenCodes.set(row.code, rowNumber(i));
      if (taken.has(row.code)) fail(i, 'code', 'DUPLICATE', text(`编号为 ${row.code} 的资产已经登记`, `An asset with code ${row.code} is already registered`));
      const registration = toRegistration(row, row.projectCode ? projects.get(row.projectCode) : null, owners);
      if (parseErrors.some((e) => e.field === 'owners')) registration.owners = [];
      const result = await prepareRegistration(loaders, viewer, clock, registration, errors, ['rows', String(i)]);
      for (const e of errors.list) {
        const field = e.field?.[2] ?? 'row';
        // An unknown owner was reported above, in the file's own words.
        if (field === 'owners' && e.code === 'NOT_FOUND') continue;
        if (parseErrors.some((p) => p.field === field)) continue;
        fail(i, field, e.code, e.message);
      }
      return result;
    }),
  );
  report.errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return prepared;
}

export async function importRegister(
  db: Db,
  viewer: Viewer,
  clock: Clock,
  cipher: PersonalDataCipher,
  cells: Record<string, string | undefined>[],
  options: { dryRun: boolean },
): Promise<ImportReport> {
  assertCan(viewer, 'register:write');
  const report: ImportReport = { dryRun: options.dryRun, rows: cells.length, imported: 0, errors: [] };
  const fileError = (row: number, column: string, code: string, message: Text) => report.errors.push({ row, column, code, message });
  if (cells.length === 0) {
    fileError(1, 'file', 'REQUIRED', text('文件中没有资产行', 'The file has no asset rows'));
    return report;
  }
  if (cells.length > MAX_IMPORT_ROWS) {
    fileError(1, 'file', 'TOO_LONG', text(`每次最多导入 ${MAX_IMPORT_ROWS} 行`, `At most ${MAX_IMPORT_ROWS} rows per import`));
    return report;
  }
  const missing = COLUMNS.filter(([header, field]) => field && ['code', 'name', 'originalValue'].includes(field) && !(header in cells[0]!));
  for (const [header] of missing) fileError(1, header, 'REQUIRED', text(`表头缺少"${header}"列`, `The header row has no ${header} column`));
  if (report.errors.length) return report;
  // A dry run goes as far as the writes and rolls them back: what it reports is what a real run meets.
  return withTransactionKeptIf(db, async (tx) => {
    const prepared = await checkRows(tx, viewer, clock, cipher, cells, report);
    if (report.errors.length) return { keep: false, value: report };
    const written = await savepoint(tx, (sp) => writeRegistrations(sp, viewer, clock, prepared, 'asset.import'));
    // A code registered by someone else between the check and the write: nothing was written.
    if ('duplicate' in written) {
      fileError(1, headerOf('code'), 'DUPLICATE', text('文件中的某个资产编号刚被他人登记，未导入任何行', 'An asset code in the file was registered meanwhile; nothing was imported'));
      return { keep: false, value: report };
    }
    report.imported = options.dryRun ? 0 : written.value.length;
    return { keep: !options.dryRun, value: report };
  });
}

/** One exported row per asset, in the template's column order; household names as the viewer may see them. */
export async function* exportRegister(db: Db, viewer: Viewer, clock: Clock, filter: AssetFilter): AsyncGenerator<string[][]> {
  assertCan(viewer, 'read');
  const today = clock.today();
  for await (const batch of assetsInBatches(db, viewer, filter)) {
    const ids = batch.map((a) => a.id);
    const [funding, owners, regions] = await withReportTimeout(db, (tx) =>
      Promise.all([
        fundingOfAssets(tx, viewer, ids),
        ownersOn(tx, viewer, ids, today),
        regionsByCodes(
          tx,
          viewer,
          batch.map((a) => a.regionCode),
        ),
      ]),
    );
    yield batch.map((asset, i) => {
      const lines = funding[i]!;
      const held = owners[i]!;
      const firstProject = lines.find((f) => f.line.projectId !== null)?.project;
      const identify = (o: OwnershipWithOwner) => o.owner?.creditCode ?? toGlobalId('Party', o.ownership.ownerPartyId);
      const displayName = (o: OwnershipWithOwner) => (o.owner ? visibleParty(viewer, o.owner).name : '');
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
        资金来源: formatFunding(lines.map((f) => f.line)),
        产权归属: held.map((o) => `${identify(o)}:${formatPercent(o.ownership.shareBp)}`).join(';'),
        产权主体名称: held.map(displayName).join(';'),
        确权日期: held[0]?.ownership.validFrom ?? '',
      };
      return COLUMNS.map(([header]) => values[header] ?? '');
    });
  }
}
