/**
 * The spreadsheet form of the register (资产台账模板): the Chinese headers a county ledger uses,
 * how each cell is read on import and written on export. docs/register-template.md documents
 * it and seeds/register-example.csv is a filled-in example.
 */
import { CellError, dateCell, enumCell, keysByName, moneyCell, numberCell } from '../../http/spreadsheet-cells';
import { normaliseAssetCode } from './asset-code';
import { formatMoney } from '../../graphql/scalars';
import { text } from '../../graphql/user-errors';
import { FUNDING_SOURCE_NAMES } from '../projects/projects.types';
import type { AssetRow } from './assets.table';
import { CATEGORY_NAMES, CLASS_NAMES, STATUS_NAMES } from './assets.types';
import { INITIAL_STATUSES } from './lifecycle';

/** Column → the input field its errors are reported under. Order is the file's column order. */
export const COLUMNS = [
  ['资产编号', 'code'],
  ['资产名称', 'name'],
  ['资产类别', 'assetClass'],
  ['资产类型', 'category'],
  ['资产状态', 'status'],
  ['所在村', 'regionCode'],
  ['所在村名称', null],
  ['坐落位置', 'address'],
  ['经度', 'longitude'],
  ['纬度', 'latitude'],
  ['数量', 'quantity'],
  ['单位', 'unit'],
  ['原值(元)', 'originalValue'],
  ['建成日期', 'builtOn'],
  ['竣工日期', 'completedOn'],
  ['验收日期', 'acceptedOn'],
  ['移交日期', 'handedOverOn'],
  ['项目编号', 'projectCode'],
  ['资金来源', 'funding'],
  ['产权归属', 'owners'],
  ['产权主体名称', null],
  ['确权日期', 'ownershipFrom'],
] as const;

export const HEADERS = COLUMNS.map(([header]) => header);
export type Header = (typeof HEADERS)[number];

export function headerOf(field: string): string {
  return COLUMNS.find(([, f]) => f === field)?.[0] ?? field;
}

const CLASSES = keysByName(CLASS_NAMES);
const CATEGORIES = keysByName(CATEGORY_NAMES);
/** A register line may start in any status but DISPOSED: only those are offered. */
const STATUSES = keysByName(Object.fromEntries(INITIAL_STATUSES.map((status) => [status, STATUS_NAMES[status]])));
const SOURCES = keysByName(FUNDING_SOURCE_NAMES);

export interface ParsedRow {
  code: string;
  name: string;
  assetClass?: AssetRow['assetClass'];
  category?: AssetRow['category'];
  status?: AssetRow['status'];
  regionCode?: string;
  address: string | null;
  longitude: number | null;
  latitude: number | null;
  quantity: number | null;
  unit: string | null;
  originalValue?: bigint;
  builtOn: string | null;
  completedOn: string | null;
  acceptedOn: string | null;
  handedOverOn: string | null;
  projectCode: string | null;
  /** Source and amount; an amount of null means "the whole original value". */
  funding: { source: string; amount: bigint | null }[];
  /** Owner identifier (credit code, resident ID or global ID) and basis points. */
  owners: { identifier: string; shareBp: number }[];
  ownershipFrom: string | null;
}

/** Reads one row; every cell that does not parse is collected, not just the first. */
export function parseRow(cells: Record<string, string | undefined>): { row: ParsedRow; errors: CellError[] } {
  const errors: CellError[] = [];
  const cell = (header: Header) => String(cells[header] ?? '').trim();
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof CellError) errors.push(error);
      else throw error;
      return fallback;
    }
  };
  const region = cell('所在村').replace(/\D/g, '');
  const row: ParsedRow = {
    code: normaliseAssetCode(cell('资产编号')),
    name: cell('资产名称'),
    assetClass: attempt(() => enumCell(cell('资产类别'), CLASSES, 'assetClass', text('资产类别', 'asset class')) as ParsedRow['assetClass'], undefined),
    category: attempt(() => enumCell(cell('资产类型'), CATEGORIES, 'category', text('资产类型', 'category')) as ParsedRow['category'], undefined),
    status: attempt(() => enumCell(cell('资产状态'), STATUSES, 'status', text('可导入的资产状态', 'status an import accepts')) as ParsedRow['status'], undefined),
    regionCode: region ? region.padEnd(12, '0') : undefined,
    address: cell('坐落位置') || null,
    longitude: attempt(() => numberCell(cell('经度'), 'longitude'), null),
    latitude: attempt(() => numberCell(cell('纬度'), 'latitude'), null),
    quantity: attempt(() => numberCell(cell('数量'), 'quantity'), null),
    unit: cell('单位') || null,
    originalValue: cell('原值(元)') ? attempt(() => moneyCell(cell('原值(元)'), 'originalValue'), undefined) : undefined,
    builtOn: attempt(() => dateCell(cell('建成日期'), 'builtOn'), null),
    completedOn: attempt(() => dateCell(cell('竣工日期'), 'completedOn'), null),
    acceptedOn: attempt(() => dateCell(cell('验收日期'), 'acceptedOn'), null),
    handedOverOn: attempt(() => dateCell(cell('移交日期'), 'handedOverOn'), null),
    projectCode: cell('项目编号') || null,
    funding: attempt(() => parseFunding(cell('资金来源')), []),
    owners: attempt(() => parseOwners(cell('产权归属')), []),
    ownershipFrom: attempt(() => dateCell(cell('确权日期'), 'ownershipFrom'), null),
  };
  if (region && region.length !== 12 && ![2, 4, 6, 9].includes(region.length))
    errors.push(new CellError('regionCode', text(`"${cell('所在村')}" 不是区划代码`, `"${cell('所在村')}" is not a division code`)));
  return { row, errors };
}

const LIST_SEPARATOR = /[;；]/;

/** "中央财政衔接资金:800000.00;县级财政:200000" — a lone source takes the whole original value. */
function parseFunding(cellText: string): ParsedRow['funding'] {
  if (!cellText) return [];
  return cellText
    .split(LIST_SEPARATOR)
    .filter((part) => part.trim())
    .map((part) => {
      const [name, amount] = part.split(/[:：]/).map((s) => s.trim());
      const source = enumCell(name ?? '', SOURCES, 'funding', text('资金来源', 'funding source'))!;
      return { source, amount: amount ? moneyCell(amount, 'funding') : null };
    });
}

/** "N2522327MA0000001X:60%;N2522327MA0000002Y:40%" — a lone owner holds 100%. */
function parseOwners(cellText: string): ParsedRow['owners'] {
  if (!cellText) return [];
  const parts = cellText.split(LIST_SEPARATOR).filter((part) => part.trim());
  return parts.map((part) => {
    const [identifier, share] = part.split(/[:：]/).map((s) => s.trim());
    if (!share) {
      if (parts.length > 1) throw new CellError('owners', text(`"${part}" 没有份额：请为每个产权主体填写百分比`, `"${part}" has no share; give each owner a percentage`));
      return { identifier: identifier ?? '', shareBp: 10_000 };
    }
    const match = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(share);
    if (!match) throw new CellError('owners', text(`"${share}" 不是最多两位小数的百分比`, `"${share}" is not a percentage with at most two decimals`));
    return { identifier: identifier ?? '', shareBp: Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) };
  });
}

export function formatPercent(bp: number): string {
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

export function formatFunding(lines: { source: keyof typeof FUNDING_SOURCE_NAMES; amountFen: bigint }[]): string {
  return lines.map((l) => `${FUNDING_SOURCE_NAMES[l.source]}:${formatMoney(l.amountFen)}`).join(';');
}

export { formatMoney };
