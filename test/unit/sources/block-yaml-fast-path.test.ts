import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateManifests } from '../../../bench/generate-manifests.mjs';
import { BAIL, lastBailReason, readBlockYaml } from '../../../src/sources/manifests/block-yaml-fast-path.js';
import { decodeManifestBytes } from '../../../src/sources/manifests/decode-manifest-bytes.js';
import { asYaml12, loadWithJsYaml } from '../../../src/sources/manifests/parse-manifests.js';
import { splitYamlDocuments } from '../../../src/sources/manifests/split-yaml-documents.js';
import { rng } from '../../cluster/helpers/scenario-generator.js';
import { hostileInputs } from '../../oracle/hostile-inputs.js';
import { mutateManifest } from '../../oracle/yaml-mutants.js';

/**
 * The fast path against js-yaml itself: on every document of the examples, fixtures, corpus, the
 * benchmark set, hostile inputs and seeded mutants, it either bails or returns what the reader's
 * js-yaml reading returns (jsYaml.load with KUBERNETES_YAML_SCHEMA, after the rewrites where js-yaml
 * and go-yaml part: loadWithJsYaml), with the same prototypes and key order; where js-yaml throws,
 * it bails. SVC_EXPLAIN_FAST_PATH_SEED and _MUTANTS change the mutants.
 */

const ROOT = join(import.meta.dirname, '../../..');
const CORPUS = process.env.SVC_EXPLAIN_CORPUS ?? join(ROOT, '../shared/corpus');
const SEED = Number(process.env.SVC_EXPLAIN_FAST_PATH_SEED ?? 1);
const MUTANTS = Number(process.env.SVC_EXPLAIN_FAST_PATH_MUTANTS ?? 4000);

type Reading = { value: unknown } | { error: string };

