import { distance } from 'fastest-levenshtein';

/** How many edits make a label value "similar" (a likely typo) to the wanted one. */
export const MAX_VALUE_EDITS = 2;

/** Every string made by deleting up to `depth` characters (the symmetric-delete trick: two strings within k edits share one). */
function deletions(text: string, depth: number, into: Set<string>): Set<string> {
  into.add(text);
  if (depth === 0) return into;
  for (let i = 0; i < text.length; i += 1) {
    const shorter = text.slice(0, i) + text.slice(i + 1);
    if (!into.has(shorter)) deletions(shorter, depth - 1, into);
  }
  return into;
}

/** One value, or several: most deletion variants belong to a single value, so no list is made for them. */
type OneOrMore = string | string[];

/** Adds a value under a key; a value's variants are added together, so a repeat is always the last entry. */
function add(map: Map<string, OneOrMore>, key: string, value: string): void {
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
  if (Math.min(a.length, b.length) >= 3 && (a.includes(b) || b.includes(a))) return true;
  return Math.abs(a.length - b.length) <= MAX_VALUE_EDITS && distance(a, b) <= MAX_VALUE_EDITS;
}

/**
 * The values of one label key in one namespace, indexed so that the values similar to a wanted one
 * (isSimilarLowercase) are found without an edit distance against every value: values within two edits
 * share a deletion variant, values contained in the wanted one are among its substrings, and values
 * containing it are longer, so only those get a substring test.
 */
export class SimilarValueIndex {
  private readonly byDeletion = new Map<string, OneOrMore>();
  private readonly byLower = new Map<string, string[]>();
  /** Distinct lower-cased values, longest first, for the containment test. */
  private readonly byLength: string[];

  constructor(values: Iterable<string>) {
    for (const value of values) {
      const lower = value.toLowerCase();
      const originals = this.byLower.get(lower);
      if (originals) {
        if (!originals.includes(value)) originals.push(value);
        continue;
      }
      this.byLower.set(lower, [value]);
      for (const variant of deletions(lower, MAX_VALUE_EDITS, new Set())) add(this.byDeletion, variant, lower);
    }
    this.byLength = [...this.byLower.keys()].sort((a, b) => b.length - a.length);
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

  /** The indexed values similar to `wanted` (any case), each as written in the labels. */
  similarTo(wanted: string): string[] {
    const want = wanted.toLowerCase();
    const candidates = new Set<string>();
    for (const variant of deletions(want, MAX_VALUE_EDITS, new Set())) for (const lower of each(this.byDeletion.get(variant))) candidates.add(lower);
    // Values that contain the wanted one are longer: a native substring test on those only.
    if (want.length >= 3) {
      for (const lower of this.byLength) {
        if (lower.length <= want.length) break;
        if (lower.includes(want)) candidates.add(lower);
      }
    }
    for (let start = 0; start + 3 <= want.length; start += 1) {
      for (let end = start + 3; end <= want.length; end += 1) if (this.byLower.has(want.slice(start, end))) candidates.add(want.slice(start, end));
    }
    return [...candidates].filter((lower) => isSimilarLowercase(want, lower)).flatMap((lower) => this.byLower.get(lower) ?? []);
  }
}
