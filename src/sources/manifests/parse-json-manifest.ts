import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError } from '../../errors.js';

const MAX_DEPTH = 1000;

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * Duplicate keys and nesting depth, which JSON.parse passes silently; Kubernetes' strict reading
 * refuses both. One iterative pass over text JSON.parse has already accepted, so no recursion.
 */
function checkStructure(text: string, file: string): void {
  const frames: { keys?: Map<string, number>; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i += 1) {
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

/**
 * Reads a text as JSON when Kubernetes would: a .json file (which must then be strict JSON), or any
 * text whose first character is `{`; other texts, and `{` texts that are not JSON, are YAML
 * (undefined here), as kubectl's YAMLOrJSONDecoder decides.
 */
export function parseJsonManifest(text: string, file: string): { value: unknown; line: number } | undefined {
  const start = text.search(/\S/);
  const isJsonFile = file.endsWith('.json');
  if (!isJsonFile && text[start] !== '{') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (!isJsonFile) return undefined;
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const { line, column } = position(text, errors[0]?.offset ?? 0);
    throw new InputError(`${file}:${line}:${column}: invalid JSON: ${errors[0] ? printParseErrorCode(errors[0].error) : 'not JSON'}`);
  }
  checkStructure(text, file);
  return { value, line: start < 0 ? 1 : position(text, start).line };
}
