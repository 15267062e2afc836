/** One clock: business dates in China time, settable in tests; date arithmetic across month ends and leap years. */
import { describe, expect, it } from 'vitest';
import { SettableClock, addDays, addMonths, chinaDateOf, daysBetween } from '../../src/clock';

describe('the clock', () => {
  it('tells today in China: 16:00 UTC is already tomorrow in Beijing', () => {
    expect(chinaDateOf(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaDateOf(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('can be stopped on a business date and let run again', () => {
    const clock = new SettableClock();
    clock.set('2024-02-29');
    expect(clock.today()).toBe('2024-02-29');
    expect(clock.now().toISOString()).toBe('2024-02-29T04:00:00.000Z');
    clock.set(null);
    expect(clock.today()).toBe(chinaDateOf(new Date()));
  });

  it.each([
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-02-29', 365, '2025-02-28'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 2, '2024-03-31'],
    ['2024-08-31', 3, '2024-11-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-11-15', 14, '2026-01-15'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-01-15', -13, '2022-12-15'],
  ])('%s plus %i months is %s, clamped to the month’s end as PostgreSQL does', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});
