import { distance } from 'fastest-levenshtein';
import { differenceFor, isLookAlikeKey } from './label-difference.js';
import { isSimilarLowercase, SimilarValueIndex } from './similar-values.js';
import type { LabelMap } from './kubernetes-types.js';
import type { LabelDifference, NearMiss } from './report.js';
import type { SnapshotPod } from './snapshot.js';
import type { LabelKeyPostings } from './label-index.js';
import type { SnapshotIndex } from './snapshot-index.js';
import { matchesSelector } from './selector.js';
import { isQualifiedName, isValidLabelValue } from './validation.js';
import { ownValue } from './own-keys.js';

/** How many near misses a Service lists; the total is reported separately. */
export const NEAR_MISS_LIMIT = 10;

/** How many weak near misses (another app's value for the same key) are listed when there is nothing better. */
const WEAK_NEAR_MISS_LIMIT = 3;

/** Ranks at or above this are weak near misses: the same key with an unrelated value. */
const WEAK = 1000;

/**
 * How close an object that misses the selector on `key` comes: lower is closer, WEAK and above is
 * weak; look-alike keys and similar values rank first (by edit distance), missing keys after them.
 */
function rankDifference(labels: LabelMap, key: string, want: string, wantLower: string, sharesSpecificLabels: boolean): number {
  const actual = ownValue(labels, key);
  if (actual === undefined) {
    const difference = differenceFor(labels, key, want) as LabelDifference;
    return difference.actualKey === null ? 50 : distance(key, difference.actualKey);
  }
  // A value no Pod can carry (over 63 characters) is weak: no edit distance over its length.
  if (!isValidLabelValue(actual)) return WEAK + Math.abs(want.length - actual.length);
  const lower = actual.toLowerCase();
  if (sharesSpecificLabels || isSimilarLowercase(wantLower, lower)) return distance(wantLower, lower) + 1;
  // Weak ones are another app's value: ordered by how close their length is, without an edit distance each.
  return WEAK + Math.abs(wantLower.length - lower.length);
}

