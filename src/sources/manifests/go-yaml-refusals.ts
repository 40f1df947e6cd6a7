import { yamlLibrary } from '../../yaml-library.js';
import { parsedYaml } from './yaml-positions.js';

/**
 * What go-yaml v2 refuses and js-yaml reads: escapes in double-quoted scalars that YAML 1.1 lacks,
 * tabs where a block scalar's indentation is still being read (other tabs: tab-led-lines.ts), and an
 * unquoted `?` in a flow collection. The cheap tests below decide whether a document needs the walk.
 */

/** `\/` (new in YAML 1.2) and escapes of code points no string may hold. */
const MAYBE_REFUSED_ESCAPE = /\\(\/|u[dD][89a-fA-F]|U)/;
/** A tab after a line's leading spaces or indicators, as in a block scalar's first line or `-\tx`. */
const MAYBE_TAB_INDENT = /^[ ?:-]*\t/m;

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

/**
 * The line (0-based, in the scalar) where go-yaml finds a tab where an indentation space is
 * expected: after the spaces of a line up to the first with content (whose spaces set the
 * indentation), or after fewer spaces than that later. Block scalars with an explicit indentation
 * indicator are left alone.
 */
function refusedTab(source: string): number | undefined {
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

/** A `?` in a text with a flow collection: go-yaml reads `?` as a key indicator anywhere in one. */
const mayHaveFlowQuestion = (text: string) => text.includes('?') && (text.includes('[') || text.includes('{'));

const inFlow = (path: readonly unknown[]) => {
  const { isCollection } = yamlLibrary();
  return path.some((parent) => isCollection(parent) && parent.flow);
};

/**
 * `?b` in a flow collection (`[?b]`, `{?b: c}`): go-yaml reads the `?` as a key indicator, js-yaml as
 * part of the plain scalar "?b". Only a `?` that starts the scalar, followed by text without another `?`.
 */
const isFlowKeyIndicator = (source: string) => source.length > 1 && source[0] === '?' && !/\s/.test(source[1]) && !source.includes('?', 1);

/** What go-yaml says of a plain scalar in a flow collection with a `?` it cannot read as a key indicator. */
function refusedQuestion(source: string): string | undefined {
  if (!source.includes('?') || isFlowKeyIndicator(source)) return undefined;
  const shown = source.length > 60 ? `${source.slice(0, 57)}...` : source;
  return `"?" in the unquoted value "${shown}" of a flow collection ([ ] or { }) is a key indicator to Kubernetes (YAML 1.1), which refuses it there: quote the value`;
}

/** The 0-based line and message of the first scalar or tab go-yaml would refuse, if any. */
export function firstGoYamlRefusal(text: string): { line: number; message: string } | undefined {
  const escapes = MAYBE_REFUSED_ESCAPE.test(text);
  const tabs = text.includes('\t') && MAYBE_TAB_INDENT.test(text);
  const questions = mayHaveFlowQuestion(text);
  if (!escapes && !tabs && !questions) return undefined;
  const parsed = parsedYaml(text);
  if (!parsed) return undefined;
  const { visit, isScalar } = yamlLibrary();
  let found: { line: number; message: string } | undefined;
  visit(parsed.document, (_key, node, path) => {
    if (!isScalar(node) || !node.range) return undefined;
    const line = parsed.line(node) ?? 0;
    const source = text.slice(node.range[0], node.range[1]);
    if (escapes && node.type === 'QUOTE_DOUBLE') {
      const message = refusedEscape(source);
      if (message) found = { line, message };
    } else if (questions && node.type === 'PLAIN' && inFlow(path)) {
      const message = refusedQuestion(source);
      if (message) found = { line, message };
    } else if (tabs && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
      const at = refusedTab(source);
      if (at !== undefined) found = { line: line + at, message: 'found a tab character where an indentation space is expected' };
    }
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

/** A compact nested sequence (`- - a`): two dashes that open entries on one line. */
const MAYBE_COMPACT_SEQUENCE = /^ *- +-(?:[ \t]|$)/m;
/** A sequence entry with nothing after its dash on the line. */
const MAYBE_EMPTY_ENTRY = /^[ -]*-[ \t]*(?:#.*)?$/m;

/**
 * The text with every empty block sequence entry written `- ~` when the text holds a compact nested
 * sequence: after an empty entry of one (`- -`, or a `-` alone in it) go-yaml closes the nested
 * sequence at a less indented line, js-yaml carries that line's entry into it (`[[null, "end"]]`
 * for go-yaml's `[[null], "end"]`). Only dashes that open an entry are rewritten, never text in a
 * scalar; lines, and columns before each dash, stay where they are.
 */
export function emptyCompactEntriesAsNull(text: string): string {
  if (!MAYBE_COMPACT_SEQUENCE.test(text) || !MAYBE_EMPTY_ENTRY.test(text)) return text;
  const parsed = parsedYaml(text);
  if (!parsed) return text;
  const { visit, isScalar } = yamlLibrary();
  const dashes: number[] = [];
  visit(parsed.document, {
    Seq(_key, node, path) {
      // A `-` alone in a flow collection is a sequence to the `yaml` library, the string "-" to go-yaml (flowDashesQuoted).
      if (node.flow || inFlow(path)) return;
      for (const item of node.items) {
        if (!isScalar(item) || item.value !== null || item.source !== '' || item.anchor || item.tag || !item.range) continue;
        let dash = item.range[0] - 1;
        while (text[dash] === ' ' || text[dash] === '\t') dash -= 1;
        if (text[dash] === '-') dashes.push(dash);
      }
    },
  });
  return insertAt(text, dashes.map((dash) => dash + 1), ' ~');
}

/** The text with `insert` put at each offset, in place of the `skip` characters there. */
function insertAt(text: string, offsets: number[], insert: string, skip = 0): string {
  let out = '';
  let from = 0;
  for (const offset of offsets.sort((a, b) => a - b)) {
    out += text.slice(from, offset) + insert;
    from = offset + skip;
  }
  return out + text.slice(from);
}

/**
 * The text with each `?b` of a flow collection written `? b`, the key go-yaml reads there (`[?b]` is
 * `[{b: null}]` to Kubernetes, `["?b"]` to js-yaml). Lines stay where they are.
 */
export function flowKeyIndicatorsSpaced(text: string): string {
  if (!mayHaveFlowQuestion(text)) return text;
  const parsed = parsedYaml(text);
  if (!parsed) return text;
  const { visit } = yamlLibrary();
  const offsets: number[] = [];
  visit(parsed.document, {
    Scalar(_key, node, path) {
      if (node.type !== 'PLAIN' || !node.range || !inFlow(path)) return;
      if (isFlowKeyIndicator(text.slice(node.range[0], node.range[1]))) offsets.push(node.range[0] + 1);
    },
  });
  return offsets.length === 0 ? text : insertAt(text, offsets, ' ');
}

/**
 * The text with each `-` that stands alone as an entry of a flow collection (`[-]`, `[a, -]`, `{b: -}`)
 * written `"-"`: go-yaml reads it as the string "-", js-yaml refuses it. A `-` followed by a space
 * there is refused by both and left as it is. Lines stay where they are.
 */
export function flowDashesQuoted(text: string): string {
  const parsed = parsedYaml(text);
  if (!parsed) return text;
  const { visit } = yamlLibrary();
  const dashes: number[] = [];
  visit(parsed.document, {
    Seq(_key, node, path) {
      if (node.flow || !node.range || !inFlow(path)) return;
      const dash = node.range[0];
      if (text[dash] === '-' && ',]}'.includes(text[dash + 1] ?? ' ')) dashes.push(dash);
    },
  });
  return dashes.length === 0 ? text : insertAt(text, dashes, '"-"', 1);
}

/**
 * The text with a space before each comment that follows a block scalar's header directly
 * (`|#c`, `>-#c`, `|2#c`): go-yaml reads the comment, js-yaml refuses it. Lines stay where they are.
 */
export function blockHeaderCommentsSpaced(text: string): string {
  const parsed = parsedYaml(text);
  if (!parsed) return text;
  const { visit } = yamlLibrary();
  const hashes: number[] = [];
  visit(parsed.document, {
    Scalar(_key, node) {
      if ((node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') || !node.range) return;
      const header = /^[|>][0-9+-]{0,2}#/.exec(text.slice(node.range[0], node.range[0] + 4));
      if (header) hashes.push(node.range[0] + header[0].length - 1);
    },
  });
  return hashes.length === 0 ? text : insertAt(text, hashes, ' ');
}

