import { yamlLibrary } from '../../yaml-library.js';
import type * as YamlLibrary from 'yaml';

/**
 * Positions inside one YAML document, for error messages and `kind: List` items only: the fast
 * reader keeps no positions, so these re-read the document with the `yaml` library, which is
 * loaded on first use and never on the common path.
 */

type Path = (string | number)[];

/** Runs a position lookup; a document the `yaml` library cannot walk just has no position. */
function safely<T>(lookup: () => T): T | undefined {
  try {
    return lookup();
  } catch {
    return undefined;
  }
}

let last: { text: string; parsed: ReturnType<typeof parseUncached> } | undefined;
function parse(text: string) {
  if (last?.text !== text) last = { text, parsed: parseUncached(text) };
  return last.parsed;
}

/**
 * The `yaml` library's reading of a document (cached for the last text), errors and all: it objects
 * to some things js-yaml reads (`\'`, `\U00110000`), and its nodes are
 * still right. Undefined when it cannot read the document at all.
 */
export function parsedYaml(text: string): ReturnType<typeof parseUncached> | undefined {
  return safely(() => parse(text));
}

function parseUncached(text: string) {
  const { parseDocument, LineCounter } = yamlLibrary();
  const counter = new LineCounter();
  // Tabs in a line's leading blanks become spaces, one for one, so every offset stays: the `yaml` library
  // misreads some lines that go-yaml reads (a tab-led line in a quoted scalar or a flow collection),
  // and go-yaml's own tab rules are checked on js-yaml's nodes (tab-led-lines.ts).
  const read = text.includes('\t') ? text.replace(/^[ \t]+/gm, (blanks) => ' '.repeat(blanks.length)) : text;
  const document = parseDocument(read, { lineCounter: counter, uniqueKeys: false, merge: false, version: '1.1', prettyErrors: false });
  const line = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? counter.linePos(range[0]).line - 1 : undefined;
  };
  return { document, line };
}

/** Each pair of a mapping in document order, with the key's text. */
function forEachPair(node: unknown, visit: (key: YamlLibrary.Node | null, keyText: string, path: Path) => boolean | void, path: Path = []): boolean {
  const { isMap, isSeq, isScalar } = yamlLibrary();
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as YamlLibrary.Node | null;
      const keyText = isScalar(key) ? String(key.value) : '\u0000collection';
      if (visit(key, keyText, path) === true) return true;
      if (forEachPair(pair.value, visit, [...path, keyText])) return true;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i += 1) if (forEachPair(node.items[i], visit, [...path, i])) return true;
  }
  return false;
}

/** 0-based lines of a key that appears twice in one mapping: the first and the repeated one. */
export function duplicateKeyLines(text: string): { key: string; first: number; second: number } | undefined {
  return safely(() => {
    const { document, line } = parse(text);
    const { isMap, isScalar } = yamlLibrary();
    let found: { key: string; first: number; second: number } | undefined;
    const search = (node: unknown): void => {
      if (found || !node || typeof node !== 'object') return;
      if (isMap(node)) {
        const firstLines = new Map<string, number>();
        for (const pair of node.items) {
          const key = pair.key as YamlLibrary.Node | null;
          const keyText = isScalar(key) ? String(key.value) : '\u0000collection';
          const at = line(key) ?? 0;
          const first = firstLines.get(keyText);
          if (first !== undefined && keyText !== '<<') {
            found = { key: keyText, first, second: at };
            return;
          }
          firstLines.set(keyText, at);
          search(pair.value);
        }
      } else if ('items' in node && Array.isArray((node as { items: unknown[] }).items)) (node as { items: unknown[] }).items.forEach(search);
    };
    search(document.contents);
    return found;
  });
}

/** The first mapping key JSON cannot hold (a mapping, a list or null) and its 0-based line. */
export function unsupportedKey(text: string): { line: number; what: string } | undefined {
  return safely(() => {
    const { document, line } = parse(text);
    const { isCollection, isScalar } = yamlLibrary();
    let found: { line: number; what: string } | undefined;
    forEachPair(document.contents, (key) => {
      const what = isCollection(key) ? 'itself a mapping or list' : key === null || (isScalar(key) && key.value === null) ? 'null' : undefined;
      if (what) {
        found = { line: line(key) ?? 0, what };
        return true;
      }
    });
    return found;
  });
}

/** 0-based line of the node at a path, or of the nearest parent found. */
export function lineOfPath(text: string, path: Path): number | undefined {
  return safely(() => {
    const { document, line } = parse(text);
    for (let length = path.length; length >= 0; length -= 1) {
      const at = line(length === 0 ? document.contents : document.getIn(path.slice(0, length), true));
      if (at !== undefined) return at;
    }
    return undefined;
  });
}

/** The source text of the scalar at a path (`on` rather than true), when it is a plain scalar. */
export function spellingAt(text: string, path: Path): string | undefined {
  return safely(() => {
    const { document } = parse(text);
    const { isScalar } = yamlLibrary();
    const node = document.getIn(path, true);
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  });
}

