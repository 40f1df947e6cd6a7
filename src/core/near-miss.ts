import { distance } from 'fastest-levenshtein';
import { isSimilarLowercase, SimilarValueIndex } from './similar-values.js';
import type { LabelMap } from './kubernetes-types.js';
import type { LabelDifference, NearMiss } from './report.js';
import type { SnapshotPod } from './snapshot.js';
import { labelKey, nameKey, type SnapshotIndex } from './snapshot-index.js';
import { matchesSelector, smallestPostingList } from './selector.js';

/** How many near misses a Service lists; the total is reported separately. */
export const NEAR_MISS_LIMIT = 10;

/** How many weak near misses (another app's value for the same key) are listed when there is nothing better. */
const WEAK_NEAR_MISS_LIMIT = 3;

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
  return isSimilarLowercase(wanted.toLowerCase(), actual.toLowerCase());
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

/** Ranks at or above this are weak near misses: the same key with an unrelated value. */
const WEAK = 1000;

/**
 * How close an object that misses the selector on `key` comes: lower is closer, WEAK and above is
 * weak; look-alike keys and similar values rank first (by edit distance), missing keys after them.
 */
function rankDifference(labels: LabelMap, key: string, want: string, wantLower: string, sharesSpecificLabels: boolean): number {
  const actual = labels[key];
  if (actual === undefined) {
    const difference = differenceFor(labels, key, want) as LabelDifference;
    return difference.actualKey === null ? 50 : distance(key, difference.actualKey);
  }
  const lower = actual.toLowerCase();
  if (sharesSpecificLabels || isSimilarLowercase(wantLower, lower)) return distance(wantLower, lower) + 1;
  // Weak ones are another app's value: ordered by how close their length is, without an edit distance each.
  return WEAK + Math.abs(wantLower.length - lower.length);
}

/**
 * True when a difference points at a mistake rather than at another app: a look-alike key, a
 * missing key, or a value that looks like a typo of the wanted one. "app=web" for "app=exporter" is not.
 */
export function isTellingDifference(difference: LabelDifference): boolean {
  return difference.actualKey !== difference.selectorKey || isSimilarValue(difference.want, difference.actualValue ?? '');
}

function before(rank: number, pod: SnapshotPod, b: { pod: SnapshotPod; rank: number }): boolean {
  if (rank !== b.rank) return rank < b.rank;
  if (pod.ref.name !== b.pod.ref.name) return pod.ref.name < b.pod.ref.name;
  return pod.ref.kind < b.pod.ref.kind;
}

/** Keeps the NEAR_MISS_LIMIT closest entries in order, without sorting every candidate. */
function insertClosest<T extends { pod: SnapshotPod; rank: number }>(closest: T[], entry: T): void {
  let i = closest.length;
  while (i > 0 && before(entry.rank, entry.pod, closest[i - 1])) i -= 1;
  closest.splice(i, 0, entry);
  if (closest.length > NEAR_MISS_LIMIT) closest.pop();
}

/** True when every selectable object in the namespace carries the label key. */
function everyObjectHas(index: SnapshotIndex, namespace: string, key: string): boolean {
  return (index.podsByLabelKey.get(nameKey(namespace, key))?.length ?? 0) === (index.podsByNamespace.get(namespace)?.length ?? 0);
}

/** The look-alike value index of one key in one namespace, built on first use and kept with the snapshot index. */
function similarValuesOf(index: SnapshotIndex, namespace: string, key: string): SimilarValueIndex {
  const where = nameKey(namespace, key);
  let similar = index.similarValues.get(where);
  if (!similar) {
    similar = new SimilarValueIndex(new Set((index.podsByLabelKey.get(where) ?? []).map((pod) => pod.labels[key])));
    index.similarValues.set(where, similar);
  }
  return similar;
}

export interface NearMissResult {
  /** The telling near misses, closest first, at most NEAR_MISS_LIMIT; without any, the closest weak ones. */
  nearMisses: NearMiss[];
  /** How many near misses of the listed kind there are. */
  total: number;
  /** How many near misses point at a mistake rather than at another app (they come first). */
  telling: number;
}

/**
 * Objects in the Service's namespace that miss the selector by exactly one label: a look-alike key,
 * a missing key, or the same key with another value. Weak near misses (the same key with an
 * unrelated value) are counted only when nothing matches, after the telling ones; sharing specific
 * labels with the selector (few objects carry them) makes a near miss telling. Candidates come from
 * the index, and only the closest few are described, so broad labels stay cheap.
 */
