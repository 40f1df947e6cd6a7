import { collectionOf, column, insideFlow, isFlow, isQuoted, lineStartOf, scalarSource, type ReadNode } from './js-yaml-nodes.js';

// Tabs go-yaml refuses where js-yaml reads them; the fast path bails on every tab, so these run on js-yaml's reading only.

/** Lines that a tab starts (after spaces) and that hold only blanks or a comment. */
const TAB_LED_LINES = /^ *\t[ \t]*(#|\r?$)/gm;
/** What may stand before a node that starts a line in block context (spaces and `-`, `?`, `:` indicators), when it holds a tab. */
const TABBED_LINE_PREFIX = /^(?=[ \t?:-]*\t)[ \t]*(?:[-?:][ \t]+)*/gm;

/** The intervals of some nodes, swept with increasing offsets: the node of those open at an offset that ends last, if it ends after it. */
function sweep(nodes: ReadNode[]): (offset: number) => ReadNode | undefined {
  const sorted = nodes.sort((a, b) => a.start - b.start);
  let next = 0;
  let longest: ReadNode | undefined;
  return (offset) => {
    for (; next < sorted.length && sorted[next].start < offset; next += 1) if (!longest || sorted[next].end > longest.end) longest = sorted[next];
    return longest && longest.end > offset ? longest : undefined;
  };
}

/**
 * Whether go-yaml refuses each line a tab starts (after any spaces; the line holds only blanks or a
 * comment), asked with increasing offsets of those tabs. Its scanner skips such a tab inside a flow
 * collection or a quoted scalar; inside a block scalar the indentation rule decides
 * (refusedBlockScalarTab); right after a plain scalar that ends its line (blank lines between) it
 * reads the line as that scalar's continuation, where a tab is refused only left of the scalar's
 * indentation (its block collection's column + 1; 0 for a document that is one scalar). Anywhere else
 * a tab cannot start a token. Linear in the text and the nodes, however many such lines there are.
 */
function tabLineJudge(text: string, nodes: readonly ReadNode[]): (tab: number) => boolean {
  const skipping = sweep(nodes.filter((node) => isFlow(text, node) || isQuoted(text, node)));
  // Scalars by where their text ends (js-yaml's end of a plain scalar takes in the blanks after it); the first of equals, as nodes close inner first.
  const scalarEndingAt = new Map<number, ReadNode>();
  for (const node of nodes) {
    if (node.kind !== 'scalar') continue;
    const end = node.start + scalarSource(text, node).length;
    if (!scalarEndingAt.has(end)) scalarEndingAt.set(end, node);
  }
  const spanning = sweep(nodes.filter((node) => node.kind === 'scalar' && !isQuoted(text, node)));
  let scanned = 0;
  let lastContent = -1;
  return (tab) => {
    if (skipping(tab)) return false;
    const lineStart = lineStartOf(text, tab);
    // The last character before the line that is not a blank or line break: the scalar before must end there.
    for (; scanned < lineStart; scanned += 1) if (!' \t\r\n'.includes(text[scanned])) lastContent = scanned;
    const before = spanning(tab) ?? scalarEndingAt.get(lastContent + 1);
    if (!before || '"\'|>*'.includes(text[before.start]) || before.start > lastContent) return true;
    const collection = collectionOf(before);
    return column(text, tab) < (collection === undefined ? 0 : column(text, collection.start) + 1);
  };
}

/**
 * The line (0-based, in the scalar) where go-yaml finds a tab where an indentation space is
 * expected in a block scalar's source: after the spaces of a line up to the first with content
 * (whose spaces set the indentation), or after fewer spaces than that later. Block scalars with an
 * explicit indentation indicator are left alone.
 */
function refusedBlockScalarTab(source: string): number | undefined {
  const lines = source.split('\n');
  if (/[1-9]/.test(lines[0].replace(/#.*/, ''))) return undefined;
  let indent = 0;
  for (let i = 1; i < lines.length; i += 1) {
    const spaces = /^ */.exec(lines[i])![0].length;
    if (lines[i][spaces] === '\t' && (indent === 0 || spaces < indent)) return i;
    if (indent === 0 && lines[i].trim() !== '') indent = spaces;
  }
  return undefined;
}

const TAB_LINE = 'a tab starts this line: Kubernetes allows only spaces there';

/**
 * The first tab in a document that go-yaml refuses and js-yaml reads, with go-yaml's reason: one
 * that starts a blank or comment line where go-yaml's scanner expects a token (tabLineJudge),
 * one before a node that starts a line in block context (after its indentation, a `- `, or a `? `
 * or `: ` of an explicit key), or one where a block scalar's indentation is still being read.
 * `nodes` are js-yaml's (loadWithNodes) for this text.
 */
export function firstRefusedTab(text: string, nodes: readonly ReadNode[]): { offset: number; message: string } | undefined {
  if (!text.includes('\t')) return undefined;
  let first: { offset: number; message: string } | undefined;
  const refuse = (offset: number, message: string) => {
    if (!first || offset < first.offset) first = { offset, message };
  };
  const tabLines = [...text.matchAll(TAB_LED_LINES)].map((line) => line.index + line[0].indexOf('\t'));
  const line = tabLines.find(tabLineJudge(text, nodes));
  if (line !== undefined) refuse(line, TAB_LINE);
  // Where a node may start after a line's leading blanks and indicators that hold a tab, with that line's first tab.
  const afterTabbedPrefix = new Map<number, number>();
  for (const line of text.matchAll(TABBED_LINE_PREFIX)) {
    const firstTab = line.index + line[0].indexOf('\t');
    for (let at = firstTab + 1; at <= line.index + line[0].length; at += 1) if (' \t'.includes(text[at - 1])) afterTabbedPrefix.set(at, firstTab);
  }
  for (const node of nodes) {
    const firstTab = afterTabbedPrefix.get(node.start);
    if (firstTab !== undefined && !insideFlow(text, node)) {
      refuse(firstTab, 'found a tab character that cannot start any token (indent with spaces only)');
    }
    if (node.kind === 'scalar' && '|>'.includes(text[node.start])) {
      const source = text.slice(node.start, node.end);
      const at = refusedBlockScalarTab(source);
      if (at !== undefined) refuse(node.start + source.split('\n', at).join('\n').length + 1, 'found a tab character where an indentation space is expected');
    }
  }
  return first;
}
