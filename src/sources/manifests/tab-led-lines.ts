import { collectionOf, column, insideFlow, isFlow, isQuoted, lineStartOf, type ReadNode } from './js-yaml-nodes.js';

// Tabs go-yaml refuses where js-yaml reads them; the fast path bails on every tab, so these run on js-yaml's reading only.

/** Lines that a tab starts (after spaces) and that hold only blanks or a comment. */
const TAB_LED_LINES = /^ *\t[ \t]*(#|\r?$)/gm;
/** What may stand before a node that starts a line in block context: spaces and `-`, `?`, `:` indicators. */
const LINE_START_PREFIX = /^[ \t]*(?:[-?:][ \t]+)*$/;

/**
 * Whether go-yaml refuses the line a tab starts (after any spaces; the line holds only blanks or a
 * comment), the tab at offset `tab`. Its scanner skips such a tab inside a flow collection or a
 * quoted scalar; inside a block scalar the indentation rule decides (refusedBlockScalarTab); right
 * after a plain scalar that ends its line (blank lines between) it reads the line as that scalar's
 * continuation, where a tab is refused only left of the scalar's indentation (its block
 * collection's column + 1; 0 for a document that is one scalar). Anywhere else a tab cannot start a token.
 */
function refusesTabLedLine(text: string, nodes: readonly ReadNode[], tab: number): boolean {
  const lineStart = lineStartOf(text, tab);
  if (nodes.some((node) => node.start < tab && tab < node.end && (isFlow(text, node) || isQuoted(text, node)))) return false;
  // The scalar whose text ends last before the line; js-yaml's end of a plain scalar takes in the blanks after it.
  let before: ReadNode | undefined;
  let beforeEnd = -1;
  for (const node of nodes) {
    if (node.kind !== 'scalar' || node.start >= lineStart) continue;
    const end = node.start + text.slice(node.start, Math.min(node.end, lineStart)).replace(/[ \t\r\n]+$/, '').length;
    if (end > beforeEnd) {
      before = node;
      beforeEnd = end;
    }
  }
  if (!before || '"\'|>*'.includes(text[before.start]) || before.start === beforeEnd) return true;
  const between = text.slice(beforeEnd, lineStart);
  if (!/^[ \t\r\n]*$/.test(between) || !/[\r\n]/.test(between)) return true;
  const collection = collectionOf(before);
  return column(text, tab) < (collection === undefined ? 0 : column(text, collection.start) + 1);
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
 * that starts a blank or comment line where go-yaml's scanner expects a token (refusesTabLedLine),
 * one before a node that starts a line in block context (after its indentation, a `- `, or a `? `
 * or `: ` of an explicit key), or one where a block scalar's indentation is still being read.
 * `nodes` are js-yaml's (loadWithNodes) for this text.
 */
export function firstRefusedTab(text: string, nodes: readonly ReadNode[]): { offset: number; message: string } | undefined {
  if (!text.includes('\t')) return undefined;
  const refused: { offset: number; message: string }[] = [];
  const tabLines = [...text.matchAll(TAB_LED_LINES)].map((line) => line.index + line[0].indexOf('\t'));
  const line = tabLines.find((tab) => refusesTabLedLine(text, nodes, tab));
  if (line !== undefined) refused.push({ offset: line, message: TAB_LINE });
  for (const node of nodes) {
    const lineStart = lineStartOf(text, node.start);
    const prefix = text.slice(lineStart, node.start);
    if (prefix.includes('\t') && LINE_START_PREFIX.test(prefix) && !insideFlow(text, node)) {
      refused.push({ offset: lineStart + prefix.indexOf('\t'), message: 'found a tab character that cannot start any token (indent with spaces only)' });
    }
    if (node.kind === 'scalar' && '|>'.includes(text[node.start])) {
      const source = text.slice(node.start, node.end);
      const at = refusedBlockScalarTab(source);
      if (at !== undefined) refused.push({ offset: node.start + source.split('\n', at).join('\n').length + 1, message: 'found a tab character where an indentation space is expected' });
    }
  }
  return refused.sort((a, b) => a.offset - b.offset)[0];
}