export function findNearMisses(index: SnapshotIndex, namespace: string, selector: LabelMap, matchedNothing: boolean): NearMissResult {
  // A Pod that matches all pairs but one misses exactly that one, so only the one-label branch, which
  // looks through several look-alike keys, can meet a Pod twice.
  const seen = new Set<SnapshotPod>();
  const closest: { pod: SnapshotPod; key: string; rank: number }[] = [];
  let telling = 0;
  let total = 0;
  const consider = (pod: SnapshotPod, key: string, wantLower: string, sharesSpecificLabels: boolean) => {
    const rank = rankDifference(pod.labels, key, selector[key], wantLower, sharesSpecificLabels);
    if (rank >= WEAK && !matchedNothing) return;
    total += 1;
    if (rank < WEAK) telling += 1;
    const last = closest[closest.length - 1];
    if (closest.length === NEAR_MISS_LIMIT && !before(rank, pod, last)) return;
    insertClosest(closest, { pod, key, rank });
  };
  const keys = Object.keys(selector);
  const namespaceSize = index.podsByNamespace.get(namespace)?.length ?? 0;
  for (const key of keys) {
    if (keys.length > 1) {
      const rest: LabelMap = {};
      for (const other of keys) if (other !== key) rest[other] = selector[other];
      const candidates = smallestPostingList(index.podsByLabel, namespace, rest);
      const specific = candidates.length <= NEAR_MISS_LIMIT;
      // Labels that many objects share (tier=backend) make every other app a candidate: for a Service
      // that works only objects lacking the key can be telling, and there are none when every object
      // in the namespace carries it.
      const onlyMissingKey = !specific && !matchedNothing;
      if (onlyMissingKey && (index.podsByLabelKey.get(nameKey(namespace, key))?.length ?? 0) === namespaceSize) continue;
      // The posting list of a one-label rest holds exactly its matches.
      const exact = keys.length === 2;
      const want = selector[key];
      const wantLower = want.toLowerCase();
      if (exact && matchedNothing && !specific && everyObjectHas(index, namespace, key)) {
        // Every candidate carries the key with another value. Telling ones have a look-alike value:
        // look those up; the rest are weak, ranked by length alone, without an edit distance each.
        const [restKey, restValue] = Object.entries(rest)[0];
        const similar = new Set(similarValuesOf(index, namespace, key).similarTo(want));
        total += candidates.length;
        for (const value of similar) {
          const rank = distance(wantLower, value.toLowerCase()) + 1;
          for (const pod of index.podsByLabel.get(labelKey(namespace, key, value)) ?? []) {
            if (pod.labels[restKey] !== restValue) continue;
            telling += 1;
            if (closest.length < NEAR_MISS_LIMIT || before(rank, pod, closest[closest.length - 1])) insertClosest(closest, { pod, key, rank });
          }
        }
        if (telling > 0) continue;
        // Only the few closest weak ones are listed: walk the values outward from the wanted length.
        let weak = 0;
        for (const value of similarValuesOf(index, namespace, key).nearestInLength(want)) {
          if (weak >= WEAK_NEAR_MISS_LIMIT) break;
          if (value === want || similar.has(value)) continue;
          const rank = WEAK + Math.abs(want.length - value.length);
          for (const pod of index.podsByLabel.get(labelKey(namespace, key, value)) ?? []) {
            if (pod.labels[restKey] !== restValue) continue;
            insertClosest(closest, { pod, key, rank });
            weak += 1;
          }
        }
        continue;
      }
      for (const pod of candidates) {
        const actual = pod.labels[key];
        if (actual === want || (onlyMissingKey && actual !== undefined)) continue;
        if (exact || matchesSelector(pod.labels, rest)) consider(pod, key, wantLower, specific);
      }
      continue;
    }
    for (const candidateKey of index.labelKeysByNamespace.get(namespace) ?? []) {
      if (candidateKey !== key && !isLookAlikeKey(key, candidateKey)) continue;
      if (candidateKey === key && !matchedNothing) continue;
      for (const pod of index.podsByLabelKey.get(nameKey(namespace, candidateKey)) ?? []) {
        if (pod.labels[key] === selector[key] || seen.has(pod)) continue;
        seen.add(pod);
        consider(pod, key, selector[key].toLowerCase(), false);
      }
    }
  }
  // Weak near misses only help when nothing better exists, and then only the closest few.
  const listed = telling > 0 ? closest.filter((entry) => entry.rank < WEAK) : closest.slice(0, WEAK_NEAR_MISS_LIMIT);
  return {
    nearMisses: listed.map(({ pod, key }) => ({ object: pod.ref, differences: [differenceFor(pod.labels, key, selector[key]) as LabelDifference] })),
    total: telling > 0 ? telling : total,
    telling,
  };
}
