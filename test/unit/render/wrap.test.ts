import stringWidth from 'fast-string-width';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wrapAnsi } from 'fast-wrap-ansi';
import { stringWidth as displayWidth, wrapHanging, wrapIndented, wrapWords } from '../../../src/render/wrap.js';

const MESSAGE =
  'Service shop/web port http (80/TCP) has targetPort "http", declared by Deployment billing-app but not by Deployment checkout-app: those get no traffic on this port.';
const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('wrapHanging', () => {
  it.each([40, 60, 80, 120])('at %i columns: no line is wider, no word is broken or lost, later lines are indented', (width) => {
    const text = wrapHanging('  warning  ', MESSAGE, 11, width);
    const lines = text.split('\n');
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
    expect(lines[0].startsWith('  warning  Service')).toBe(true);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {11}\S/);
    expect(words(text).slice(1)).toEqual(words(MESSAGE));
  });

  it('fits on one line when it can', () => {
    expect(wrapHanging('> ', 'short text', 2, 80)).toBe('> short text');
  });

  it('does not count colour codes', () => {
    const red = (text: string) => `\u001b[31m${text}\u001b[39m`;
    const plain = wrapHanging('  ', MESSAGE, 2, 50);
    const coloured = wrapHanging(`  `, MESSAGE.replace('http', red('http')), 2, 50);
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('counts wide characters as two columns', () => {
    const text = wrapIndented('サービス '.repeat(12).trim(), 0, 20);
    for (const line of text.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(20);
    expect(text.split('\n')[0]).toBe('サービス サービス'); // 4 × 2 + 1 + 8 = 17 columns; a third would make 26
  });

  it('measures escaped input as printed: "\\x1b" is four columns, not a control character', () => {
    const escaped = 'name\\x1b[2Jx '.repeat(6).trim();
    for (const line of wrapIndented(escaped, 0, 30).split('\n')) expect(line.length).toBeLessThanOrEqual(30);
  });

  it('leaves a word longer than the line whole', () => {
    const long = `see ${'x'.repeat(100)} there`;
    expect(wrapIndented(long, 2, 40).split('\n')).toEqual(['  see', `  ${'x'.repeat(100)}`, '  there']);
  });
});

describe('wrap.ts stringWidth', () => {
  it('counts printable ASCII by its length and anything else as the terminal shows it', () => {
    expect(displayWidth('Service shop/web ~ {}')).toBe(21);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('\u001b[31mred\u001b[39m')).toBe(3);
  });
});

describe('wrapWords', () => {
  it('wraps exactly as fast-wrap-ansi does (hard: false, trim: true), plain words or not', () => {
    const pieces = ['a', 'Service', 'shop/web', 'targetPort', '"http",', 'x'.repeat(30), '日本', 'é', '\u001b[31mred\u001b[39m', '', ' '];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.array(fc.constantFrom(' ', '  '), { maxLength: 40 }), fc.integer({ min: 1, max: 100 }), (words, gaps, columns) => {
        const text = words.map((word, i) => `${word}${gaps[i] ?? ' '}`).join('').trimEnd();
        expect(wrapWords(text, columns)).toBe(wrapAnsi(text, columns, { hard: false, trim: true }));
      }),
      { numRuns: 3000 },
    );
  });

  it('wraps plain words greedily, keeping a word longer than the line whole', () => {
    expect(wrapWords('aa bb cc', 5)).toBe('aa bb\ncc');
    expect(wrapWords('aa bbbbbbbb cc', 5)).toBe('aa\nbbbbbbbb\ncc');
    expect(wrapWords(MESSAGE, 1000)).toBe(MESSAGE);
  });
});
