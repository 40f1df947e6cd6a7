import { yamlLibrary } from '../../yaml-library.js';
import { parsedYaml } from './yaml-positions.js';

/**
 * Where go-yaml v2 and js-yaml part, found through the `yaml` library's nodes: escapes in
 * double-quoted scalars that YAML 1.1 lacks (refused), go-yaml's `\'` escape and empty block entries
 * (rewritten for js-yaml). Tabs and `?` in flow collections go by js-yaml's own nodes
 * (tab-led-lines.ts, flow-questions.ts): the `yaml` library misreads some tab-led lines. The cheap
 * tests below decide whether a document needs the walk.
 */

/** `\/` (new in YAML 1.2) and escapes of code points no string may hold. */
const MAYBE_REFUSED_ESCAPE = /\\(\/|u[dD][89a-fA-F]|U)/;

/** What go-yaml says of the first escape it refuses in one double-quoted scalar's source, if any. */
function refusedEscape(source: string): string | undefined {
  for (let i = 1; i < source.length - 1; i += 1) {
    if (source[i] !== '\\') continue;
    const escape = source[i + 1];
    if (escape === '/') return 'found unknown escape character \\/ (YAML 1.2 has it, Kubernetes reads YAML 1.1)';
    const digits = escape === 'u' ? 4 : escape === 'U' ? 8 : escape === 'x' ? 2 : 0;
    const code = digits ? parseInt(source.slice(i + 2, i + 2 + digits), 16) : 0;
    if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return `found invalid Unicode character escape code \\${escape}${source.slice(i + 2, i + 2 + digits)}`;
    i += 1 + digits;
  }
  return undefined;
}

const inFlow = (path: readonly unknown[]) => {
  const { isCollection } = yamlLibrary();
  return path.some((parent) => isCollection(parent) && parent.flow);
};

/** The 0-based line and message of the first escape go-yaml would refuse in a double-quoted scalar, if any. */
export function firstGoYamlRefusal(text: string): { line: number; message: string } | undefined {
  if (!MAYBE_REFUSED_ESCAPE.test(text)) return undefined;
  const parsed = parsedYaml(text);
  if (!parsed) return undefined;
  const { visit, isScalar } = yamlLibrary();
  let found: { line: number; message: string } | undefined;
  visit(parsed.document, (_key, node) => {
    if (!isScalar(node) || !node.range || node.type !== 'QUOTE_DOUBLE') return undefined;
    const message = refusedEscape(text.slice(node.range[0], node.range[1]));
    if (message) found = { line: parsed.line(node) ?? 0, message };
    return found ? visit.BREAK : undefined;
  });
  return found;
}

/**
 * The text with every `\\'` escape of its double-quoted scalars written `\\x27`, which js-yaml
 * reads (go-yaml v2 takes `\\'`, YAML 1.2 does not): one walk, however many there are.
 */
export function quoteEscapesAsHex(text: string): string {
  const parsed = parsedYaml(text);
  if (!parsed) return text;
  const { visit, isScalar } = yamlLibrary();
  const ranges: [number, number][] = [];
  visit(parsed.document, (_key, node) => {
    if (isScalar(node) && node.type === 'QUOTE_DOUBLE' && node.range) ranges.push([node.range[0], node.range[1]]);
  });
  let out = '';
  let from = 0;
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    if (start < from) continue;
    for (let i = start; i < end - 1; i += 1) {
      if (text[i] !== '\\') continue;
      if (text[i + 1] === "'") {
        out += `${text.slice(from, i)}\\x27`;
        from = i + 2;
      }
      i += 1;
    }
  }
  return out + text.slice(from);
}

/** A sequence entry with nothing after its dash on the line. */
const MAYBE_EMPTY_ENTRY = /^[ -]*-[ \t]*(?:#.*)?$/m;

/**
 * The text with every empty block sequence entry written `- !!null` (an empty node still, for the
 * tab checks, where `~` would be a plain scalar): after an empty entry go-yaml closes
 * the sequence at a less indented line, js-yaml carries that line's entry into it (`[[null, "end"]]`
 * for go-yaml's `[[null], "end"]` after `- -`; `[null, "z"]` for a document that go-yaml ends after
 * `    -`, or a mapping it refuses). Only dashes that open an entry are rewritten, never text in a
 * scalar; lines, and columns before each dash, stay where they are.
 */
export function emptyEntriesAsNull(text: string): string {
  if (!MAYBE_EMPTY_ENTRY.test(text)) return text;
  const { isScalar } = yamlLibrary();
  return rewrittenAtNodes(text, ' !!null', 0, (afterDashes) => ({
    Seq(_key, node, path) {
      // A `-` alone in a flow collection is a sequence to the `yaml` library, the string "-" to go-yaml (flowDashesQuoted).
      if (node.flow || inFlow(path)) return;
      for (const item of node.items) {
        if (!isScalar(item) || item.value !== null || item.source !== '' || item.anchor || item.tag || !item.range) continue;
        let dash = item.range[0] - 1;
        while (text[dash] === ' ' || text[dash] === '\t') dash -= 1;
        if (text[dash] === '-') afterDashes.push(dash + 1);
      }
    },
  }));
}

/** The text with `insert` put at each offset, in place of the `skip` characters there. */
export function insertAt(text: string, offsets: number[], insert: string, skip = 0): string {
  let out = '';
  let from = 0;
  for (const offset of offsets.sort((a, b) => a - b)) {
    out += text.slice(from, offset) + insert;
    from = offset + skip;
  }
  return out + text.slice(from);
}

type YamlVisitor = Parameters<ReturnType<typeof yamlLibrary>['visit']>[1];

/** The text with `insert` at every offset the visitor (given the list to fill) finds among the `yaml` library's nodes, in place of `skip` characters. */
function rewrittenAtNodes(text: string, insert: string, skip: number, visitor: (offsets: number[]) => YamlVisitor): string {
  const parsed = parsedYaml(text);
  if (!parsed) return text;
  const offsets: number[] = [];
  yamlLibrary().visit(parsed.document, visitor(offsets));
  return offsets.length === 0 ? text : insertAt(text, offsets, insert, skip);
}

/**
 * Every place the `yaml` library sees as a `-` standing alone in a flow collection (`[-]`, `{a: -}`),
 * written `"-"`, the string go-yaml reads there, at once: js-yaml refuses each. Lines stay where they are.
 */
export function flowDashesQuoted(text: string): string {
  return rewrittenAtNodes(text, '"-"', 1, (dashes) => ({
    Seq(_key, node, path) {
      if (node.flow || !node.range || !inFlow(path)) return;
      const dash = node.range[0];
      if (text[dash] === '-' && ',]}'.includes(text[dash + 1] ?? ' ')) dashes.push(dash);
    },
  }));
}

/** Every comment that follows a block scalar's header directly (`|#c`, `>-#c`), given a space before it at once: go-yaml reads it, js-yaml refuses it. */
export function blockHeaderCommentsSpaced(text: string): string {
  return rewrittenAtNodes(text, ' ', 0, (hashes) => ({
    Scalar(_key, node) {
      if ((node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') || !node.range) return;
      const header = /^[|>][0-9+-]{0,2}#/.exec(text.slice(node.range[0], node.range[0] + 4));
      if (header) hashes.push(node.range[0] + header[0].length - 1);
    },
  }));
}
