/**
 * The structured differences between predicted and actual endpoint objects, shared by the slice and
 * Endpoints comparisons, so the endpoints-drift check and the integration suite read one shape.
 */
import { ownValue } from '../own-keys.js';

/** What kind of drift a difference is; stable ids that checks and tests can switch on. */
export type DifferenceKind =
  | 'missing-object'
  | 'missing-endpoint'
  | 'unexpected-endpoint'
  | 'ports'
  | 'condition'
  | 'hostname'
  | 'node-name'
  | 'zone'
  | 'target-ref'
  | 'hints'
  | 'slice-group'
  | 'labels'
  | 'annotations';

/** One difference: a sentence for people plus the fields a program needs. */
export interface Difference {
  kind: DifferenceKind;
  message: string;
  /** The endpoint address concerned, when the difference is about one endpoint. */
  address?: string;
  addressType?: string;
  /** The field that differs (ready, serving, a label key, ...). */
  field?: string;
  expected?: unknown;
  actual?: unknown;
}

/** Options shared by both comparisons. */
export interface DiffOptions {
  /** Skip hints (use when the prediction says hintsPredicted=false). */
  ignoreHints?: boolean;
  /** Skip zones (use when Nodes could not be read, so zones were not predicted). */
  ignoreZone?: boolean;
  /** Skip object labels and annotations; compare only addresses, ports and conditions. */
  ignoreMetadata?: boolean;
}

/** Empty strings and nulls count as unset, as the API serialises both ways. */
export function unset<T>(value: T | null | undefined | ''): T | undefined {
  return value === null || value === '' ? undefined : (value as T | undefined);
}

/** Renders a value for messages: unset, a string, a list. */
export function show(value: unknown): string {
  if (value === undefined) return '<unset>';
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return String(value);
}

/** Differences between two label or annotation maps, one per key. */
export function diffMaps(
  kind: 'labels' | 'annotations',
  subject: string,
  expected: Record<string, string>,
  actual: Record<string, string>,
): Difference[] {
  const differences: Difference[] = [];
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const key of keys) {
    const want = ownValue(expected, key);
    const got = ownValue(actual, key);
    if (want === got) continue;
    const what = kind === 'labels' ? 'label' : 'annotation';
    const quoted = (value: string | undefined): string => show(value === undefined ? undefined : JSON.stringify(value));
    const message = `${subject} ${what} ${key}: expected ${quoted(want)}, got ${quoted(got)}`;
    differences.push({ kind, field: key, expected: want, actual: got, message });
  }
  return differences;
}