/** True for a selector pair Kubernetes accepts: only those are searched for near misses. */
export function isSearchablePair(key: string, value: string): boolean {
  return isQualifiedName(key) && isValidLabelValue(value);
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

/** The look-alike value index of one key in one namespace, built on first use and kept with the snapshot index. */
function similarValuesOf(index: SnapshotIndex, postings: LabelKeyPostings<SnapshotPod>): SimilarValueIndex {
  let similar = index.similarValues.get(postings);
  if (!similar) index.similarValues.set(postings, (similar = new SimilarValueIndex(postings.byValue.keys())));
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

/** The near misses found so far: counted, and the closest NEAR_MISS_LIMIT kept in order. */
interface Collected {
  closest: { pod: SnapshotPod; key: string; rank: number }[];
  telling: number;
  total: number;
}

function collect(found: Collected, pod: SnapshotPod, key: string, rank: number): void {
  const { closest } = found;
  if (closest.length < NEAR_MISS_LIMIT || before(rank, pod, closest[closest.length - 1])) insertClosest(closest, { pod, key, rank });
}

/**
 * The two-label selector that matched nothing, where every object carrying the other pair has `key`
 * with another value: the telling ones have a look-alike value, so those are looked up; the rest are
 * weak, and only the few nearest in length are listed, without an edit distance each.
 */
function collectByValue(
  found: Collected,
  index: SnapshotIndex,
  postings: LabelKeyPostings<SnapshotPod>,
  key: string,
  want: string,
  other: { key: string; value: string; objects: number },
): void {
  const values = similarValuesOf(index, postings);
  const similar = values.similarTo(want);
  found.total += other.objects;
  for (const [value, edits] of similar) {
    const rank = edits + 1;
    for (const pod of postings.byValue.get(value) ?? []) {
      if (ownValue(pod.labels, other.key) !== other.value) continue;
      found.telling += 1;
      collect(found, pod, key, rank);
    }
  }
  if (found.telling > 0) return;
  let weak = 0;
  for (const value of values.nearestInLength(want)) {
    if (weak >= WEAK_NEAR_MISS_LIMIT) break;
    if (value === want || similar.has(value)) continue;
    const rank = WEAK + Math.abs(want.length - value.length);
    for (const pod of postings.byValue.get(value) ?? []) {
      if (ownValue(pod.labels, other.key) !== other.value) continue;
      insertClosest(found.closest, { pod, key, rank });
      weak += 1;
    }
  }
}

/**
 * Objects in the Service's namespace that miss the selector by exactly one label: a look-alike key,
 * a missing key, or the same key with another value. Weak near misses (the same key with an
 * unrelated value) are counted only when nothing matches, after the telling ones; sharing specific
 * labels with the selector (few objects carry them) makes a near miss telling. Candidates come from
 * the index, and only the closest few are described, so broad labels stay cheap.
 */
export function findNearMisses(index: SnapshotIndex, namespace: string, selector: LabelMap, matchedNothing: boolean): NearMissResult {
  const found: Collected = { closest: [], telling: 0, total: 0 };
  const consider = (pod: SnapshotPod, key: string, wantLower: string, sharesSpecificLabels: boolean) => {
    const rank = rankDifference(pod.labels, key, selector[key], wantLower, sharesSpecificLabels);
    if (rank >= WEAK && !matchedNothing) return;
    found.total += 1;
    if (rank < WEAK) found.telling += 1;
    collect(found, pod, key, rank);
  };
  const labels = index.podLabels;
  const keys = Object.keys(selector);
  const namespaceSize = index.podsByNamespace.get(namespace)?.length ?? 0;
  for (const key of keys) {
    const want = selector[key];
    // A pair the API server would reject (a 200,000-character value) is an invalid-service finding
    // already; searching for look-alikes of it would cost its length squared.
    if (!isSearchablePair(key, want)) continue;
    const postings = labels.postings(namespace, key);
    if (keys.length > 1) {
      // The posting list of a one-label rest holds exactly its matches.
      const exact = keys.length === 2;
      const otherKey = keys[0] === key ? keys[1] : keys[0];
      // The other pairs; with one other pair its posting list is looked up directly, without building them.
      const rest: LabelMap | undefined = exact ? undefined : Object.fromEntries(keys.filter((other) => other !== key).map((other) => [other, selector[other]]));
      const candidates = rest ? labels.candidates(namespace, rest) : labels.withLabel(namespace, otherKey, selector[otherKey]);
      const specific = candidates.length <= NEAR_MISS_LIMIT;
      // Labels that many objects share (tier=backend) make every other app a candidate: for a Service
      // that works only objects lacking the key can be telling, and there are none when every object
      // in the namespace carries it.
      const everyObjectHasKey = (postings?.all.length ?? 0) === namespaceSize;
      const onlyMissingKey = !specific && !matchedNothing;
      if (onlyMissingKey && everyObjectHasKey) continue;
      if (exact && matchedNothing && !specific && everyObjectHasKey && postings) {
        collectByValue(found, index, postings, key, want, { key: otherKey, value: selector[otherKey], objects: candidates.length });
        continue;
      }
      const wantLower = want.toLowerCase();
      for (const pod of candidates) {
        const actual = ownValue(pod.labels, key);
        if (actual === want || (onlyMissingKey && actual !== undefined)) continue;
        if (!rest || matchesSelector(pod.labels, rest)) consider(pod, key, wantLower, specific);
      }
      continue;
    }
    // One label: objects with the key and another value, with a look-alike key, or with the wanted
    // value under another key. Several keys can lead to one object.
    const seen = new Set<SnapshotPod>();
    for (const candidateKey of labels.keys(namespace)) {
      if (candidateKey === key && !matchedNothing) continue;
      const lookAlike = candidateKey === key || isLookAlikeKey(key, candidateKey);
      const candidates = lookAlike ? (labels.postings(namespace, candidateKey)?.all ?? []) : labels.withLabel(namespace, candidateKey, want);
      for (const pod of candidates) {
        if (ownValue(pod.labels, key) === want || seen.has(pod)) continue;
        seen.add(pod);
        consider(pod, key, want.toLowerCase(), false);
      }
    }
  }
  // Weak near misses only help when nothing better exists, and then only the closest few.
  const { closest, telling, total } = found;
  const listed = telling > 0 ? closest.filter((entry) => entry.rank < WEAK) : closest.slice(0, WEAK_NEAR_MISS_LIMIT);
  return {
    nearMisses: listed.map(({ pod, key }) => ({ object: pod.ref, differences: [differenceFor(pod.labels, key, selector[key]) as LabelDifference] })),
    total: telling > 0 ? telling : total,
    telling,
  };
}
