import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import jsYaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { generateManifests } from '../../../bench/generate-manifests.mjs';
import { BAIL, lastBailReason, readBlockYaml } from '../../../src/sources/manifests/block-yaml-fast-path.js';
import { decodeManifestBytes } from '../../../src/sources/manifests/decode-manifest-bytes.js';
import { KUBERNETES_YAML_SCHEMA } from '../../../src/sources/manifests/kubernetes-yaml-schema.js';
import { asYaml12, MAX_NESTING } from '../../../src/sources/manifests/parse-manifests.js';
import { splitYamlDocuments } from '../../../src/sources/manifests/split-yaml-documents.js';
import { rng } from '../../cluster/helpers/scenario-generator.js';
import { hostileInputs } from '../../oracle/hostile-inputs.js';
import { mutateManifest } from '../../oracle/yaml-mutants.js';

/**
 * The fast path against js-yaml itself: on every document of the examples, fixtures, corpus, the
 * benchmark set, hostile inputs and seeded mutants, it either bails or returns what
 * jsYaml.load(text, { schema: KUBERNETES_YAML_SCHEMA }) returns, with the same prototypes and key
 * order; where js-yaml throws, it bails. SVC_EXPLAIN_FAST_PATH_SEED and _MUTANTS change the mutants.
 */

const ROOT = join(import.meta.dirname, '../../..');
const CORPUS = process.env.SVC_EXPLAIN_CORPUS ?? join(ROOT, '../shared/corpus');
const SEED = Number(process.env.SVC_EXPLAIN_FAST_PATH_SEED ?? 1);
const MUTANTS = Number(process.env.SVC_EXPLAIN_FAST_PATH_MUTANTS ?? 4000);
const LOAD_OPTIONS = { schema: KUBERNETES_YAML_SCHEMA, maxDepth: MAX_NESTING };

type Reading = { value: unknown } | { error: string };

function readWithJsYaml(text: string): Reading {
  try {
    return { value: jsYaml.load(text, LOAD_OPTIONS) };
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

describe('the block-YAML fast path reads what js-yaml reads, or bails', () => {
  const work = mkdtempSync(join(tmpdir(), 'svc-explain-fast-path-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  if (process.env.CI && !existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS}`);
  const examples = fromFiles(manifestFiles(join(ROOT, 'examples')));
  const fixtures = fromFiles([...manifestFiles(join(ROOT, 'test/fixtures')), ...manifestFiles(join(ROOT, 'test/cli/fixtures'))]);
  const corpus = fromFiles(manifestFiles(CORPUS));

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
