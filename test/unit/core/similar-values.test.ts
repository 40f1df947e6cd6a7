import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { deletionHashes, isSimilarLowercase, SimilarValueIndex } from '../../../src/core/similar-values.js';
import { isValidLabelValue } from '../../../src/core/validation.js';

/** A small deterministic generator, so a failure names the values that broke it. */
function randomValues(seed: number, count: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = 'abcdeAB-1';
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 9) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}

describe('SimilarValueIndex', () => {
  it.each([
    { values: ['frontend', 'frontnd', 'Frontend', 'frontend-v2', 'backend', 'web'], want: 'frontend', similar: ['frontend', 'frontnd', 'Frontend', 'frontend-v2'] },
    { values: ['cart-service', 'cart', 'checkout'], want: 'cart-servce', similar: ['cart-service', 'cart'] },
    { values: ['app-1', 'app-12', 'app-123', 'api'], want: 'app-12x', similar: ['app-1', 'app-12', 'app-123'] },
    { values: ['ab', 'xy', 'abc'], want: 'a', similar: ['ab', 'xy', 'abc'].filter((value) => isSimilarLowercase('a', value.toLowerCase())) },
  ])('finds $similar for $want', ({ values, want, similar }) => {
    expect([...new SimilarValueIndex(values).similarTo(want).keys()].sort()).toEqual([...similar].sort());
  });

  it.each([1, 2, 3, 4, 5])('finds exactly what comparing with every value finds (seed %i)', (seed) => {
    const values = randomValues(seed, 300);
    const index = new SimilarValueIndex(values);
    for (const want of randomValues(seed + 100, 40)) {
      // Only values a label can have (no leading or trailing '-') are indexed and looked up.
      const bruteForce = isValidLabelValue(want)
        ? [...new Set(values)].filter((value) => isValidLabelValue(value) && isSimilarLowercase(want.toLowerCase(), value.toLowerCase())).sort()
        : [];
      const found = index.similarTo(want);
      expect([want, [...found.keys()].sort()]).toEqual([want, bruteForce]);
      for (const [value, edits] of found) expect([want, value, edits]).toEqual([want, value, distance(want.toLowerCase(), value.toLowerCase())]);
    }
  });

  it.each([1, 2, 5000])('finds exactly what comparing with every value finds among %i values (value numbers of every width)', (count) => {
    const values = randomValues(count, count);
    const index = new SimilarValueIndex(values);
    const distinct = [...new Set(values)].filter((value) => isValidLabelValue(value));
    for (const want of [...randomValues(count + 7, 30), ...values.slice(0, 3)]) {
      const bruteForce = isValidLabelValue(want) ? distinct.filter((value) => isSimilarLowercase(want.toLowerCase(), value.toLowerCase())).sort() : [];
      expect([want, [...index.similarTo(want).keys()].sort()]).toEqual([want, bruteForce]);
    }
  });

  it.each(['web', '7-w', 'app-12', 'pp-59', 'zzz', 'p-1-we'])('finds the values containing %j among many longer ones as a scan of every value does', (want) => {
    // 600 values longer than any wanted one: containment goes through the trigram index, not a scan.
    const values = [...Array.from({ length: 600 }, (_, i) => `app-${i}-web`), 'web', 'we', 'App-12-WEB'];
    const bruteForce = values.filter((value) => isValidLabelValue(value) && isSimilarLowercase(want.toLowerCase(), value.toLowerCase())).sort();
    expect([...new SimilarValueIndex(values).similarTo(want).keys()].sort()).toEqual(bruteForce);
  });

  it('leaves out values no label can have, so a 200,000-character value costs no deletion variants', () => {
    const long = 'a'.repeat(200_000);
    const index = new SimilarValueIndex([long, `${long}b`, 'web', '-web']);
    expect([...index.similarTo('web').keys()]).toEqual(['web']);
    expect(index.similarTo(long).size).toBe(0);
    expect([...index.nearestInLength('x')]).toEqual(['web']);
  });

  it('walks values outward from the wanted length', () => {
    const index = new SimilarValueIndex(['a', 'abcdef', 'abc', 'abcd', 'ab', 'abcdefgh']);
    const lengths = [...index.nearestInLength('wxyz')].map((value) => Math.abs(value.length - 4));
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect([...index.nearestInLength('wxyz')].sort()).toEqual(['a', 'ab', 'abc', 'abcd', 'abcdef', 'abcdefgh']);
  });
});

describe('deletionHashes', () => {
  it.each(['', 'a', 'ab', 'frontend', 'aab-aab', 'app-1234x'])('hashes %j the same as the strings it stands for', (text) => {
    const expected = new Set<number>();
    for (let i = -1; i < text.length; i += 1) {
      for (let j = i + 1; j <= text.length; j += 1) {
        const kept = [...text].filter((_, k) => k !== i && k !== j).join('');
        expected.add(deletionHashes(kept)[0]);
      }
    }
    expect(new Set(deletionHashes(text))).toEqual(expected);
  });
});
