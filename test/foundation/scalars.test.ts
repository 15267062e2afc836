import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DateScalar, DivisionCodeScalar, MoneyScalar, formatMoney, parseMoney } from '../../src/graphql/scalars';
import { ancestorsOf, countyOf, levelOf, normaliseDivisionCode, parentOf, significantPrefix, subtreeRange } from '../../src/modules/regions/division-code';

describe('Money: bigint fen inside, "1234.50" outside, never a float', () => {
  it.each([
    ['0', 0n],
    ['1234.5', 123450n],
    ['1234.50', 123450n],
    ['0.01', 1n],
    ['-12.34', -1234n],
    ['-0.50', -50n],
    ['90000000000000.00', 9_000_000_000_000_000n],
  ])('parses %s', (text, fen) => {
    expect(parseMoney(text)).toBe(fen);
  });

  it.each([
    '1.234',
    '1,000.00',
    '1e5',
    '',
    ' ',
    '12.',
    '.5',
    'abc',
    '90000000000000.01',
    '-90000000000000.01',
    '99999999999999999',
    '-0',
    '-0.00',
    '-0.0',
    ' 12.00',
    '12.00 ',
    '00012.5',
    '01',
    '+1.00',
    '1_000',
    '１２',
    '12\u0000',
  ])('refuses "%s"', (text) => {
    expect(() => parseMoney(text)).toThrow();
  });

  it('refuses JSON numbers, floats above all', () => {
    expect(() => MoneyScalar.parseValue(12.5)).toThrow(/not a number/);
    expect(() => MoneyScalar.parseValue(12)).toThrow(/not a number/);
  });

  it('prints exactly two places, negatives included, and round-trips', () => {
    expect(formatMoney(123450n)).toBe('1234.50');
    expect(formatMoney(-5n)).toBe('-0.05');
    expect(formatMoney(0n)).toBe('0.00');
    expect(MoneyScalar.serialize('9000000000000000')).toBe('90000000000000.00');
    for (const text of ['0.07', '123456789012.34', '-1.10']) expect(formatMoney(parseMoney(text))).toBe(text);
  });
});

describe('Date and DivisionCode', () => {
  it('accepts calendar dates only', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-13-01', '20240101', '2024-1-1']) expect(() => DateScalar.parseValue(bad)).toThrow();
  });

  it('normalises prefixes to 12 digits and refuses malformed codes', () => {
    expect(DivisionCodeScalar.parseValue('522327')).toBe('522327000000');
    expect(DivisionCodeScalar.parseValue('522327104201')).toBe('522327104201');
    expect(DivisionCodeScalar.parseValue('441900003')).toBe('441900003000');
    for (const bad of ['5223271', '52232710420', '000000000000', '520000001000', '5223a7', '']) expect(normaliseDivisionCode(bad)).toBeNull();
    expect(() => DivisionCodeScalar.parseValue(522327)).toThrow();
  });

  it('lists the regions above a numeric code as parentOf does, for every region of the demo county', () => {
    const seed = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seeds/regions-522327.json'), 'utf8')) as Record<string, { code: string } | { code: string }[]>;
    const codes = Object.values(seed)
      .flatMap((v) => (Array.isArray(v) ? v : typeof v === 'object' ? [v] : []))
      .map((r) => r.code.padEnd(12, '0'));
    expect(codes.length).toBeGreaterThan(100);
    for (const code of [...codes, '110101001001', '460400100000', '990000000000']) {
      const chain: number[] = [];
      for (let parent = parentOf(code); parent; parent = parentOf(parent)) chain.push(Number(parent));
      expect(ancestorsOf(Number(code)), code).toEqual(chain);
    }
    expect(ancestorsOf(522327104201)).toEqual([522327104000, 522327000000, 522300000000, 520000000000]);
  });

  it('derives prefix, level, parent and subtree range', () => {
    expect(significantPrefix('522327104000')).toBe('522327104');
    expect(levelOf('520000000000')).toBe('PROVINCE');
    expect(levelOf('522327104201')).toBe('VILLAGE');
    expect(parentOf('522327104201')).toBe('522327104000');
    expect(parentOf('522327000000')).toBe('522300000000');
    expect(parentOf('520000000000')).toBeNull();
    expect(subtreeRange('522327')).toEqual([522327000000, 522328000000]);
    expect(subtreeRange('522327104')).toEqual([522327104000, 522327105000]);
    expect(countyOf('522327104201')).toBe(522327000000);
    expect(countyOf('522327')).toBe(522327000000);
    expect(countyOf('5223')).toBeUndefined();
    expect(countyOf('')).toBeUndefined();
  });
});
