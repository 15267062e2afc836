/**
 * One clock. "Today" decides what is overdue, what is in force, where an ageing bucket ends and
 * what every `asOf` means when it is left out; it comes from here and nowhere else: the app
 * factory puts a clock in each request's context, and tests set it to the day they need.
 * Business dates are China time (UTC+8, no daylight saving): "today" is today in Beijing.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's business date in China, YYYY-MM-DD. */
  today(): string;
}

/** The China business date of an instant. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => chinaDateOf(new Date()),
};

/** A clock that a test can set: stopped at `date` (noon in China), or the system's until set. */
export class SettableClock implements Clock {
  private fixed: Date | null = null;

  /** Stops the clock at noon (China time) of a business date, or at an instant; null lets it run. */
  set(at: string | Date | null): void {
    this.fixed = at === null ? null : typeof at === 'string' ? new Date(`${at}T04:00:00.000Z`) : at;
  }

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  today(): string {
    return chinaDateOf(this.now());
  }
}

/** The business date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The business date `months` calendar months after `date`, on its day or the month's last (PostgreSQL's `date + interval` clamps the same way). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = m - 1 + months;
  const year = y + Math.floor(total / 12);
  const month = (((total % 12) + 12) % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
