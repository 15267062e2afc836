/**
 * Reading the cells of an uploaded spreadsheet: an enum by its Chinese name or its code, a date
 * as a county ledger writes it (2024-3-1, 2024/03/01, 2024.3.1), a number, an amount of yuan.
 * A cell that does not read throws a CellError naming its field, for the row-by-row report.
 */
import { parseMoney } from '../graphql/scalars';
import { text, type Text } from '../graphql/user-errors';

/** A cell that did not parse: reported against its column. */
export class CellError extends Error {
  constructor(
    readonly field: string,
    readonly text: Text,
  ) {
    super(text.en);
  }
}

/** name → key and key → key: a cell may give either. */
export function keysByName(map: Record<string, string>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [key, name] of Object.entries(map)) {
    m.set(key, key);
    m.set(name, key);
  }
  return m;
}

export function enumCell(value: string, map: Map<string, string>, field: string, label: Text): string | undefined {
  if (!value) return undefined;
  const key = map.get(value.trim());
  const names = [...new Set([...map.entries()].filter(([k, v]) => k !== v).map(([k]) => k))].join('、');
  if (!key) throw new CellError(field, text(`"${value}" 不是有效的${label.zh}，请填写：${names}`, `"${value}" is not a ${label.en}; use one of ${names}`));
  return key;
}

export function dateCell(value: string, field: string): string | null {
  const v = value.trim().replace(/[/.]/g, '-');
  if (!v) return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const date = m && `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  if (!date || Number.isNaN(Date.parse(date + 'T00:00:00Z')) || new Date(date + 'T00:00:00Z').toISOString().slice(0, 10) !== date) {
    throw new CellError(field, text(`"${value}" 不是日期（YYYY-MM-DD）`, `"${value}" is not a date (YYYY-MM-DD)`));
  }
  return date;
}

export function numberCell(value: string, field: string): number | null {
  const v = value.trim().replace(/,/g, '');
  if (!v) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CellError(field, text(`"${value}" 不是数字`, `"${value}" is not a number`));
  return n;
}

/** Thousands separators where they belong (1,234,567.89): "1,0,0.00" is a typing error, not 100.00. */
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d*)?$/;

export function moneyCell(value: string, field: string): bigint {
  const trimmed = value.trim();
  try {
    if (trimmed.includes(',') && !GROUPED.test(trimmed)) throw new Error('misplaced separator');
    return parseMoney(trimmed.replace(/,/g, ''));
  } catch {
    throw new CellError(field, text(`"${value}" 不是最多两位小数的金额（元）`, `"${value}" is not an amount of yuan with at most two decimals`));
  }
}
