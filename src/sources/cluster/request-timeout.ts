import { UsageError } from '../../errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds from kubectl's --request-timeout value ("0" = no timeout, "30s", "1m30s", "500ms",
 * or a bare number of seconds); 0 means no timeout.
 */
export function parseRequestTimeout(value: string): number {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) {
    throw new UsageError(`invalid --request-timeout "${value}": use a duration such as 30s, 1m or 500ms (0 = none)`);
  }
  return Math.round(parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNITS[unit], 0));
}
