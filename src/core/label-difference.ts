/**
 * How an object's labels differ from one selector pair, and whether that looks like a mistake (a
 * typo'd key or value, the value under another key) or like another app's labels.
 */
import { distance } from 'fastest-levenshtein';
import type { LabelMap } from './kubernetes-types.js';
import type { LabelDifference } from './report.js';
import { isSimilarLowercase } from './similar-values.js';
import { isQualifiedName, isValidLabelValue } from './validation.js';
import { ownValue } from './own-keys.js';

const MAX_KEY_DISTANCE = 2;

function normalizeKey(key: string): string {
  return key.toLowerCase().replaceAll('_', '-');
}

/** True when two different label keys look like a typo of each other (case, - or _, edit distance ≤ 2). */
export function isLookAlikeKey(wanted: string, actual: string): boolean {
  if (wanted === actual || !isQualifiedName(wanted) || !isQualifiedName(actual)) return false;
  return normalizeKey(wanted) === normalizeKey(actual) || distance(wanted, actual) <= MAX_KEY_DISTANCE;
}

/** True when a label value looks like a typo or variant of the wanted one (frontnd, Frontend, frontend-v2). */
export function isSimilarValue(wanted: string, actual: string): boolean {
  if (!isValidLabelValue(wanted) || !isValidLabelValue(actual)) return false;
  return isSimilarLowercase(wanted.toLowerCase(), actual.toLowerCase());
}

/**
 * How an object's labels differ from one selector pair, or null when they agree. Without the key, the
 * closest look-alike key stands in, else a key that carries the wanted value (run=web for app=web).
 */
export function differenceFor(labels: LabelMap, selectorKey: string, want: string): LabelDifference | null {
  const actual = ownValue(labels, selectorKey);
  if (actual === want) return null;
  if (actual !== undefined) return { selectorKey, want, actualKey: selectorKey, actualValue: actual };
  let closest: string | null = null;
  for (const key of Object.keys(labels)) {
    if (!isLookAlikeKey(selectorKey, key)) continue;
    if (closest === null || distance(selectorKey, key) < distance(selectorKey, closest)) closest = key;
  }
  closest ??= Object.keys(labels).find((key) => labels[key] === want) ?? null;
  return { selectorKey, want, actualKey: closest, actualValue: closest === null ? null : labels[closest] };
}

/**
 * True when a difference points at a mistake rather than at another app: a look-alike key, a
 * missing key, or a value that looks like a typo of the wanted one. "app=web" for "app=exporter" is not.
 */
export function isTellingDifference(difference: LabelDifference): boolean {
  return difference.actualKey !== difference.selectorKey || isSimilarValue(difference.want, difference.actualValue ?? '');
}
