import { MAX_KEY_SPAN } from './long-keys.js';
import { resolveYaml11Number, YAML11_BOOLEANS, YAML11_NULLS } from './yaml11-scalars.js';

/**
 * A reader for the block-style YAML that real manifests are written in (mappings, sequences, one-line
 * scalars, literal block scalars), several times faster than js-yaml. It returns exactly what
 * js-yaml gives with KUBERNETES_YAML_SCHEMA, or BAIL for anything outside that subset or in doubt:
 * the caller then reads the text with js-yaml, so errors and odd inputs keep js-yaml's behaviour.
 */

/** The fast path's answer for text it does not read; js-yaml must read it. */
export const BAIL: unique symbol = Symbol('bail: read with js-yaml');

/** Collections nested deeper than this are left to js-yaml, which counts depth its own way (MAX_NESTING). */
const MAX_DEPTH = 500;

/**
 * Characters on which the fast path bails wherever they are: tab and CR (CRLF is turned into LF
 * first), the ones js-yaml refuses as non-printable, surrogates, BOM, NEL, LS and PS.
 */
const OUTSIDE_SUBSET = /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;

const NEWLINE = 10;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const QUOTE = 39;
const PLUS = 43;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const QUESTION = 63;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const PIPE = 124;

const flags = (characters: string) => {
  const table = new Uint8Array(128);
  for (const character of characters) table[character.charCodeAt(0)] = 1;
  return table;
};
/** First characters of a plain key that make it something else (or something left to js-yaml, like `<<` and `-x`). */
const NOT_A_PLAIN_KEY = flags('[]{},#&*!|>\'"%@`?-:<');
/** First characters of a value the fast path leaves to js-yaml: anchors, aliases, tags, folded scalars, indicators. */
const NOT_A_PLAIN_VALUE = flags(']},#&*!>%@`?:');
/** First characters of a plain scalar in a flow collection the fast path leaves to js-yaml. */
const NOT_A_FLOW_ENTRY = flags('[]{},#&*!|>%@`?:-\'"');
const FLOW_INDICATOR = flags(',[]{}');

