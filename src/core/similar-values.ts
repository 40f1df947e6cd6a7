import { distance } from 'fastest-levenshtein';
import { isValidLabelValue } from './validation.js';

/** How many edits make a label value "similar" (a likely typo) to the wanted one. */
export const MAX_VALUE_EDITS = 2;

const HASH_BASE = 0x01000193;

/** Up to this many values longer than the wanted one, each is given a substring test; above it, only those sharing its rarest trigram. */
const LINEAR_CONTAINMENT = 256;

/** How many hashes deletionHashes() makes for a text of this length. */
function deletionCount(length: number): number {
  return 1 + length + (length * (length - 1)) / 2;
}

/**
 * A hash of every string made by deleting up to two (MAX_VALUE_EDITS) characters of `text` (the symmetric-delete trick:
 * two strings within two edits share one), without building those strings: polynomial hashes of the
 * kept parts are joined in constant time. Different strings may share a hash; callers verify.
 */
export function deletionHashes(text: string): Int32Array {
  const n = text.length;
  // prefix[k] hashes text[0, k); power[k] is HASH_BASE^k; both wrap modulo 2^32.
  const prefix = new Int32Array(n + 1);
  const power = new Int32Array(n + 1);
  power[0] = 1;
  for (let k = 0; k < n; k += 1) {
    prefix[k + 1] = (Math.imul(prefix[k], HASH_BASE) + text.charCodeAt(k) + 1) | 0;
    power[k + 1] = Math.imul(power[k], HASH_BASE);
  }
  const part = (from: number, to: number) => (prefix[to] - Math.imul(prefix[from], power[to - from])) | 0;
  const join = (left: number, right: number, rightLength: number) => (Math.imul(left, power[rightLength]) + right) | 0;
  const hashes = new Int32Array(deletionCount(n));
  let count = 0;
  hashes[count++] = prefix[n];
  for (let i = 0; i < n; i += 1) {
    hashes[count++] = join(prefix[i], part(i + 1, n), n - i - 1);
    for (let j = i + 1; j < n; j += 1) {
      hashes[count++] = join(join(prefix[i], part(i + 1, j), j - i - 1), part(j + 1, n), n - j - 1);
    }
  }
  return hashes;
}

/** True when two lower-cased values are within MAX_VALUE_EDITS edits, or one contains the other (both ≥ 3 long). */
export function isSimilarLowercase(a: string, b: string): boolean {
  if (isContainment(a, b)) return true;
  return Math.abs(a.length - b.length) <= MAX_VALUE_EDITS && distance(a, b) <= MAX_VALUE_EDITS;
}

/** True when one value contains the other and both are at least 3 long. */
function isContainment(a: string, b: string): boolean {
  return Math.min(a.length, b.length) >= 3 && (a.includes(b) || b.includes(a));
}

/**
 * The values of one label key in one namespace, indexed so that the values similar to a wanted one
 * (isSimilarLowercase) are found without an edit distance against every value: values within two edits
 * share a deletion variant, values contained in the wanted one are among its substrings, and values
 * containing it are longer, so only those get a substring test.
 */
export class SimilarValueIndex {
  /**
   * Every deletion hash of every value, in a chained hash table of typed arrays: entry e holds a hash
   * (hashOf) and the number of its value (valueOf); heads[bucket] is the bucket's first entry and
   * next[e] the one after it (-1 ends). Built in one pass, without sorting or a Map of lists: 12,500
   * values of one key have 600,000 entries.
   */
  private readonly heads: Int32Array;
  private readonly next: Int32Array;
  private readonly hashOf: Int32Array;
  private readonly valueOf: Int32Array;
  /** Distinct lower-cased values by number, first seen first: the order similar values are handed out in. */
  private readonly lowers: string[] = [];
  /** The values as written in the labels, by number. */
  private readonly originals: string[][] = [];
  private readonly idOf = new Map<string, number>();
  /** Distinct lower-cased values, longest first, for the containment test. */
  private readonly byLength: string[];
  /** The distinct lengths (3 or more) of the values, for the substrings that may be one. */
  private readonly lengths: number[];
  /** Which lookup last met each value, so candidates are told apart by number rather than in a Set of strings. */
  private readonly seen: Int32Array;
  private lookup = 0;
  /** Value numbers by trigram, built on the first containment look-up among many longer values. */
  private trigrams: Map<string, number[]> | undefined;

  constructor(values: Iterable<string>) {
    let count = 0;
    for (const value of values) {
      // Values no Pod can carry are left out: their deletion variants would cost their length squared.
      if (!isValidLabelValue(value)) continue;
      const lower = value.toLowerCase();
      const id = this.idOf.get(lower);
      if (id !== undefined) {
        if (!this.originals[id].includes(value)) this.originals[id].push(value);
        continue;
      }
      this.idOf.set(lower, this.lowers.length);
      this.lowers.push(lower);
      this.originals.push([value]);
      count += deletionCount(lower.length);
    }
    // At least as many buckets as entries, a power of two.
    this.heads = new Int32Array(2 ** Math.max(4, Math.ceil(Math.log2(count + 1)))).fill(-1);
    this.next = new Int32Array(count);
    this.hashOf = new Int32Array(count);
    this.valueOf = new Int32Array(count);
    const mask = this.heads.length - 1;
    let at = 0;
    // Indexed loops: iterators would allocate a result per step until the code is optimized.
    for (let id = 0; id < this.lowers.length; id += 1) {
      const hashes = deletionHashes(this.lowers[id]);
      for (let k = 0; k < hashes.length; k += 1) {
        const hash = hashes[k];
        const bucket = hash & mask;
        this.hashOf[at] = hash;
        this.valueOf[at] = id;
        this.next[at] = this.heads[bucket];
        this.heads[bucket] = at;
        at += 1;
      }
    }
    this.seen = new Int32Array(this.lowers.length);
    this.byLength = [...this.lowers].sort((a, b) => b.length - a.length);
    this.lengths = [...new Set(this.byLength.map((lower) => lower.length))].filter((length) => length >= 3);
  }

