import jsYaml from 'js-yaml';
import { InputError } from '../../errors.js';
import { BAIL, readBlockYaml } from './block-yaml-fast-path.js';
import { KUBERNETES_YAML_SCHEMA } from './kubernetes-yaml-schema.js';
import { blockHeaderCommentsSpaced, emptyEntriesAsNull, firstGoYamlRefusal, flowDashesQuoted, insertAt, quoteEscapesAsHex } from './go-yaml-refusals.js';
import { flowQuestions, mayHaveFlowQuestion } from './flow-questions.js';
import { loadWithNodes, type ReadNode } from './js-yaml-nodes.js';
import { firstLongKey, mayHaveLongKey } from './long-keys.js';
import { firstRefusedTab } from './tab-led-lines.js';
import { convertNumberKeys, MAYBE_GO_NUMBER_KEY } from './go-map-keys.js';
import { finishKubernetesValue, isMergeKey, ValueError } from './kubernetes-value.js';
import { parseJsonManifest } from './parse-json-manifest.js';
import { listItems } from './list-items.js';
import { firstContentLine, SeparatorError, splitYamlDocuments, type YamlChunk } from './split-yaml-documents.js';
import { unsupportedKey, duplicateKeyLines, lineOfPath, spellingAt } from './yaml-positions.js';

/** A JSON object read from a manifest, with the line it starts on. */
export interface ParsedObject {
  value: Record<string, unknown>;
  line: number;
  /** The source text of a scalar in this object (`on` for true), for messages; slow, error paths only. */
  spellingAt?: (path: (string | number)[]) => string | undefined;
}

/** A document as read: its value (null when empty) and where it is. */
export interface ParsedDocument {
  value: unknown;
  line: number;
  chunk: YamlChunk;
}

