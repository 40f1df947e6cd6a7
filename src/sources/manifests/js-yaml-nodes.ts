import jsYaml from 'js-yaml';

/**
 * js-yaml's reading of a document with the place of every node (its listener): what the go-yaml
 * checks that need positions walk (tabs, `?` in flow collections). js-yaml reads these documents
 * right, where the `yaml` library misreads some (a tab-led line in a quoted scalar).
 */

/** A node as js-yaml's listener reports it (a scalar may come twice, nested in itself). */
export interface ReadNode {
  /** Where its content starts (after blanks, comments, tags and anchors). */
  start: number;
  /** Where js-yaml stopped reading it (a plain scalar takes in the blanks after it). */
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

/** jsYaml.load(text, options), with every node when `withNodes` (else no listener runs). Throws what js-yaml throws. */
export function loadWithNodes(text: string, options: jsYaml.LoadOptions, withNodes: boolean): { value: unknown; nodes?: ReadNode[] } {
  if (!withNodes) return { value: jsYaml.load(text, options) };
  const open: ReadNode[] = [];
  const nodes: ReadNode[] = [];
  const value = jsYaml.load(text, {
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
  // An empty node (`- !!null`) ends where it opened, after its tag: its content starts there too, not at the next line.
  for (const node of nodes) node.start = Math.min(contentStart(text, node.start), Math.max(node.start, node.end));
  return { value, nodes };
}

/** The block collection a node is an item or value of, if any. */
export function collectionOf(node: ReadNode): ReadNode | undefined {
  let parent = node.parent;
  while (parent && parent.kind !== 'mapping' && parent.kind !== 'sequence') parent = parent.parent;
  return parent;
}

/** A flow collection, by its first character (a block mapping starts with its first key, which may be quoted). */
export const isFlow = (text: string, node: ReadNode) => node.kind !== 'scalar' && '[{'.includes(text[node.start]);
/** A quoted or block scalar, by its first character. */
export const isQuoted = (text: string, node: ReadNode) => node.kind === 'scalar' && '"\'|>'.includes(text[node.start]);

export function insideFlow(text: string, node: ReadNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (isFlow(text, parent)) return true;
  return false;
}

/** The text of a scalar node as written, without the blanks js-yaml read after it. */
export const scalarSource = (text: string, node: ReadNode) => text.slice(node.start, node.end).replace(/[ \t\r\n]+$/, '');

/** Where the line holding `offset` starts: after a LF, or a CR alone, which is a line break to both parsers. */
export function lineStartOf(text: string, offset: number): number {
  let start = offset;
  // A backward scan to the line break: lastIndexOf('\r') would search the whole text when it has none.
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start -= 1;
  return start;
}
export const column = (text: string, offset: number) => offset - lineStartOf(text, offset);
