import { LineCounter, parseAllDocuments, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError } from '../../errors.js';

/** A JSON object read from a manifest, with the line it starts on. */
export interface ParsedObject {
  value: Record<string, unknown>;
  line: number;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
}

function lineOf(node: YamlNode | null | undefined, counter: LineCounter): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON is read by the YAML parser for positions, but YAML accepts more: check strict JSON first. */
function checkStrictJson(text: string, file: string): void {
  const errors: ParseError[] = [];
  parseJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return;
  const before = text.slice(0, errors[0].offset).split('\n');
  const line = before.length;
  const col = before[before.length - 1].length + 1;
  throw new InputError(`${file}:${line}:${col}: invalid JSON: ${printParseErrorCode(errors[0].error)}`);
}

/**
 * Every object in a YAML or JSON text (multi-document, `kind: List` expanded), each with its line.
 * Throws InputError naming file:line:column and the parser's message for text that does not parse.
 */
export function parseManifestText(text: string, file: string): ParsedObject[] {
  if (file.endsWith('.json')) checkStrictJson(text, file);
  const counter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  const objects: ParsedObject[] = [];
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    const error = document.errors[0];
    if (error) {
      const { line, col } = counter.linePos(error.pos[0]);
      throw new InputError(`${file}:${line}:${col}: invalid YAML: ${firstLine(error.message)}`);
    }
    const value: unknown = document.toJS({ maxAliasCount: 1000 });
    if (!isObject(value)) continue;
    if (value.kind === 'List' && Array.isArray(value.items) && isMap(document.contents)) {
      const itemsNode = document.contents.get('items', true);
      const itemNodes = isSeq(itemsNode) ? itemsNode.items : [];
      value.items.forEach((item, i) => {
        if (isObject(item)) objects.push({ value: item, line: lineOf(itemNodes[i] as YamlNode, counter) });
      });
      continue;
    }
    objects.push({ value, line: lineOf(document.contents, counter) });
  }
  return objects;
}
