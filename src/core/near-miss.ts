import { distance } from 'fastest-levenshtein';
import type { LabelMap } from './kubernetes-types.js';
import type { LabelDifference, NearMiss } from './report.js';
import type { SnapshotPod } from './snapshot.js';
import { nameKey, refKey, type SnapshotIndex } from './snapshot-index.js';
import { matchesSelector, selectPods } from './selector.js';

/** How many near misses a Service lists; the total is reported separately. */
export const NEAR_MISS_LIMIT = 10;

const MAX_KEY_DISTANCE = 2;

function normalizeKey(key: string): string {
  return key.toLowerCase().replaceAll('_', '-');
}

/** True when two different label keys look like a typo of each other (case, - or _, edit distance ≤ 2). */
export function isLookAlikeKey(wanted: string, actual: string): boolean {
  if (wanted === actual) return false;
  return normalizeKey(wanted) === normalizeKey(actual) || distance(wanted, actual) <= MAX_KEY_DISTANCE;
}

/** True when a label value looks like a typo or variant of the wanted one (frontnd, Frontend, frontend-v2). */
export function isSimilarValue(wanted: string, actual: string): boolean {
  const a = wanted.toLowerCase();
  const b = actual.toLowerCase();
  if (distance(a, b) <= MAX_KEY_DISTANCE) return true;
  return Math.min(a.length, b.length) >= 3 && (a.includes(b) || b.includes(a));
}

/** How an object's labels differ from one selector pair, or null when they agree. */
export function differenceFor(labels: LabelMap, selectorKey: string, want: string): LabelDifference | null {
  if (labels[selectorKey] === want) return null;
  if (selectorKey in labels) return { selectorKey, want, actualKey: selectorKey, actualValue: labels[selectorKey] };
  let closest: string | null = null;
  for (const key of Object.keys(labels)) {
    if (!isLookAlikeKey(selectorKey, key)) continue;
    if (closest === null || distance(selectorKey, key) < distance(selectorKey, closest)) closest = key;
  }
  return { selectorKey, want, actualKey: closest, actualValue: closest === null ? null : labels[closest] };
}

/** Lower is closer: look-alike keys and similar values rank before unrelated values. */
function closeness(difference: LabelDifference): number {
  if (difference.actualKey === null) return 100;
  if (difference.actualKey !== difference.selectorKey) return distance(difference.selectorKey, difference.actualKey);
  return distance(difference.want.toLowerCase(), (difference.actualValue ?? '').toLowerCase()) + 1;
}

/**
 * Objects in the Service's namespace that miss the selector by exactly one label: the same key with
 * another value, a look-alike key, or (for selectors of two or more labels) a missing key.
 * For a one-label selector, objects that merely carry the same key with another value are only near
 * misses when nothing matches: otherwise every other app in the namespace would be listed.
 */
export function findNearMisses(
  index: SnapshotIndex,
  namespace: string,
  selector: LabelMap,
  matchedNothing: boolean,
): { nearMisses: NearMiss[]; total: number } {
  const found = new Map<string, { pod: SnapshotPod; difference: LabelDifference }>();
  const consider = (pod: SnapshotPod, difference: LabelDifference | null) => {
    if (difference && !found.has(refKey(pod.ref))) found.set(refKey(pod.ref), { pod, difference });
  };
  const keys = Object.keys(selector);
  for (const key of keys) {
    const rest: LabelMap = {};
    for (const other of keys) if (other !== key) rest[other] = selector[other];
    if (keys.length > 1) {
      for (const pod of selectPods(index, namespace, rest)) consider(pod, differenceFor(pod.labels, key, selector[key]));
      continue;
    }
    for (const candidateKey of index.labelKeysByNamespace.get(namespace) ?? []) {
      const sameKey = candidateKey === key;
      if (sameKey ? !matchedNothing : !isLookAlikeKey(key, candidateKey)) continue;
      for (const pod of index.podsByLabelKey.get(nameKey(namespace, candidateKey)) ?? []) {
        if (!matchesSelector(pod.labels, selector)) consider(pod, differenceFor(pod.labels, key, selector[key]));
      }
    }
  }
  const ranked = [...found.values()].sort(
    (a, b) =>
      closeness(a.difference) - closeness(b.difference) ||
      a.pod.ref.name.localeCompare(b.pod.ref.name) ||
      a.pod.ref.kind.localeCompare(b.pod.ref.kind),
  );
  return {
    nearMisses: ranked.slice(0, NEAR_MISS_LIMIT).map(({ pod, difference }) => ({ object: pod.ref, differences: [difference] })),
    total: ranked.length,
  };
}
