import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError } from '../../errors.js';

const MAX_DEPTH = 1000;

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * Duplicate keys and nesting depth in text[from, to), which JSON.parse passes silently; Kubernetes'
 * strict reading refuses both. One iterative pass over text JSON.parse has already accepted.
 */
function checkStructure(text: string, file: string, from: number, to: number): void {
  const frames: { keys?: Map<string, number>; expectKey: boolean }[] = [];
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      const frame = frames[frames.length - 1];
      if (frame?.keys && frame.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const first = frame.keys.get(key);
        if (first !== undefined) {
          throw new InputError(`${file}:${position(text, i).line}: duplicate key "${key}" (first set on line ${position(text, first).line}): Kubernetes rejects a mapping with a key twice`);
        }
        frame.keys.set(key, i);
        frame.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (frames.length >= MAX_DEPTH) throw new InputError(`${file}:${position(text, i).line}: invalid JSON: nested more than ${MAX_DEPTH} levels deep`);
      frames.push({ keys: c === 0x7b ? new Map() : undefined, expectKey: c === 0x7b });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) frames.pop();
    else if (c === 0x2c /* , */ && frames.length > 0) frames[frames.length - 1].expectKey = true;
  }
}

/** A number literal that may be too large for a float64 (an exponent of three digits, or 309 digits). */
const MAYBE_HUGE_NUMBER = /[0-9][eE]\+?[0-9]{3}|[0-9]{309}/;

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(hasNonFinite);
}

/**
 * Refuses a number beyond a float64 (`1e400`), which JSON.parse reads as Infinity and this reader
 * would write as null: kubectl decodes JSON numbers into float64 and refuses the object.
 */
function checkNumbers(text: string, file: string, from: number, to: number, value: unknown): void {
  const slice = text.slice(from, to);
  if (!MAYBE_HUGE_NUMBER.test(slice) || !hasNonFinite(value)) return;
  for (const match of slice.matchAll(/-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/g)) {
    if (Number.isFinite(Number(match[0]))) continue;
    const shown = match[0].length > 40 ? `${match[0].slice(0, 37)}...` : match[0];
    throw new InputError(`${file}:${position(text, from + match.index).line}: invalid JSON: the number ${shown} is beyond a 64-bit float, which Kubernetes cannot read`);
  }
}

/** The whitespace Go's unicode.IsSpace knows, which apimachinery skips before looking for `{`. */
const GO_SPACES = '\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const GO_SPACE = new RegExp(`[${GO_SPACES}]`);
const NOT_GO_SPACE = new RegExp(`[^${GO_SPACES}]`, 'g');
/** The whitespace Go's encoding/json allows between values. */
const JSON_SPACE = /[^ \t\n\r]/g;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;

function firstMatch(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? text.length;
}

/** The end of the JSON value that starts at `at` (brackets matched, strings skipped), or -1 when it has none. */
function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first !== 0x7b && first !== 0x5b && first !== 0x22) return scalarEnd(text, at);
  let depth = 0;
  for (let i = at; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i += 1;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      if (i >= text.length) return -1;
      if (depth === 0) return i + 1;
    } else if (c === 0x7b || c === 0x5b) depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * Where Go's json.Decoder ends a number or literal at the top level: where its grammar cannot go
 * on (so `0755` is the value 0, then 755), or -1 where it stops inside one (`1.`, `1e`, `tru`).
 */
function scalarEnd(text: string, at: number): number {
  NUMBER.lastIndex = at;
  const number = NUMBER.exec(text);
  if (number) {
    const next = text[at + number[0].length];
    const unfinished = (next === '.' && !/[.eE]/.test(number[0])) || ((next === 'e' || next === 'E') && !/[eE]/.test(number[0]));
    return unfinished ? -1 : at + number[0].length;
  }
  LITERAL.lastIndex = at;
  return LITERAL.test(text) ? LITERAL.lastIndex : -1;
}

function parsed(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function invalidJson(text: string, file: string, at: number, why = ''): InputError {
  const errors: ParseError[] = [];
  parseJsonc(text.slice(at), errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const { line, column } = position(text, at + (errors[0]?.offset ?? 0));
  return new InputError(`${file}:${line}:${column}: invalid JSON: ${errors[0] ? printParseErrorCode(errors[0].error) : 'not JSON'}${why}`);
}

/** A JSON reading: its values with their lines and their own text, and where the rest of the text is YAML, if it is. */
export interface JsonReading {
  documents: { value: unknown; line: number; text: string }[];
  yamlFrom?: number;
}

/**
 * Reads a text as JSON when Kubernetes would: a .json file (which must then be strict JSON: one
 * value or a stream of them), or any text whose first character is `{`. As kubectl's
 * YAMLOrJSONDecoder does, such a text is a stream of JSON values; when the first fails it is all
 * YAML (undefined here), when the second fails the rest is YAML from the next line on, and after
 * two values a failure is an error. Without `stream`, the text must be one JSON value.
 */
export function parseJsonManifest(text: string, file: string, stream = true): JsonReading | undefined {
  const start = firstMatch(NOT_GO_SPACE, text, 0);
  const isJsonFile = file.endsWith('.json');
  if (!isJsonFile && text[start] !== '{') return undefined;
  const whole = parsed(text);
  if (whole) {
    checkStructure(text, file, 0, text.length);
    checkNumbers(text, file, 0, text.length, whole.value);
    return { documents: [{ value: whole.value, line: start < text.length ? position(text, start).line : 1, text: text.slice(start) }] };
  }
  if (!stream) throw invalidJson(text, file, 0);
  const documents: JsonReading['documents'] = [];
  // Lines are counted on from the last value, so a stream of many values stays linear.
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
    counted = offset;
    return line;
  };
  for (let consumed = 0; ; ) {
    const at = firstMatch(JSON_SPACE, text, consumed);
    if (at === text.length) return { documents };
    const end = valueEnd(text, at);
    const value = end < 0 ? undefined : parsed(text.slice(at, end));
    if (!value) {
      if (isJsonFile) throw invalidJson(text, file, at);
      if (documents.length > 1) throw invalidJson(text, file, at, ' (after two JSON values kubectl reads the rest as JSON too)');
      if (documents.length === 0) return undefined;
      return { documents, yamlFrom: afterSpaceToNewline(text, consumed) };
    }
    checkStructure(text, file, at, end);
    checkNumbers(text, file, at, end, value.value);
    documents.push({ value: value.value, line: lineAt(at), text: text.slice(at, end) });
    consumed = end;
  }
}

/** apimachinery's consumeWhitespace: skips whitespace up to and including the first line break. */
function afterSpaceToNewline(text: string, from: number): number {
  let i = from;
  while (i < text.length && GO_SPACE.test(text[i])) {
    i += 1;
    if (text[i - 1] === '\n') break;
  }
  return i;
}