function readWithJsYaml(text: string): Reading {
  try {
    return { value: loadWithJsYaml(text) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** The prototype of every object and array, and the key order of every object, path by path. */
function shape(value: unknown, path = '$', out: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return out;
  const prototype = Object.getPrototypeOf(value);
  const kind = prototype === Object.prototype ? 'Object' : prototype === Array.prototype ? 'Array' : prototype === null ? 'null' : 'other';
  out.push(`${path}: ${kind} [${Object.keys(value).join(',')}]`);
  for (const [key, child] of Object.entries(value)) shape(child, `${path}.${key}`, out);
  return out;
}

/** 'fast' when the fast path read the text exactly as js-yaml does, 'bail' when it left it to js-yaml; fails otherwise. */
function compare(text: string, label: string): 'fast' | 'bail' {
  const fast = readBlockYaml(text);
  if (fast === BAIL) return 'bail';
  const slow = readWithJsYaml(text);
  const where = `${label}\n${JSON.stringify(text.slice(0, 300))}`;
  expect('error' in slow ? slow.error : undefined, `js-yaml throws but the fast path read: ${where}`).toBeUndefined();
  const expected = (slow as { value: unknown }).value;
  expect(fast, where).toStrictEqual(expected);
  expect(shape(fast), where).toEqual(shape(expected));
  return 'fast';
}

function manifestFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

/** The texts js-yaml is handed for a file (each document, as asYaml12 prepares it), the raw documents and the whole text. */
function textsOf(text: string, file: string): string[] {
  const texts = [text];
  try {
    for (const chunk of splitYamlDocuments(text)) {
      texts.push(chunk.text);
      try {
        const prepared = asYaml12(chunk, file);
        if (prepared !== chunk.text) texts.push(prepared);
      } catch {
        // refused before js-yaml reads it
      }
    }
  } catch {
    // a bad separator: refused before js-yaml reads it
  }
  return texts;
}

interface Tally {
  fast: number;
  bail: number;
  reasons: Map<string, number>;
}

function compareAll(inputs: { id: string; text: string }[]): Tally {
  const tally: Tally = { fast: 0, bail: 0, reasons: new Map() };
  for (const input of inputs) {
    for (const [i, text] of textsOf(input.text, input.id).entries()) {
      const result = compare(text, `${input.id} (text ${i})`);
      tally[result] += 1;
      if (result === 'bail') tally.reasons.set(lastBailReason(), (tally.reasons.get(lastBailReason()) ?? 0) + 1);
    }
  }
  return tally;
}

const fromFiles = (paths: string[]) => paths.map((path) => ({ id: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** Edits aimed at the fast path's own rules: indentation, indicators, quotes, comments, block scalars, flow sequences. */
const STRUCTURE_EDITS = [
  'indent', 'dedent', 'dash', 'colon', 'hash', 'quote', 'delete-char', 'duplicate', 'delete', 'join', 'blank', 'comment', 'trailing-space',
  'block-scalar', 'flow', 'escape', 'character',
] as const;
const CHARACTERS = ['\t', '\r', '\u0007', '\u0085', '\u2028', '\ufeff', 'ä', '😀', '\ud800', '\\', ':', '#', '-', '?', '&', '*', '!', '|', '>', '%', '@', '`', '[', ']', '{', '}', ',', "'", '"', ' '];
const VALUES = ['|', '|-', '|+', '|2', '>', '[a, b]', '[ ]', '{}', '{ }', '[a, [b]]', '["x", \'y\', 1, on]', '[a: 1]', '[a,]', '[,]', '"a\\tb"', '"\\u00e9\\x41"', '"\\q"', "'it''s'", '-', '- a', 'a: b', '~', ''];

function mutateStructure(text: string, random: () => number): string {
  const lines = text.split('\n');
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e += 1) {
    const i = Math.floor(random() * lines.length);
    const line = lines[i] ?? '';
    const at = Math.floor(random() * (line.length + 1));
    switch (pick(STRUCTURE_EDITS)) {
      case 'indent':
        lines[i] = `${' '.repeat(1 + Math.floor(random() * 3))}${line}`;
        break;
      case 'dedent':
        lines[i] = line.replace(/^ {1,3}/, '');
        break;
      case 'dash':
        lines[i] = line.replace(/^( *)/, `$1${pick(['- ', '-', '- - '])}`);
        break;
      case 'colon':
        lines[i] = `${line.slice(0, at)}${pick([': ', ':', ' : '])}${line.slice(at)}`;
        break;
      case 'hash':
        lines[i] = `${line.slice(0, at)}${pick([' #', '#', ' # c'])}${line.slice(at)}`;
        break;
      case 'quote':
        lines[i] = `${line.slice(0, at)}${pick(["'", '"', "''"])}${line.slice(at)}`;
        break;
      case 'delete-char':
        lines[i] = `${line.slice(0, at)}${line.slice(at + 1)}`;
        break;
      case 'duplicate':
        lines.splice(i, 0, line);
        break;
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'join':
        lines.splice(i, 2, `${line} ${(lines[i + 1] ?? '').trimStart()}`);
        break;
      case 'blank':
        lines.splice(i, 0, ' '.repeat(Math.floor(random() * 6)));
        break;
      case 'comment':
        lines.splice(i, 0, `${' '.repeat(Math.floor(random() * 6))}# ${pick(['note', 'a: b', '- x'])}`);
        break;
      case 'trailing-space':
        lines[i] = `${line}${' '.repeat(1 + Math.floor(random() * 3))}`;
        break;
      case 'block-scalar': {
        const indent = /^ */.exec(line)?.[0].length ?? 0;
        lines[i] = line.replace(/: .*$/, `: ${pick(['|', '|-', '|+', '| # c', '>', '|2'])}`);
        const body = Array.from({ length: Math.floor(random() * 4) }, () => `${' '.repeat(Math.max(0, indent + Math.floor(random() * 6) - 1))}${pick(['text', '', 'a: b', '  more', '# not a comment'])}`);
        lines.splice(i + 1, 0, ...body);
        break;
      }
      case 'flow':
      case 'escape':
        lines[i] = line.replace(/: .*$/, `: ${pick(VALUES)}`);
        break;
      case 'character':
        lines[i] = `${line.slice(0, at)}${pick(CHARACTERS)}${line.slice(at)}`;
        break;
    }
  }
  return lines.join('\n');
}

/** Texts inside the subset, with the value js-yaml gives (each is also checked against js-yaml itself). */
const READS: [string, string, unknown][] = [
  ['a mapping', 'a: b\nc: d\n', { a: 'b', c: 'd' }],
  ['nested mappings', 'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n', { a: { b: { c: 1 }, d: 2 }, e: 3 }],
  ['no final line break', 'a: b', { a: 'b' }],
  ['a trailing comment', 'key: value # c\n', { key: 'value' }],
  ['# without a space before it is text', 'a: b#c\nd: e #f\n', { a: 'b#c', d: 'e' }],
  ['trailing spaces', 'a: b   \nc:   d  \n', { a: 'b', c: 'd' }],
  ['an empty value, spaces after the colon', 'key:    \nb: 1\n', { key: null, b: 1 }],
  ['a key followed by a less-indented line', 'a:\n  b:\nc: 1\n', { a: { b: null }, c: 1 }],
  ['an empty value at the end', 'a: 1\nb:\n', { a: 1, b: null }],
  ['comments and blank lines between entries', 'a: 1\n\n# c\n   # d\n  \nb: 2\n', { a: 1, b: 2 }],
  ['a comment on the line of a nested block', 'a: # c\n  b: 1\n', { a: { b: 1 } }],
  ['a more-indented comment after a plain value', 'a: b\n    # c\nd: e\n', { a: 'b', d: 'e' }],
  ['an indented document', '  a: 1\n  b:\n    c: 2\n', { a: 1, b: { c: 2 } }],
  ['spaces before the colon of a key', 'a  : b\n', { a: 'b' }],
  ['a colon inside a key and a value', 'a:b: c\nurl: http://x:80/y\n', { 'a:b': 'c', url: 'http://x:80/y' }],
  ['single- and double-quoted keys', "'a b': 1\n\"c: d\": 2\n'': 3\n", { 'a b': 1, 'c: d': 2, '': 3 }],
  ['quoted keys that look like other types', "'on': 1\n\"1\": 2\n'null': 3\n", { on: 1, '1': 2, null: 3 }],
  ['single quotes with an escaped quote', "key: 'it''s'\n", { key: "it's" }],
  ['a quoted value followed by a comment', "a: 'x' # c\nb: \"y\"   \n", { a: 'x', b: 'y' }],
  ['an empty quoted value', "a: ''\nb: \"\"\n", { a: '', b: '' }],
  ['quoted values keep their spaces and look-alikes', "a: ' x '\nb: \"on\"\nc: '0755'\nd: \"a: b\"\n", { a: ' x ', b: 'on', c: '0755', d: 'a: b' }],
  ['double quotes with an escaped quote', 'key: "a\\"b"\n', { key: 'a"b' }],
  ['double-quote escapes', 'a: "\\t\\n\\\\\\e\\N\\_\\L\\P\\0\\ "\n', { a: '\t\n\\\x1b\x85\xa0\u2028\u2029\x00 ' }],
  ['hex escapes', 'a: "\\x41\\u00e9\\U0001F600"\n', { a: 'Aé😀' }],
  ['a sequence at the indentation of its key', 'key:\n- a\n- b\nc: d\n', { key: ['a', 'b'], c: 'd' }],
  ['a more-indented sequence', 'key:\n  - a\n  - b\n', { key: ['a', 'b'] }],
  ['a top-level sequence', '- a\n- 1\n', ['a', 1]],
  ['compact mappings in a sequence', 'ports:\n- name: x\n  port: 80\n- name: z\n', { ports: [{ name: 'x', port: 80 }, { name: 'z' }] }],
  ['a compact mapping after several spaces', '-   a: 1\n    b: 2\n', [{ a: 1, b: 2 }]],
  ['a compact mapping with a quoted key', '- "a": 1\n  b: 2\n', [{ a: 1, b: 2 }]],
  ['a nested sequence inside a compact mapping', '- a:\n  - 1\n  b:\n    - 2\n', [{ a: [1], b: [2] }]],
  ['a dash followed by a nested block', '-\n  a: 1\n- # c\n  - x\n', [{ a: 1 }, ['x']]],
  ['empty items', '- \n-\n- a\n-\n', [null, null, 'a', null]],
  ['compact nested sequences', 'a:\n- - x\n  - w\n- - - z\n- end\n', { a: [['x', 'w'], [['z']], 'end'] }],
  ['an empty item of a compact nested sequence ends it at a less indented line (as go-yaml reads it)', 'a:\n- -\n- end\n- - x\n  -\n- -\n  - w\n', { a: [[null], 'end', ['x', null], [null, 'w']] }],
  ['a compact mapping in a compact nested sequence', '- - a: 1\n    b: 2\n  - c\n', [[{ a: 1, b: 2 }, 'c']]],
  ['comments between items', '- a\n# c\n  # d\n- b\n', ['a', 'b']],
  ['a dash inside a value', 'a: -1\nb: -x\nc: a - b\n', { a: -1, b: '-x', c: 'a - b' }],
  ['plain values that start like something else', "a: <b>\nb: =x\nc: it's\nd: x\"y\n", { a: '<b>', b: '=x', c: "it's", d: 'x"y' }],
  ['YAML 1.1 booleans', 'enabled: on\nb: yes\nc: y\nd: N\ne: Off\nf: FALSE\ng: True\n', { enabled: true, b: true, c: true, d: false, e: false, f: false, g: true }],
  ['YAML 1.1 nulls', 'a: ~\nb: null\nc: Null\nd: NULL\n', { a: null, b: null, c: null, d: null }],
  ['octal, underscores and other bases', 'port: 0755\nx: 1_000\nh: 0x1F\no: 0o17\nb: 0b101\n', { port: 493, x: 1000, h: 31, o: 15, b: 5 }],
  ['numbers', 'a: 80\nb: -0\nc: +12\nd: 1.5\ne: .5\nf: 1e3\ng: 08\nh: 12345678901234567890\n', { a: 80, b: 0, c: 12, d: 1.5, e: 0.5, f: 1000, g: 8, h: 12345678901234567890 }],
  ['special floats', 'a: .inf\nb: -.Inf\nc: .nan\n', { a: Infinity, b: -Infinity, c: NaN }],
  ['strings that are no number', 'a: 1.0.3\nb: 2001-12-14\nc: 0x\nd: 1_\n', { a: '1.0.3', b: '2001-12-14', c: '0x', d: 1 }],
  ['empty flow collections', 'a: []\nb: [ ]\nc: {}\nd: { }\n', { a: [], b: [], c: {}, d: {} }],
  ['one-line flow sequences', 'a: [x, "y", \'z\', 1, on, ~]\nb: [a b, -1,]\n', { a: ['x', 'y', 'z', 1, true, null], b: ['a b', -1] }],
  ['one-line flow mappings', 'a: {app: web, "tier": \'x\', m: 1}\nb: {"c":1, d: , e:}\n', { a: { app: 'web', tier: 'x', m: 1 }, b: { c: 1, d: null, e: null } }],
  ['nested flow collections', 'ports: [{port: 80, name: http}, [1, []]]\n', { ports: [{ port: 80, name: 'http' }, [1, []]] }],
  ['literal block scalars', 'a: |\n  x\n  y\nb: |-\n  x\n\nc: |+\n  x\n\nd: 1\n', { a: 'x\ny\n', b: 'x', c: 'x\n\n', d: 1 }],
  ['a literal block scalar with more-indented and blank lines', 'a: | # c\n\n  x\n    y\n\n  z\n', { a: '\nx\n  y\n\nz\n' }],
  ['a literal block scalar that looks like YAML', 'a: |\n  b: c\n  # not a comment\n  - d\ne: f\n', { a: 'b: c\n# not a comment\n- d\n', e: 'f' }],
  ['literal block scalars in sequences', '- |\n x\n- a: |-\n    y\n  b: 1\n', ['x\n', { a: 'y', b: 1 }]],
  ['an empty literal block scalar', 'a: |\nb: |-\n\nc: 1\n', { a: '', b: '', c: 1 }],
  ['CRLF line endings', 'a: b\r\nc:\r\n  - d\r\ne: |\r\n  x\r\n', { a: 'b', c: ['d'], e: 'x\n' }],
  ['unicode', 'ä: ü\nname: 日本\n', { ä: 'ü', name: '日本' }],
  ['keys named like Object.prototype members are left alone only where inherited', 'toStringX: 1\n', { toStringX: 1 }],
];

/** Texts outside the subset, or in doubt: the fast path must leave them to js-yaml. */
const BAILS: [string, string][] = [
  ['a value holding ": "', 'a: b: c\n'],
  ['a value ending with ":"', 'a: b:\n'],
  ['a dash as a value', 'key: -\n'],
  ['a sequence on the line of its key', 'key: - a\n'],
  ['a plain key that is a boolean (js-yaml would turn it into "true")', 'on: x\n'],
  ['a plain key true', 'true: x\n'],
  ['a plain key that is a number', '1: x\n'],
  ['a plain octal key', '0755: x\n'],
  ['a plain key null', 'null: x\n'],
  ['a plain key ~', '~: x\n'],
  ['an empty key', ': x\n'],
  ['an explicit key', '? a\n: b\n'],
  ['a merge key', 'a: 1\n<<: {b: 2}\n'],
  ['__proto__', '__proto__: x\n'],
  ['a quoted __proto__', "'__proto__': x\n"],
  ['a key inherited from Object.prototype', 'constructor: x\n'],
  ['a duplicate key', 'a: 1\na: 2\n'],
  ['a duplicate quoted key', "a: 1\n'a': 2\n"],
  ['a duplicate key in a flow mapping', 'a: {b: 1, b: 2}\n'],
  ['a more-indented line after a value', 'a: 1\n   b: 2\n'],
  ['a mis-indented line in a nested block', 'a:\n  b: 1\n c: 2\n'],
  ['a mapping entry after a sequence at its indentation', 'a:\n  - b\n  c: d\n'],
  ['a plain scalar continued on the next line', 'a: b\n  c\n'],
  ['a plain scalar continued after a blank line', 'a: b\n\n  c\n'],
  ['a plain scalar on the line after its key', 'a:\n  b\n'],
  ['a plain item continued', '- a\n -b\n'],
  ['a multi-line single-quoted scalar', "a: 'x\n  y'\n"],
  ['a multi-line double-quoted scalar', 'a: "x\n  y"\n'],
  ['an escaped line break', 'a: "x\\\n  y"\n'],
  ['text after a quoted value', "key: 'a' b\n"],
  ['a comment right after a quoted value', 'k: "x"#c\n'],
  ['a quoted scalar that is no key', '"a" b: c\n'],
  ['no space after the colon of a quoted key', '"a":b\n'],
  ['an unknown escape', 'a: "\\q"\n'],
  ['a short hex escape', 'a: "\\x4"\n'],
  ['an anchor', 'a: &x 1\n'],
  ['an alias', 'a: *x\n'],
  ['a tag', 'a: !!str 1\n'],
  ['a directive', '%YAML 1.2\n---\na: 1\n'],
  ['a document end marker', 'a: 1\n...\n'],
  ['a document end marker with text after it', 'a: 1\n... b: c\n'],
  ['a document separator', 'a: 1\n---\nb: 2\n'],
  ['a folded block scalar', 'a: >\n  x\n'],
  ['an indentation indicator', 'a: |2\n  x\n'],
  ['text after a block scalar header', 'a: |x\n'],
  ['a more-indented first line of a block scalar', 'a: |\n     \n  x\n'],
  ['a flow pair in a sequence', 'k: [a:]\n'],
  ['a flow collection on two lines', 'a: [b,\n  c]\n'],
  ['a comment inside a flow collection', 'a: [b, # c\n  d]\n'],
  ['an empty flow entry', 'a: [b,,c]\n'],
  ['a ? inside a flow scalar (a key indicator to go-yaml)', 'a: [http://x?y=1]\n'],
  ['a ? at the end of a flow key', 'a: {b?: c}\n'],
  ['a key longer than go-yaml reads', `${'k'.repeat(1025)}: v\n`],
  ['a flow key longer than go-yaml reads', `a: {${'k'.repeat(1025)}: v}\n`],
  ['a flow collection as a key', 'a: {[b]: c}\n'],
  ['a flow key without a colon', 'a: {b}\n'],
  ['a plain flow key that is a boolean', 'a: {n: 1}\n'],
  ['a comment right after a flow collection', 'k: [a, b]#c\n'],
  ['a key starting with an indicator', '-foo: bar\n'],
  ['a collection key', '[a]: b\n'],
  ['a flow mapping document', '{a: b}\n'],
  ['reserved indicators', 'a: `x`\n'],
  ['a comment before the colon', 'a #c: d\n'],
  ['a tab', 'a:\tb\n'],
  ['a \\/ escape (YAML 1.2 only: go-yaml refuses it, js-yaml reads it and the reader checks)', 'a: "x\\/y"\n'],
  ['an escaped surrogate (go-yaml refuses it)', 'a: "\\uD800"\n'],
  ['a plain << in a flow mapping (a merge key, a key of its own each time)', 'a: {<<: {b: 1}, c: 2}\n'],
  ['a tab inside quotes', "a: 'x\ty'\n"],
  ['a lone CR', 'a: b\rc: d\n'],
  ['a control character', 'a: b\u0007\n'],
  ['a byte-order mark', '\ufeffa: b\n'],
  ['an emoji (surrogates)', 'a: 😀\n'],
  ['a scalar document', 'hello\n'],
  ['a quoted scalar document', '"x"\n'],
  ['an empty document', ''],
  ['a document of comments', '# only a comment\n'],
  ['a mapping after a top-level sequence', '- a\nb: c\n'],
  ['a sequence after a top-level mapping', 'a: b\n- c\n'],
  ['nesting deeper than the fast path goes', `${Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')}\n`],
];

describe('the block-YAML fast path reads what js-yaml reads, or bails', () => {
  const work = mkdtempSync(join(tmpdir(), 'svc-explain-fast-path-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  if (process.env.CI && !existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS}`);
  const examples = fromFiles(manifestFiles(join(ROOT, 'examples')));
  const fixtures = fromFiles([...manifestFiles(join(ROOT, 'test/fixtures')), ...manifestFiles(join(ROOT, 'test/cli/fixtures'))]);
  const corpus = fromFiles(manifestFiles(CORPUS));

  it.each(READS)('reads %s', (_, text, expected) => {
    const value = readBlockYaml(text);
    expect(value).toStrictEqual(expected);
    expect(compare(text, text)).toBe('fast');
  });

  it.each(BAILS)('bails on %s', (_, text) => {
    expect(readBlockYaml(text)).toBe(BAIL);
  });

  it('on the examples and test fixtures', () => {
    const tally = compareAll([...examples, ...fixtures]);
    expect(tally.fast).toBeGreaterThan(300);
  });

  it.skipIf(!existsSync(CORPUS))('on the corpus of real manifests, reading nearly all of its documents', () => {
    const documents = corpus.flatMap((input) => [...splitYamlDocuments(input.text)].map((chunk, i) => ({ id: `${input.id} #${i}`, text: chunk.text })));
    const tally = compareAll(documents);
    expect(tally.fast / (tally.fast + tally.bail), JSON.stringify([...tally.reasons])).toBeGreaterThan(0.9);
  });

  it('on the whole benchmark set, reading every document', () => {
    generateManifests(work, 10000);
    const tally = compareAll(fromFiles(manifestFiles(work)));
    // Each file as a whole bails (it has --- lines); each of its 20 documents is read.
    expect(tally).toMatchObject({ fast: 20000, bail: 1000 });
  });

  it('on the hostile inputs', () => {
    const inputs = hostileInputs().flatMap((input) => {
      try {
        return [{ id: input.name, text: decodeManifestBytes(input.bytes, input.file) }];
      } catch {
        return [];
      }
    });
    compareAll(inputs);
  });

  it(`on ${MUTANTS} seeded mutants of each kind (seed ${SEED})`, () => {
    const random = rng(SEED);
    const sources = [...examples, ...fixtures, ...corpus].filter((input) => input.text.length < 200000);
    const mutants: { id: string; text: string }[] = [];
    for (let i = 0; i < MUTANTS; i += 1) {
      const source = sources[Math.floor(random() * sources.length)];
      mutants.push({ id: `value mutant ${i} of ${source.id}`, text: mutateManifest(source.text, random).text });
      mutants.push({ id: `structure mutant ${i} of ${source.id}`, text: mutateStructure(source.text, random) });
    }
    const tally = compareAll(mutants);
    // The mutants must exercise the reading, not only the bailing.
    expect(tally.fast).toBeGreaterThan(MUTANTS);
    expect(tally.bail).toBeGreaterThan(MUTANTS);
  }, 60000);
});
