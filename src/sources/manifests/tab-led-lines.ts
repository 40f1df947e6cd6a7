import jsYaml from 'js-yaml';

// Tabs go-yaml refuses where js-yaml reads them; the fast path bails on every tab, so these run on js-yaml's reading only.

/** A node of a document as js-yaml's listener reports it (a scalar may come twice, nested in itself). */
interface ReadNode {
  /** Where js-yaml opened it, and then where its content starts (after blanks, comments, tags and anchors). */
  start: number;
  end: number;
  kind: string;
  /** The node open around it. */
  parent: ReadNode | undefined;
}

/** Blanks, comments, tags and anchors before a node's first character. */
const BEFORE_NODE = /(?:\s|#[^\n]*|[!&][^\s,[\]{}]*)*/y;

function contentStart(text: string, from: number): number {
  BEFORE_NODE.lastIndex = from;
  BEFORE_NODE.exec(text);
  return BEFORE_NODE.lastIndex;
}

function readNodes(text: string, options: jsYaml.LoadOptions): ReadNode[] | undefined {
  const open: ReadNode[] = [];
  const nodes: ReadNode[] = [];
  try {
    jsYaml.load(text, {
      ...options,
      listener(event, state) {
        if (event === 'open') open.push({ start: state.position, end: -1, kind: '', parent: open[open.length - 1] });
        else {
          const node = open.pop()!;
          node.end = state.position;
          node.kind = state.kind ?? '';
          nodes.push(node);
        }
      },
    });
  } catch {
    return undefined;
  }
  for (const node of nodes) node.start = contentStart(text, node.start);
  return nodes;
}

/** The block collection a node is an item or value of, if any. */
function collectionOf(node: ReadNode): ReadNode | undefined {
  let parent = node.parent;
  while (parent && parent.kind !== 'mapping' && parent.kind !== 'sequence') parent = parent.parent;
  return parent;
}

const column = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);

/** Lines that a tab starts (after spaces) and that hold only blanks or a comment. */
const TAB_LED_LINES = /^ *\t[ \t]*(#|\r?$)/gm;
/** What may stand before a node that starts a line in block context: spaces and `-`, `?`, `:` indicators. */
const LINE_START_PREFIX = /^[ \t]*(?:[-?:][ \t]+)*$/;

/** A flow collection, by its first character (a block mapping starts with its first key, which may be quoted). */
const isFlow = (text: string, node: ReadNode) => node.kind !== 'scalar' && '[{'.includes(text[node.start]);
/** A quoted or block scalar, by its first character. */
const isQuoted = (text: string, node: ReadNode) => node.kind === 'scalar' && '"\'|>'.includes(text[node.start]);

function insideFlow(text: string, node: ReadNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (isFlow(text, parent)) return true;
  return false;
}

/**
 * Whether go-yaml refuses the line a tab starts (after any spaces; the line holds only blanks or a
 * comment), the tab at offset `tab`. Its scanner skips such a tab inside a flow collection or a
 * quoted scalar; inside a block scalar the indentation rule decides (firstGoYamlRefusal); right
 * after a plain scalar that ends its line (blank lines between) it reads the line as that scalar's
 * continuation, where a tab is refused only left of the scalar's indentation (its block
 * collection's column + 1; 0 for a document that is one scalar). Anywhere else a tab cannot start a token.
 */
function refusesTabLedLine(text: string, nodes: ReadNode[], tab: number): boolean {
  const lineStart = text.lastIndexOf('\n', tab) + 1;
  if (nodes.some((node) => node.start < tab && tab < node.end && (isFlow(text, node) || isQuoted(text, node)))) return false;
  // The scalar whose text ends last before the line; js-yaml's end of a plain scalar takes in the blanks after it.
  let before: ReadNode | undefined;
  let beforeEnd = -1;
  for (const node of nodes) {
    if (node.kind !== 'scalar' || node.start >= lineStart) continue;
    const end = node.start + text.slice(node.start, Math.min(node.end, lineStart)).trimEnd().length;
    if (end > beforeEnd) {
      before = node;
      beforeEnd = end;
    }
  }
  if (!before || '"\'|>*'.includes(text[before.start]) || before.start === beforeEnd) return true;
  const between = text.slice(beforeEnd, lineStart);
  if (!/^[ \t\r\n]*$/.test(between) || !between.includes('\n')) return true;
  const collection = collectionOf(before);
  return column(text, tab) < (collection === undefined ? 0 : column(text, collection.start) + 1);
}

/**
 * The first tab in a document that go-yaml refuses and js-yaml reads, with go-yaml's reason: one
 * that starts a blank or comment line where go-yaml's scanner expects a token (refusesTabLedLine),
 * or one before a node that starts a line in block context (after its indentation, a `- `, or a
 * `? ` or `: ` of an explicit key). Nodes come from js-yaml's reading of the text, which is only done
 * again here when the text has a tab in one of those places.
 */
export function firstRefusedTab(text: string, options: jsYaml.LoadOptions): { offset: number; message: string } | undefined {
  const tabLines = [...text.matchAll(TAB_LED_LINES)].map((line) => line.index + line[0].indexOf('\t'));
  if (tabLines.length === 0 && !/^[ ?:-]*\t/m.test(text)) return undefined;
  const nodes = readNodes(text, options);
  if (!nodes) return tabLines.length > 0 ? { offset: tabLines[0], message: TAB_LINE } : undefined;
  const refused: { offset: number; message: string }[] = [];
  const line = tabLines.find((tab) => refusesTabLedLine(text, nodes, tab));
  if (line !== undefined) refused.push({ offset: line, message: TAB_LINE });
  for (const node of nodes) {
    const lineStart = text.lastIndexOf('\n', node.start - 1) + 1;
    const prefix = text.slice(lineStart, node.start);
    if (prefix.includes('\t') && LINE_START_PREFIX.test(prefix) && !insideFlow(text, node)) {
      refused.push({ offset: lineStart + prefix.indexOf('\t'), message: 'found a tab character that cannot start any token (indent with spaces only)' });
    }
  }
  return refused.sort((a, b) => a.offset - b.offset)[0];
}

const TAB_LINE = 'a tab starts this line: Kubernetes allows only spaces there';
