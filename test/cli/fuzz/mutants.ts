import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

/**
 * Structure-aware mutants of real manifests: each seed file is parsed, one or a few mutations are
 * applied to its objects (type swaps, prototype names, controls and escapes, huge and negative
 * numbers, removed fields), and it is written back as YAML or JSON; some mutations work on the
 * text (anchors, aliases and tags). Deterministic for a seed, so a failure can be replayed.
 */

export const ROOT = join(import.meta.dirname, '../../..');
/** Real public manifests (CI: ../shared/corpus beside the checkout; here SVC_EXPLAIN_CORPUS may point elsewhere). */
export const CORPUS = process.env.SVC_EXPLAIN_CORPUS ?? join(ROOT, '../shared/corpus');

export interface Seed {
  name: string;
  json: boolean;
  documents: unknown[];
}

function manifestFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((file) => join(directory, file))
    .filter((file) => /\.(ya?ml|json)$/.test(file) && statSync(file).isFile())
    .sort();
}

/** The seeds: examples/, test/fixtures/, the CLI fixtures and the corpus, each file that parses. */
export function loadSeeds(): Seed[] {
  const files = [...manifestFiles(join(ROOT, 'examples')), ...manifestFiles(join(ROOT, 'test/fixtures')), ...manifestFiles(join(ROOT, 'test/cli/fixtures')), ...manifestFiles(CORPUS)];
  return files.flatMap((file) => {
    try {
      const documents = parseAllDocuments(readFileSync(file, 'utf8'));
      if (!Array.isArray(documents) || documents.some((document) => document.errors.length > 0)) return [];
      const values = documents.map((document) => document.toJS({ maxAliasCount: 100 }) as unknown).filter((value) => value !== null && typeof value === 'object');
      return values.length > 0 ? [{ name: relative(ROOT, file), json: file.endsWith('.json'), documents: values }] : [];
    } catch {
      return [];
    }
  });
}

/** A small seeded generator (mulberry32): the same seed gives the same mutants on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];
const CONTROLS = ['\u0000', '\u0007', '\b', '\t', '\n', '\r', '\u001b[2J', '\u001b]0;title\u0007', '\u007f', '\u0085', '\u009b', '\u200b', '\u202e', '\u2066', '\u2028', '\ufeff', '\n::error file=a.js,line=1::x', '\\', '"', "'", '${HOME}', '%s%n'];
const NUMBERS = [0, -1, -80, 1.5, 65535, 65536, 2 ** 31, 2 ** 53, -(2 ** 53), 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2];
const OTHER_VALUES: unknown[] = [null, true, false, '', 'x', '80', 'Always', [], ['a'], [{}], [[1]], {}, { a: 1 }, { name: 7 }, { '': '' }];

/** The classes of mutation; `text` ones rewrite the YAML text, the others the parsed objects. */
export const CLASSES = ['type-swap', 'prototype-name', 'control-characters', 'numbers', 'remove', 'long-value', 'anchors-and-tags', 'hostile-yaml'] as const;
export type MutationClass = (typeof CLASSES)[number];

/** Classes that need hostile-YAML handling from the reader (alias bombs, undefined aliases, collection keys, deep nesting). */
export const READER_CLASSES: readonly MutationClass[] = ['hostile-yaml'];

type Container = Record<string, unknown> | unknown[];

/** A random place in the tree: its parent and key (descending through objects with probability). */
function pick(root: Container, next: () => number): { parent: Container; key: string | number } | null {
  let parent: Container = root;
  for (let depth = 0; depth < 40; depth += 1) {
    const keys: (string | number)[] = Array.isArray(parent) ? parent.map((_, i) => i) : Object.keys(parent);
    if (keys.length === 0) return null;
    const key = keys[Math.floor(next() * keys.length)];
    const child = (parent as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object' && next() < 0.7) parent = child as Container;
    else return { parent, key };
  }
  return null;
}

const choose = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)];