/** Nesting deeper than this is refused (Kubernetes allows 10,000): no real manifest comes close, and it keeps every later step off the stack limit. */
export const MAX_NESTING = 1000;
const LOAD_OPTIONS = { schema: KUBERNETES_YAML_SCHEMA, maxDepth: MAX_NESTING };
/** Flow-style collection keys (`[a]: b`, `{a: b}: c`) or explicit `? ` keys: checked by the slow path. */
const MAYBE_COLLECTION_KEY = /(^|[\s,[{])\?(\s|$)|[\]}][ \t]*:(\s|$)/m;
/** A plain null key (`~: x`, `null: x`, `: x`), which JSON cannot have either. */
const MAYBE_NULL_KEY = /(^|[\s,[{?-])(~|null|Null|NULL)[ \t]*:(\s|$)/m;
const MAYBE_EMPTY_KEY = /^[ \t-]*:(\s|$)|[{,][ \t]*:(\s|$)/m;
const mayHaveNullKey = (text: string) =>
  ((text.includes('~') || text.includes('null') || text.includes('Null') || text.includes('NULL')) && MAYBE_NULL_KEY.test(text)) || MAYBE_EMPTY_KEY.test(text);
const SPECIAL_FLOAT = /\.(inf|nan)\b/i;

function invalid(file: string, line: number, column: number | undefined, message: string): InputError {
  return new InputError(`${file}:${line}${column ? `:${column}` : ''}: invalid YAML: ${message}`);
}

const YAML11_BREAKS = /[\u0085\u2028\u2029]/g;
const DOCUMENT_END = /^\.\.\.[ \t]*(#.*)?\r?$/m;
const TEXT_AFTER_END = 'text after the end of the document: Kubernetes would silently ignore it from here on (a missing --- or wrong indentation?)';
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/**
 * Where go-yaml (YAML 1.1) and js-yaml (YAML 1.2) disagree on characters: NEL, LS and PS are line
 * breaks in 1.1 (tabs are checked once js-yaml has read the document: firstRefusedTab). Exported for
 * the fast path's tests, which read exactly what js-yaml reads.
 */
export function asYaml12(chunk: YamlChunk, file: string): string {
  let text = chunk.text;
  const refuse = (index: number, what: string) => invalid(file, chunk.line + text.slice(0, index).split('\n').length - 1, undefined, what);
  const end = DOCUMENT_END.exec(text);
  if (end) {
    const rest = text.slice(end.index + end[0].length);
    if (/^[ \t]*[^\s#]/m.test(rest)) throw refuse(end.index + end[0].length + 1, TEXT_AFTER_END);
    if (!/^[ \t]*[^\s#]/m.test(text.slice(0, end.index))) throw refuse(end.index, 'a document end marker (...) without a document before it');
    text = text.slice(0, end.index);
  }
  const control = NON_PRINTABLE.exec(text);
  if (control) throw refuse(control.index, `control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in YAML`);
  if (/[\u0085\u2028\u2029]/.test(text)) text = text.replace(YAML11_BREAKS, '\n');
  return text;
}

/** How many times one document is read again after js-yaml stopped at something go-yaml reads. */
const MAX_REREADS = 32;

/** `all` when it rewrote the text up to `at` as the one rewrite there would (so the place js-yaml stopped at is among them), else that one rewrite. */
function atOnce(text: string, all: string, at: number, insert: string, skip: number): string {
  const one = `${text.slice(0, at)}${insert}${text.slice(at + skip)}`;
  return all !== text && all.startsWith(one.slice(0, at + insert.length)) ? all : one;
}

/**
 * What js-yaml refuses where go-yaml reads on, rewritten into what js-yaml reads as go-yaml does: a
 * `\'` escape (as `\x27`), a lone `-` in a flow collection (the string "-"), a comment right after a
 * block scalar's header.
 */
function goYamlReading(text: string, error: InstanceType<typeof jsYaml.YAMLException>): string | undefined {
  const at = (error as { mark?: { position: number } }).mark?.position ?? 0;
  const reason = (error as { reason?: string }).reason;
  // Every place of the kind at once where the `yaml` library finds them, else the one js-yaml stopped at.
  if (reason === 'unknown escape sequence' && text.startsWith("\\'", at - 1)) return atOnce(text, quoteEscapesAsHex(text), at - 1, '\\x27', 2);
  if (text[at] === '-' && ',]}'.includes(text[at + 1] ?? ' ')) return atOnce(text, flowDashesQuoted(text), at, '"-"', 1);
  if (reason === 'a line break is expected' && text[at] === '#' && /[|>][0-9+-]{0,2}$/.test(text.slice(Math.max(0, at - 3), at))) {
    return atOnce(text, blockHeaderCommentsSpaced(text), at, ' ', 0);
  }
  return undefined;
}

/**
 * js-yaml's reading of a document, as go-yaml reads it where the two part: empty block entries are
 * written `- !!null` first; where js-yaml stops at something go-yaml reads (goYamlReading) it is
 * rewritten and the document read again; `?b` keys of flow collections are spaced and the document
 * read once more. Lines never move. js-yaml's nodes are kept when a check needs them (a tab, a `?`
 * and a flow collection, a line longer than any key go-yaml reads).
 */
export function loadWithJsYaml(source: string): unknown {
  return readWithJsYaml(source).value;
}

interface JsYamlReading {
  value: unknown;
  /** The text js-yaml read in the end. */
  text: string;
  nodes?: ReadNode[];
  /** An unquoted `?` in a flow collection, which go-yaml refuses. */
  refused?: { offset: number; message: string };
}

function readWithJsYaml(source: string): JsYamlReading {
  let text = emptyEntriesAsNull(source);
  let rereads = 0;
  let spaced = false;
  for (;;) {
    const questions = mayHaveFlowQuestion(text);
    let read: { value: unknown; nodes?: ReadNode[] };
    try {
      read = loadWithNodes(text, LOAD_OPTIONS, questions || text.includes('\t') || mayHaveLongKey(text));
    } catch (error) {
      const rewritten = error instanceof jsYaml.YAMLException && rereads < MAX_REREADS ? goYamlReading(text, error) : undefined;
      if (rewritten === undefined) throw error;
      text = rewritten;
      rereads += 1;
      continue;
    }
    if (!spaced && read.nodes && questions) {
      const { keys, refused } = flowQuestions(text, read.nodes);
      if (refused) return { ...read, text, refused };
      if (keys.length > 0) {
        text = insertAt(text, keys.map((key) => key + 1), ' ');
        spaced = true;
        continue;
      }
    }
    return { ...read, text };
  }
}

/** A document's value, and whether the fast path read it (then it holds no anchor, alias, or key JSON cannot hold). */
function loadChunk(chunk: YamlChunk, file: string): { value: unknown; fast: boolean; read: string } {
  try {
    const text = asYaml12(chunk, file);
    const value = readBlockYaml(text);
    if (value !== BAIL) return { value, fast: true, read: text };
    const { value: loaded, text: read, nodes, refused: question } = readWithJsYaml(text);
    // The fast path bails on every tab and on `?` in flow collections: only documents read here can hold one go-yaml refuses.
    const place = question ?? (nodes ? (firstLongKey(read, nodes) ?? firstRefusedTab(read, nodes)) : undefined);
    if (place) throw invalid(file, chunk.line + read.slice(0, place.offset).split('\n').length - 1, undefined, place.message);
    const refused = firstGoYamlRefusal(text);
    if (refused) throw invalid(file, chunk.line + refused.line, undefined, refused.message);
    return { value: loaded, fast: false, read: text };
  } catch (error) {
    if (error instanceof RangeError) throw invalid(file, chunk.line, undefined, 'nested too deeply to read');
    if (!(error instanceof jsYaml.YAMLException)) throw error;
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    let reason = (error as { reason?: string }).reason ?? error.message;
    if (reason.startsWith('nesting exceeded maxDepth')) reason = `nested more than ${MAX_NESTING} levels deep`;
    const tag = /^cannot resolve a node with !<tag:yaml\.org,2002:(\w+)> explicit tag/.exec(reason);
    if (tag) reason = `a value tagged !!${tag[1]} is no ${tag[1]}: Kubernetes cannot decode it`;
    if (reason.startsWith('expected a single document') || reason === 'end of the stream or a document separator is expected') {
      reason = TEXT_AFTER_END;
    }
    if (reason === 'duplicated mapping key') {
      const lines = duplicateKeyLines(chunk.text);
      if (lines) {
        throw new InputError(
          `${file}:${chunk.line + lines.second}: duplicate key "${lines.key}" (first set on line ${chunk.line + lines.first}): Kubernetes rejects a mapping with a key twice`,
        );
      }
    }
    throw invalid(file, chunk.line + (mark?.line ?? 0), mark ? mark.column + 1 : undefined, reason);
  }
}

/** One YAML document, read as Kubernetes reads it; null for an empty one. */
function readYamlDocument(chunk: YamlChunk, file: string): unknown {
  // `text` is what the parsers read (NEL, LS and PS as line breaks, as go-yaml has them), for the scans below.
  const { value, fast, read: text } = loadChunk(chunk, file);
  if (value === null || typeof value !== 'object') return isMergeKey(value) ? '<<' : value;
  // The fast path bails on `?`, collection and null keys, `&` and `*`: only js-yaml's values need those scans.
  if (!fast && (MAYBE_COLLECTION_KEY.test(text) || mayHaveNullKey(text))) {
    const bad = unsupportedKey(text);
    if (bad) throw invalid(file, chunk.line + bad.line, undefined, `a mapping key is ${bad.what}, which JSON and Kubernetes cannot hold`);
  }
  const needs = { aliases: !fast && text.includes('&'), merges: text.includes('<<') };
  const numberKeys = !fast && MAYBE_GO_NUMBER_KEY.test(text);
  if (needs.aliases || needs.merges || numberKeys || SPECIAL_FLOAT.test(text)) {
    try {
      if (numberKeys) convertNumberKeys(text, value);
      finishKubernetesValue(value, needs);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      const line = chunk.line + (error.line ?? lineOfPath(text, error.path) ?? firstContentLine(text));
      const other = error.otherPath ? lineOfPath(text, error.otherPath) : undefined;
      throw invalid(file, line, undefined, `${error.message}${other !== undefined ? ` (see line ${chunk.line + other})` : ''}`);
    }
  }
  return value;
}

/** Every document of a YAML stream, split and read as kubectl does. */
export function* readYamlDocuments(text: string, file: string): Generator<ParsedDocument> {
  try {
    for (const chunk of splitYamlDocuments(text)) {
      const value = readYamlDocument(chunk, file);
      yield { value, line: chunk.line + firstContentLine(chunk.text), chunk };
    }
  } catch (error) {
    if (error instanceof SeparatorError) throw invalid(file, error.line, undefined, error.message);
    throw error;
  }
}

function withSpelling(value: Record<string, unknown>, line: number, chunk?: YamlChunk, prefix: (string | number)[] = []): ParsedObject {
  return chunk ? { value, line, spellingAt: (path) => spellingAt(chunk.text, [...prefix, ...path]) } : { value, line };
}

/**
 * Every document of a manifest text as Kubernetes reads it (JSON when kubectl would read JSON),
 * empty documents included as null: the level at which the reader is compared with Kubernetes.
 */
export function readManifestDocuments(text: string, file: string): { value: unknown; line: number; chunk?: YamlChunk; text?: string }[] {
  // A byte-order mark is no space to apimachinery: after one, only a .json file is JSON, and one value.
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const json = bom && !file.endsWith('.json') ? undefined : parseJsonManifest(body, file, !bom);
  if (!json) return [...readYamlDocuments(text, file)];
  if (json.yamlFrom === undefined) return json.documents;
  // The YAML after a JSON value keeps its line numbers: the lines before it become empty ones.
  const lines = body.slice(0, json.yamlFrom).split('\n').length - 1;
  return [...json.documents, ...readYamlDocuments('\n'.repeat(lines) + body.slice(json.yamlFrom), file)];
}

/**
 * Every object in a YAML or JSON text (multi-document, `kind: List` expanded), each with its line,
 * read with Kubernetes' rules (YAML 1.1 scalars, merge keys, duplicate keys refused). Throws
 * InputError naming file:line and the reason for text Kubernetes would not accept.
 */
export function parseManifestText(text: string, file: string): ParsedObject[] {
  const objects: ParsedObject[] = [];
  for (const { value, line, chunk, text: own } of readManifestDocuments(text, file)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const record = value as Record<string, unknown>;
    // Item lines are found in the document's own text: a YAML chunk, or a JSON value's (one of a stream) from its first line.
    const items = chunk ? listItems(record, line, file, chunk.text, chunk.line) : listItems(record, line, file, own ?? text, own === undefined ? 1 : line);
    if (items) for (const item of items) objects.push(withSpelling(item.value, item.line, chunk, item.path));
    else objects.push(withSpelling(record, line, chunk));
  }
  return objects;
}
