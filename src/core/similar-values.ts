import { distance } from 'fastest-levenshtein';
import { isValidLabelValue } from './validation.js';

/** How many edits make a label value "similar" (a likely typo) to the wanted one. */
export const MAX_VALUE_EDITS = 2;

const HASH_BASE = 0x01000193;
/** Hashes stay small integers, which V8 keeps unboxed as Map keys. */
const HASH_MASK = 0x3fffffff;

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
  const hashes = new Int32Array(1 + n + (n * (n - 1)) / 2);
  let count = 0;
  hashes[count++] = prefix[n] & HASH_MASK;
  for (let i = 0; i < n; i += 1) {
    hashes[count++] = join(prefix[i], part(i + 1, n), n - i - 1) & HASH_MASK;
    for (let j = i + 1; j < n; j += 1) {
      hashes[count++] = join(join(prefix[i], part(i + 1, j), j - i - 1), part(j + 1, n), n - j - 1) & HASH_MASK;
    }
  }
  return hashes;
}

/** One value, or several: most deletion variants belong to a single value, so no list is made for them. */
type OneOrMore = string | string[];

/** Adds a value under a key; a value's variants are added together, so a repeat is always the last entry. */
function add(map: Map<number, OneOrMore>, key: number, value: string): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, value);
  else if (typeof entry === 'string') {
    if (entry !== value) map.set(key, [entry, value]);
  } else if (entry[entry.length - 1] !== value) entry.push(value);
}

function each(entry: OneOrMore | undefined): readonly string[] {
  return entry === undefined ? [] : typeof entry === 'string' ? [entry] : entry;
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
  private readonly byDeletion = new Map<number, OneOrMore>();
  private readonly byLower = new Map<string, string[]>();
  /** Distinct lower-cased values, longest first, for the containment test. */
  private readonly byLength: string[];
  /** The distinct lengths (3 or more) of the values, for the substrings that may be one. */
  private readonly lengths: number[];

  constructor(values: Iterable<string>) {
    for (const value of values) {
      // Values no Pod can carry are left out: their deletion variants would cost their length squared.
      if (!isValidLabelValue(value)) continue;
      const lower = value.toLowerCase();
      const originals = this.byLower.get(lower);
      if (originals) {
        if (!originals.includes(value)) originals.push(value);
        continue;
      }
      this.byLower.set(lower, [value]);
      for (const hash of deletionHashes(lower)) add(this.byDeletion, hash, lower);
    }
    this.byLength = [...this.byLower.keys()].sort((a, b) => b.length - a.length);
    this.lengths = [...new Set(this.byLength.map((lower) => lower.length))].filter((length) => length >= 3);
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
      yield* this.byLower.get(lower) ?? [];
    }
  }

  /** The indexed values similar to `wanted` (any case), each as written in the labels, with its edit distance ignoring case. */
  similarTo(wanted: string): Map<string, number> {
    if (!isValidLabelValue(wanted)) return new Map();
    const want = wanted.toLowerCase();
    const candidates = new Set<string>();
    for (const hash of deletionHashes(want)) for (const lower of each(this.byDeletion.get(hash))) candidates.add(lower);
    if (want.length >= 3) {
      // Values that contain the wanted one are longer: a native substring test on those only.
      for (const lower of this.byLength) {
        if (lower.length <= want.length) break;
        if (lower.includes(want)) candidates.add(lower);
      }
      // Values contained in it are shorter, among its substrings of a length some value has.
      for (const length of this.lengths) {
        if (length >= want.length) continue;
        for (let start = 0; start + length <= want.length; start += 1) {
          const part = want.slice(start, start + length);
          if (this.byLower.has(part)) candidates.add(part);
        }
      }
    }
    const similar = new Map<string, number>();
    for (const lower of candidates) {
      const edits = distance(want, lower);
      if (edits > MAX_VALUE_EDITS && !isContainment(want, lower)) continue;
      for (const value of this.byLower.get(lower) ?? []) similar.set(value, edits);
    }
    return similar;
  }
}