function setKey(parent: Container, key: string | number, value: unknown): void {
  Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutateObject(root: Container, kind: MutationClass, next: () => number): void {
  const place = pick(root, next);
  if (!place) return;
  const { parent, key } = place;
  const current = (parent as Record<string, unknown>)[key];
  switch (kind) {
    case 'type-swap':
      setKey(parent, key, structuredClone(choose([...OTHER_VALUES, ...NUMBERS.slice(0, 4)], next)));
      return;
    case 'numbers':
      setKey(parent, key, choose(NUMBERS, next));
      return;
    case 'remove':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return;
    case 'long-value':
      setKey(parent, key, `${typeof current === 'string' ? current : 'v'}${'a'.repeat(Math.floor(next() * 5000))}`);
      return;
    case 'control-characters':
      if (!Array.isArray(parent) && next() < 0.3) {
        const value = current;
        delete parent[key as string];
        setKey(parent, `${String(key)}${choose(CONTROLS, next)}`, value);
      } else setKey(parent, key, `${typeof current === 'string' ? current : 'x'}${choose(CONTROLS, next)}${choose(CONTROLS, next)}`);
      return;
    case 'prototype-name': {
      const name = choose(PROTOTYPE_NAMES, next);
      if (Array.isArray(parent) || next() < 0.5) setKey(parent, key, name);
      else {
        delete parent[key as string];
        setKey(parent, name, current);
      }
      return;
    }
    default:
      return;
  }
}

/** Text mutations: anchors and aliases that are defined, tags; and the hostile ones the reader must refuse. */
function mutateText(text: string, kind: MutationClass, next: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(next() * lines.length);
  const line = lines[at];
  const value = /^(\s*(?:- )?[\w./-]+:) (\S.*)$/.exec(line);
  if (kind === 'anchors-and-tags') {
    const tag = choose(['!!str', '!!int', '!!float', '!!bool', '!!null', '!!binary', '!!timestamp', '!custom', '!<tag:example.com,2026:x>'], next);
    if (value && next() < 0.5) lines[at] = `${value[1]} ${tag} ${value[2]}`;
    else if (value) lines.splice(at, 1, `${value[1]} &anchor${at} ${value[2]}`, ...(next() < 0.5 ? [`${value[1].replace(/[\w./-]+:$/, 'copy:')} *anchor${at}`] : []));
    else lines.splice(at, 0, '# a comment &not-an-anchor *nor-an-alias');
    return lines.join('\n');
  }
  // hostile-yaml: needs the reader to answer with file:line and exit 2 (h-reader's part of issue 13).
  const choice = Math.floor(next() * 4);
  if (choice === 0 && value) lines[at] = `${value[1]} *undefined${at}`;
  else if (choice === 1) lines.unshift('a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]');
  else if (choice === 2) lines.push('? [a, b]', ': c');
  else lines.push(`deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}`);
  return lines.join('\n');
}

/** One mutant of a seed: its text, and what was done (for the failure report). */
export function makeMutant(seed: Seed, classes: readonly MutationClass[], next: () => number): { text: string; json: boolean; classes: MutationClass[] } {
  const documents = structuredClone(seed.documents) as Container[];
  const applied: MutationClass[] = [];
  const count = 1 + Math.floor(next() * 3);
  for (let i = 0; i < count; i += 1) {
    const kind = choose(classes, next);
    applied.push(kind);
    if (kind !== 'anchors-and-tags' && kind !== 'hostile-yaml') mutateObject(choose(documents, next), kind, next);
  }
  const textual = applied.filter((kind) => kind === 'anchors-and-tags' || kind === 'hostile-yaml');
  const json = seed.json && textual.length === 0 && next() < 0.8;
  let text = json ? JSON.stringify(documents.length === 1 ? documents[0] : { apiVersion: 'v1', kind: 'List', items: documents }, null, 2) : documents.map((document) => stringify(document, { lineWidth: 0 })).join('---\n');
  for (const kind of textual) text = mutateText(text, kind, next);
  return { text, json, classes: applied };
}
