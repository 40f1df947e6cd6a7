import { insideFlow, scalarSource, type ReadNode } from './js-yaml-nodes.js';

/**
 * A `?` in a flow collection, as go-yaml reads it: a key indicator wherever it stands. `[?b]` and
 * `{?b: c}` hold the key `b` (js-yaml reads the plain scalar "?b"); any other unquoted `?` there
 * (`[http://svc?x=1]`, `[b?]`) is refused by go-yaml, where js-yaml reads it as part of the value.
 */

/** A `?` and a flow collection in one text: only then can a `?` stand in a flow collection. */
export const mayHaveFlowQuestion = (text: string) => text.includes('?') && (text.includes('[') || text.includes('{'));

/** `?b`: a `?` that starts the scalar, followed by text without another `?`. */
const isKeyIndicator = (source: string) => source.length > 1 && source[0] === '?' && !/\s/.test(source[1]) && !source.includes('?', 1);

/**
 * Where go-yaml reads a key indicator that js-yaml took into a plain scalar (offsets of those `?`),
 * and the first unquoted `?` in a flow collection it refuses, with its reason.
 */
export function flowQuestions(text: string, nodes: readonly ReadNode[]): { keys: number[]; refused?: { offset: number; message: string } } {
  const keys = new Set<number>();
  let refused: { offset: number; message: string } | undefined;
  for (const node of nodes) {
    if (node.kind !== 'scalar' || '"\'|>'.includes(text[node.start]) || !insideFlow(text, node)) continue;
    const source = scalarSource(text, node);
    if (!source.includes('?')) continue;
    if (isKeyIndicator(source)) keys.add(node.start);
    else if (!refused || node.start < refused.offset) {
      const shown = source.length > 60 ? `${source.slice(0, 57)}...` : source;
      refused = { offset: node.start, message: `"?" in the unquoted value "${shown}" of a flow collection ([ ] or { }) is a key indicator to Kubernetes (YAML 1.1), which refuses it there: quote the value` };
    }
  }
  return { keys: [...keys].sort((a, b) => a - b), ...(refused ? { refused } : {}) };
}