/** go-yaml v2's one-character escapes: YAML 1.1's and `\'` (the tab one aside: tabs bail); not 1.2's `\/`, which it refuses (left to js-yaml and its check). */
const ESCAPES: ReadonlyMap<string, string> = new Map(
  Object.entries({ '0': '\x00', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', "'": "'", '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' }),
);
/** How many hex digits follow \x, \u and \U. */
const HEX_ESCAPES: ReadonlyMap<string, number> = new Map([['x', 2], ['u', 4], ['U', 8]]);
const HEX = /^[0-9a-fA-F]+$/;

/** Thrown inside the reader to leave it; never escapes readBlockYaml. */
const BAILING = { bailing: true };
let lastReason = '';
function bail(reason: string): never {
  lastReason = reason;
  throw BAILING;
}

/** Why the last readBlockYaml call bailed, for the benchmark's statistics. */
export function lastBailReason(): string {
  return lastReason;
}

/** First characters of the plain scalars that resolve to null or a boolean (`~`, `null`, `yes`, `on`, `False`…). */
const MAYBE_NULL_OR_BOOLEAN = flags('~nNyYtTfFoO');

/** A plain scalar resolved as KUBERNETES_YAML_SCHEMA does: null, then boolean, then number, else the text. */
function resolvePlain(text: string): unknown {
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === PLUS || c === DASH || c === DOT) {
    // A decimal integer without a leading zero, as most numbers in manifests are: what resolveYaml11Number gives, sooner.
    const length = text.length;
    let i = c === DASH || c === PLUS ? 1 : 0;
    if (length <= 15 && i < length && text.charCodeAt(i) !== 48) {
      while (i < length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
      if (i === length) return Number(text);
    }
    const number = resolveYaml11Number(text);
    return number === undefined ? text : number.value;
  }
  if (text.length <= 5 && c < 128 && MAYBE_NULL_OR_BOOLEAN[c]) {
    if (YAML11_NULLS.has(text)) return null;
    const boolean = YAML11_BOOLEANS.get(text);
    if (boolean !== undefined) return boolean;
  }
  // A plain << is a merge key (a key of its own each time, see MERGE_KEY_PREFIX): js-yaml's schema reads it.
  if (c === 60 /* < */ && text === '<<') bail('a merge key');
  return text;
}

/**
 * Plain keys met lately, by a cheap hash of their text: most keys repeat, and reusing the string
 * (already resolved as a string, already a property name) saves slicing, resolving and interning it.
 */
const RECENT_KEYS: string[] = new Array<string>(1024).fill('');

const STOP_LINE_END = 0;
const STOP_COMMENT = 1;
const STOP_COLON = 2;

/** The reader over one document; the current line is the next one with content (not blank, not a comment). */
class BlockReader {
  readonly text: string;
  readonly length: number;
  /** Start of the current line, column of its content (-1 at the end of the text), index of its content. */
  lineStart = 0;
  indent = 0;
  at = 0;
  /** After scanPlain: where and why the scalar stopped. After a quoted scalar: the index after it. */
  stop = STOP_LINE_END;
  stopAt = 0;
  pos = 0;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  /** Moves to the first line with content at or after `from` (a line start). */
  seekContent(from: number): void {
    const { text, length } = this;
    let i = from;
    while (i < length) {
      const lineStart = i;
      while (text.charCodeAt(i) === SPACE) i += 1;
      const c = text.charCodeAt(i);
      if (c === NEWLINE) {
        i += 1;
        continue;
      }
      if (c === HASH) {
        i = text.indexOf('\n', i) + 1;
        continue;
      }
      if (i === lineStart && (c === DASH || c === DOT) && (text.startsWith('---', i) || text.startsWith('...', i))) bail('document marker');
      this.lineStart = lineStart;
      this.indent = i - lineStart;
      this.at = i;
      return;
    }
    this.indent = -1;
    this.at = length;
  }

  /** Moves to the first line with content after the line holding `i`. */
  nextLine(i: number): void {
    const { text } = this;
    this.seekContent(text.charCodeAt(i) === NEWLINE ? i + 1 : text.indexOf('\n', i) + 1);
  }

  /** After a quoted or flow value: only spaces and a comment may follow on its line. */
  endLine(i: number): void {
    const { text } = this;
    let j = i;
    while (text.charCodeAt(j) === SPACE) j += 1;
    const c = text.charCodeAt(j);
    if (c === NEWLINE) this.seekContent(j + 1);
    else if (c === HASH && j > i) this.nextLine(j);
    else bail('text after a quoted or flow value');
  }

  atSequenceItem(): boolean {
    const { text, at } = this;
    if (text.charCodeAt(at) !== DASH) return false;
    const next = text.charCodeAt(at + 1);
    return next === SPACE || next === NEWLINE;
  }

  /** A one-line plain scalar from `start`: returns the end of its text (trailing spaces dropped), sets stop and stopAt. */
  scanPlain(start: number): number {
    const { text } = this;
    let i = start;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) {
        this.stop = STOP_LINE_END;
        break;
      }
      if (c === COLON) {
        const next = text.charCodeAt(i + 1);
        if (next === SPACE || next === NEWLINE) {
          this.stop = STOP_COLON;
          break;
        }
      } else if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
        this.stop = STOP_COMMENT;
        break;
      }
      i += 1;
    }
    this.stopAt = i;
    let end = i;
    while (text.charCodeAt(end - 1) === SPACE) end -= 1;
    return end;
  }

  readSingleQuoted(start: number): string {
    const { text } = this;
    let value = '';
    let from = start + 1;
    for (let i = from; ; i += 1) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) !== QUOTE) {
          this.pos = i + 1;
          return value + text.slice(from, i);
        }
        value += text.slice(from, i + 1);
        i += 1;
        from = i + 1;
      } else if (c === NEWLINE) bail('multi-line quoted scalar');
    }
  }

  readDoubleQuoted(start: number): string {
    const { text } = this;
    let value = '';
    let from = start + 1;
    for (let i = from; ; i += 1) {
      const c = text.charCodeAt(i);
      if (c === DOUBLE_QUOTE) {
        this.pos = i + 1;
        return value + text.slice(from, i);
      }
      if (c === NEWLINE) bail('multi-line quoted scalar');
      if (c !== BACKSLASH) continue;
      value += text.slice(from, i);
      const escape = text[i + 1];
      const simple = ESCAPES.get(escape);
      const hexDigits = HEX_ESCAPES.get(escape);
      if (simple !== undefined) {
        value += simple;
        i += 1;
      } else if (hexDigits !== undefined) {
        const digits = text.slice(i + 2, i + 2 + hexDigits);
        if (digits.length !== hexDigits || !HEX.test(digits)) bail('bad escape');
        const code = parseInt(digits, 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) bail('an escape go-yaml refuses');
        value += String.fromCodePoint(code);
        i += 1 + digits.length;
      } else bail('escaped line break or unknown escape');
      from = i + 1;
    }
  }

  /** A plain scalar inside a flow collection, on one line: the end of its text (trailing spaces dropped); sets pos to where it stopped. */
  scanFlowPlain(start: number): number {
    const { text } = this;
    const c = text.charCodeAt(start);
    if (c < 128 && NOT_A_FLOW_ENTRY[c]) {
      const next = text.charCodeAt(start + 1);
      if (c !== DASH || next === SPACE || next === NEWLINE || (next < 128 && FLOW_INDICATOR[next])) bail('flow entry starting with an indicator');
    }
    let i = start;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c < 128 && FLOW_INDICATOR[c]) break;
      if (c === NEWLINE) bail('flow collection on more than one line');
      if (c === COLON) {
        const next = text.charCodeAt(i + 1);
        if (next === SPACE || next === NEWLINE || (next < 128 && FLOW_INDICATOR[next])) break;
      } else if (c === HASH && text.charCodeAt(i - 1) === SPACE) bail('comment inside a flow collection');
      // go-yaml reads a `?` in a flow collection as a key indicator wherever it stands (js-yaml's reading and check).
      else if (c === QUESTION) bail('? inside a flow scalar');
      i += 1;
    }
    this.pos = i;
    let end = i;
    while (text.charCodeAt(end - 1) === SPACE) end -= 1;
    return end;
  }

  /** A node inside a flow collection: a quoted or plain scalar or a nested collection; sets pos after it. */
  readFlowNode(start: number, depth: number): unknown {
    const { text } = this;
    const c = text.charCodeAt(start);
    if (c === QUOTE) return this.readSingleQuoted(start);
    if (c === DOUBLE_QUOTE) return this.readDoubleQuoted(start);
    if (c === OPEN_BRACKET || c === OPEN_BRACE) return this.readFlow(start, depth + 1);
    const end = this.scanFlowPlain(start);
    return resolvePlain(text.slice(start, end));
  }

  /**
   * A flow sequence or mapping on one line (`[a, "b", 1]`, `{app: web, tier: "x"}`, nested ones);
   * sets pos after it. Entries that are pairs in a sequence, keys without a value, comments bail.
   */
  readFlow(start: number, depth: number): unknown {
    if (depth > MAX_DEPTH) bail('nested too deeply');
    const { text } = this;
    const mapping = text.charCodeAt(start) === OPEN_BRACE;
    const terminator = mapping ? CLOSE_BRACE : CLOSE_BRACKET;
    const items: unknown[] = [];
    const pairs: Record<string, unknown> = {};
    let i = start + 1;
    for (;;) {
      while (text.charCodeAt(i) === SPACE) i += 1;
      if (text.charCodeAt(i) === terminator) break;
      if (mapping) {
        const c = text.charCodeAt(i);
        if (c === OPEN_BRACKET || c === OPEN_BRACE) bail('flow collection as a key');
        const keyStart = i;
        const key = this.readFlowNode(i, depth);
        if (typeof key !== 'string') bail('flow key that is not a string');
        if (pairs[key] !== undefined) bail('duplicate or inherited key');
        i = this.pos;
        while (text.charCodeAt(i) === SPACE) i += 1;
        if (text.charCodeAt(i) !== COLON) bail('flow mapping key without a value');
        if (i - keyStart > MAX_KEY_SPAN) bail('key longer than go-yaml reads');
        i += 1;
        while (text.charCodeAt(i) === SPACE) i += 1;
        const next = text.charCodeAt(i);
        if (next === COMMA || next === terminator) pairs[key] = null;
        else {
          pairs[key] = this.readFlowNode(i, depth);
          i = this.pos;
        }
      } else {
        items.push(this.readFlowNode(i, depth));
        i = this.pos;
      }
      while (text.charCodeAt(i) === SPACE) i += 1;
      const c = text.charCodeAt(i);
      if (c === COMMA) i += 1;
      else if (c === terminator) break;
      else bail('flow entry not followed by a comma or the end');
    }
    this.pos = i + 1;
    return mapping ? pairs : items;
  }

  /** A literal block scalar (`|`, `|-`, `|+`) of a node whose parent sits at column `owner`. */
  readLiteral(start: number, owner: number): string {
    const { text, length } = this;
    let i = start + 1;
    let chomping = text.charCodeAt(i);
    if (chomping === DASH || chomping === PLUS) i += 1;
    else chomping = 0;
    if (text.charCodeAt(i) === SPACE) {
      while (text.charCodeAt(i) === SPACE) i += 1;
      if (text.charCodeAt(i) !== NEWLINE && text.charCodeAt(i) !== HASH) bail('block scalar header');
    } else if (text.charCodeAt(i) !== NEWLINE) bail('block scalar header');
    i = text.indexOf('\n', i) + 1;
    let textIndent = owner + 1;
    let detected = false;
    let read = false;
    let emptyLines = 0;
    let value = '';
    while (i < length) {
      let j = i;
      if (detected) {
        const stop = i + textIndent;
        while (j < stop && text.charCodeAt(j) === SPACE) j += 1;
      } else {
        while (text.charCodeAt(j) === SPACE) j += 1;
        if (j - i > textIndent) textIndent = j - i;
      }
      if (text.charCodeAt(j) === NEWLINE) {
        emptyLines += 1;
        i = j + 1;
        continue;
      }
      if (j - i < textIndent) break;
      const end = text.indexOf('\n', j);
      if (read) value += '\n';
      if (emptyLines > 0) value += '\n'.repeat(emptyLines);
      value += text.slice(j, end);
      read = true;
      detected = true;
      emptyLines = 0;
      i = end + 1;
    }
    if (chomping === PLUS) value += '\n'.repeat(read ? 1 + emptyLines : emptyLines);
    else if (chomping === 0 && read) value += '\n';
    this.seekContent(i);
    return value;
  }

  /** A key at `start` up to its `:`; sets pos to the index after the colon. */
  readKey(start: number): string {
    const { text } = this;
    const c = text.charCodeAt(start);
    if (c === QUOTE || c === DOUBLE_QUOTE) {
      const key = c === QUOTE ? this.readSingleQuoted(start) : this.readDoubleQuoted(start);
      let i = this.pos;
      while (text.charCodeAt(i) === SPACE) i += 1;
      const next = text.charCodeAt(i + 1);
      if (text.charCodeAt(i) !== COLON || (next !== SPACE && next !== NEWLINE)) bail('quoted scalar that is not a key');
      if (i - start > MAX_KEY_SPAN) bail('key longer than go-yaml reads');
      this.pos = i + 1;
      return key;
    }
    if (c < 128 && NOT_A_PLAIN_KEY[c]) bail('key starting with an indicator');
    const end = this.scanPlain(start);
    if (this.stop !== STOP_COLON) bail('a line that is not key: value');
    if (this.stopAt - start > MAX_KEY_SPAN) bail('key longer than go-yaml reads');
    this.pos = this.stopAt + 1;
    return this.plainKey(start, end);
  }

  /** The plain key text[start, end): a recent key with the same text when there is one. */
  plainKey(start: number, end: number): string {
    const { text } = this;
    const length = end - start;
    const slot = (length * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(start + (length >> 1)) + text.charCodeAt(end - 1) * 131) & (RECENT_KEYS.length - 1);
    const recent = RECENT_KEYS[slot];
    if (recent.length === length) {
      let i = 0;
      while (i < length && recent.charCodeAt(i) === text.charCodeAt(start + i)) i += 1;
      if (i === length) return recent;
    }
    const key = text.slice(start, end);
    if (resolvePlain(key) !== key) bail('plain key that is not a string');
    RECENT_KEYS[slot] = key;
    return key;
  }

  /** Whether the item content at `start` is a compact mapping (`- name: x`). */
  startsMappingEntry(start: number): boolean {
    const { text } = this;
    const c = text.charCodeAt(start);
    if (c === QUOTE || c === DOUBLE_QUOTE) {
      if (c === QUOTE) this.readSingleQuoted(start);
      else this.readDoubleQuoted(start);
      let i = this.pos;
      while (text.charCodeAt(i) === SPACE) i += 1;
      const next = text.charCodeAt(i + 1);
      return text.charCodeAt(i) === COLON && (next === SPACE || next === NEWLINE);
    }
    if (c < 128 && NOT_A_PLAIN_KEY[c]) return false;
    this.scanPlain(start);
    return this.stop === STOP_COLON;
  }

  /** A value on the key's or dash's line; moves to the next line with content. */
  readInlineValue(start: number, owner: number, depth: number): unknown {
    const { text } = this;
    const c = text.charCodeAt(start);
    switch (c) {
      case QUOTE:
      case DOUBLE_QUOTE: {
        const value = c === QUOTE ? this.readSingleQuoted(start) : this.readDoubleQuoted(start);
        this.endLine(this.pos);
        return value;
      }
      case OPEN_BRACKET:
      case OPEN_BRACE: {
        const value = this.readFlow(start, depth);
        this.endLine(this.pos);
        return value;
      }
      case PIPE:
        return this.readLiteral(start, owner);
      case DASH: {
        const next = text.charCodeAt(start + 1);
        if (next === SPACE || next === NEWLINE) bail('a sequence on the line of its key');
        break;
      }
      default:
        if (c < 128 && NOT_A_PLAIN_VALUE[c]) bail('value starting with an indicator');
    }
    const end = this.scanPlain(start);
    if (this.stop === STOP_COLON) bail('plain value holding ": " or ending with ":"');
    const value = resolvePlain(text.slice(start, end));
    this.nextLine(this.stopAt);
    return value;
  }

  /** The mapping or sequence starting on the current line. */
  readBlock(depth: number): unknown {
    return this.atSequenceItem() ? this.readSequence(depth) : this.readMapping(depth);
  }

  /** A block mapping whose first key is at `at`, its column `indent`. */
  readMapping(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) bail('nested too deeply');
    const { text } = this;
    const column = this.indent;
    const mapping: Record<string, unknown> = {};
    for (;;) {
      const key = this.readKey(this.at);
      // Also refuses inherited names (__proto__, constructor): js-yaml stores those its own way.
      if (mapping[key] !== undefined) bail('duplicate or inherited key');
      let i = this.pos;
      while (text.charCodeAt(i) === SPACE) i += 1;
      const c = text.charCodeAt(i);
      if (c === NEWLINE || c === HASH) {
        this.nextLine(i);
        if (this.indent > column) mapping[key] = this.readBlock(depth + 1);
        else if (this.indent === column && this.atSequenceItem()) mapping[key] = this.readSequence(depth + 1);
        else mapping[key] = null;
      } else mapping[key] = this.readInlineValue(i, column, depth + 1);
      if (this.indent !== column) {
        if (this.indent > column) bail('more-indented line after a mapping entry');
        return mapping;
      }
    }
  }

  /** A block sequence whose first dash is the current line's content. */
  readSequence(depth: number): unknown[] {
    if (depth > MAX_DEPTH) bail('nested too deeply');
    const { text } = this;
    const column = this.indent;
    const items: unknown[] = [];
    for (;;) {
      let i = this.at + 1;
      while (text.charCodeAt(i) === SPACE) i += 1;
      const c = text.charCodeAt(i);
      if (c === NEWLINE || c === HASH) {
        this.nextLine(i);
        items.push(this.indent > column ? this.readBlock(depth + 1) : null);
      } else if (c === DASH && (text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === NEWLINE)) {
        // A compact nested sequence (`- - a`): its column is its first dash's, as for a compact mapping.
        this.indent = i - this.lineStart;
        this.at = i;
        items.push(this.readSequence(depth + 1));
      } else if (this.startsMappingEntry(i)) {
        this.indent = i - this.lineStart;
        this.at = i;
        items.push(this.readMapping(depth + 1));
      } else items.push(this.readInlineValue(i, column, depth + 1));
      if (this.indent !== column) {
        if (this.indent > column) bail('more-indented line after a sequence item');
        return items;
      }
      if (!this.atSequenceItem()) return items;
    }
  }
}

/** Turns CRLF into LF; undefined when the text holds a character outside the subset. */
function normalized(text: string): string | undefined {
  if (!OUTSIDE_SUBSET.test(text)) return text;
  if (!text.includes('\r\n')) return undefined;
  const lf = text.replaceAll('\r\n', '\n');
  return OUTSIDE_SUBSET.test(lf) ? undefined : lf;
}

/**
 * One YAML document (text without `---` lines, as loadChunk passes it to js-yaml) read as
 * `jsYaml.load(text, { schema: KUBERNETES_YAML_SCHEMA })` would read it, or BAIL.
 */
export function readBlockYaml(input: string): unknown {
  const lf = normalized(input);
  if (lf === undefined) {
    lastReason = 'tab, CR or a special character';
    return BAIL;
  }
  const text = lf.charCodeAt(lf.length - 1) === NEWLINE ? lf : `${lf}\n`;
  const reader = new BlockReader(text);
  try {
    reader.seekContent(0);
    if (reader.indent < 0) bail('empty document');
    const value = reader.readBlock(1);
    if (reader.indent >= 0) bail('text after the top-level node');
    return value;
  } catch (error) {
    if (error === BAILING) return BAIL;
    throw error;
  }
}
