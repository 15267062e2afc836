/** Business dates are China time (UTC+8, no daylight saving): "today" is today in Beijing. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The China business date of an instant. */
export const chinaDateOf = todayInChina;
