import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonArrayParts, TextParts } from '../../../src/render/json-parts.js';

/** A document holding `items` `depth` levels down, through objects and arrays, with keys around it. */
function nest(items: unknown[], path: ('object' | 'array')[]): unknown {
  let value: unknown = items;
  for (const step of [...path].reverse()) value = step === 'array' ? [1, value] : { before: 'x', list: value, after: [null] };
  return value;
}

/** The same document printed with jsonArrayParts at the array and JSON.stringify everywhere else. */
function printed(items: unknown[], path: ('object' | 'array')[], toJson: (item: unknown) => unknown): string {
  const marker = '\u0000items';
  const skeleton = JSON.stringify(nest([marker], path), null, 2);
  const at = skeleton.indexOf(`[\n${'  '.repeat(path.length + 1)}"\\u0000items"\n${'  '.repeat(path.length)}]`);
  const end = skeleton.indexOf(']', at) + 1;
  return skeleton.slice(0, at) + [...jsonArrayParts(items, path.length + 1, toJson)].join('') + skeleton.slice(end);
}

const leaf = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const item = fc.jsonValue().chain((json) => fc.oneof(fc.constant(json), leaf, fc.dictionary(fc.string(), leaf), fc.array(leaf)));

describe('jsonArrayParts', () => {
  it('prints an array at any depth exactly as JSON.stringify(document, null, 2) does, across batch boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 40 }),
        fc.integer({ min: 0, max: 600 }),
        fc.array(fc.constantFrom<'object' | 'array'>('object', 'array'), { maxLength: 4 }),
        (sample, length, path) => {
          // Up to 600 items, so runs cross the 256-item batches; items repeat the sample.
          const items = sample.length === 0 ? [] : Array.from({ length }, (_, i) => sample[i % sample.length]);
          expect(printed(items, path, (x) => x)).toBe(JSON.stringify(nest(items, path), null, 2));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('converts each item once, a batch at a time, before printing it', () => {
    const seen: number[] = [];
    const parts = jsonArrayParts([...Array(600).keys()], 1, (n) => {
      seen.push(n);
      return { n };
    });
    const first = parts.next();
    expect(first.value).toBe('[');
    parts.next();
    expect(seen).toHaveLength(256);
    expect([...parts].join('')).toMatch(/\n]$/);
    expect(seen).toEqual([...Array(600).keys()]);
  });

  it('prints an empty array as []', () => {
    expect([...jsonArrayParts([], 3, (x) => x)].join('')).toBe('[]');
  });
});

describe('TextParts', () => {
  it('joins its parts, made anew each time', () => {
    let made = 0;
    const text = new TextParts(function* () {
      made += 1;
      yield 'a';
      yield 'b';
    });
    expect(text.text()).toBe('ab');
    expect(text.text()).toBe('ab');
    expect(made).toBe(2);
  });
});