  /**
   * Calls `found` with the number of every value that contains `want` (3 or more long) and is longer:
   * a native substring test on the longer values when they are few, else on the values that share
   * want's rarest trigram (a value containing want has every one of its trigrams). Scanning every
   * longer value made 12,500 look-ups among 12,500 values of one key 31 million substring tests.
   */
  private forEachContaining(want: string, found: (id: number) => void): void {
    const longer = this.countLongerThan(want.length);
    if (longer <= LINEAR_CONTAINMENT) {
      for (let k = 0; k < longer; k += 1) if (this.byLength[k].includes(want)) found(this.idOf.get(this.byLength[k])!);
      return;
    }
    const trigrams = (this.trigrams ??= this.buildTrigrams());
    let rarest: number[] | undefined;
    for (let start = 0; start + 3 <= want.length; start += 1) {
      const ids = trigrams.get(want.slice(start, start + 3));
      if (ids === undefined) return;
      if (rarest === undefined || ids.length < rarest.length) rarest = ids;
    }
    for (const id of rarest!) {
      const lower = this.lowers[id];
      if (lower.length > want.length && lower.includes(want)) found(id);
    }
  }

  /** How many distinct values are longer than `length`: byLength is longest first, so a binary search. */
  private countLongerThan(length: number): number {
    let low = 0;
    let high = this.byLength.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.byLength[middle].length > length) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The numbers of the values each trigram occurs in, in increasing order, each number once per trigram. */
  private buildTrigrams(): Map<string, number[]> {
    const trigrams = new Map<string, number[]>();
    for (let id = 0; id < this.lowers.length; id += 1) {
      const lower = this.lowers[id];
      for (let start = 0; start + 3 <= lower.length; start += 1) {
        const trigram = lower.slice(start, start + 3);
        const ids = trigrams.get(trigram);
        if (ids === undefined) trigrams.set(trigram, [id]);
        else if (ids[ids.length - 1] !== id) ids.push(id);
      }
    }
    return trigrams;
  }

  /** The indexed values, nearest in length to `wanted` first, each as written in the labels. */
  *nearestInLength(wanted: string): Generator<string> {
    const list = this.byLength;
    let shorter = list.findIndex((lower) => lower.length <= wanted.length);
    if (shorter === -1) shorter = list.length;
    let longer = shorter - 1;
    while (shorter < list.length || longer >= 0) {
      const below = shorter < list.length ? wanted.length - list[shorter].length : Infinity;
      const above = longer >= 0 ? list[longer].length - wanted.length : Infinity;
      const lower = below <= above ? list[shorter++] : list[longer--];
      yield* this.originals[this.idOf.get(lower)!];
    }
  }

  /** The indexed values similar to `wanted` (any case), each as written in the labels, with its edit distance ignoring case. */
  similarTo(wanted: string): Map<string, number> {
    if (!isValidLabelValue(wanted)) return new Map();
    const want = wanted.toLowerCase();
    const candidates: number[] = [];
    const { heads, next, hashOf, valueOf, seen } = this;
    const mask = heads.length - 1;
    if (this.lookup === 0x7fffffff) seen.fill((this.lookup = 0));
    const stamp = ++this.lookup;
    const consider = (id: number) => {
      if (seen[id] === stamp) return;
      seen[id] = stamp;
      candidates.push(id);
    };
    const hashes = deletionHashes(want);
    for (let k = 0; k < hashes.length; k += 1) {
      const hash = hashes[k];
      for (let e = heads[hash & mask]; e !== -1; e = next[e]) if (hashOf[e] === hash) consider(valueOf[e]);
    }
    if (want.length >= 3) {
      this.forEachContaining(want, consider);
      // Values contained in it are shorter, among its substrings of a length some value has.
      for (const length of this.lengths) {
        if (length >= want.length) continue;
        for (let start = 0; start + length <= want.length; start += 1) {
          const id = this.idOf.get(want.slice(start, start + length));
          if (id !== undefined) consider(id);
        }
      }
    }
    const kept: { id: number; edits: number }[] = [];
    for (const id of candidates) {
      const lower = this.lowers[id];
      // Lengths more than two apart are more than two edits: only containment keeps such a value, so no edit distance is needed to drop it.
      if (Math.abs(lower.length - want.length) > MAX_VALUE_EDITS && !isContainment(want, lower)) continue;
      const edits = distance(want, lower);
      if (edits > MAX_VALUE_EDITS && !isContainment(want, lower)) continue;
      kept.push({ id, edits });
    }
    // By value number (first seen first), whatever order the hashes met them in; only the few kept are sorted.
    kept.sort((a, b) => a.id - b.id);
    const similar = new Map<string, number>();
    for (const { id, edits } of kept) for (const value of this.originals[id]) similar.set(value, edits);
    return similar;
  }
}
