import { insideFlow, scalarSource, type ReadNode } from './js-yaml-nodes.js';

/**
 * go-yaml reads a mapping key only when its `:` stands at most 1,024 characters after the key's
 * start, its first tag or anchor if it has one (a "simple key" in its scanner); a longer one is
 * "mapping values are not allowed in this context" to Kubernetes, and an ordinary key to js-yaml.
 */
export const MAX_KEY_SPAN = 1024;

/** A line longer than any key go-yaml reads: only such a text can hold one. */
export const mayHaveLongKey = (text: string) => text.length > MAX_KEY_SPAN && /[^\n]{1025}/.test(text);

/** Ends a run of characters that may be a tag or anchor (`&a`, `!!str`): a blank or a flow indicator. */
const isPropertyEnd = (character: string | undefined) => character === undefined || ' \t\n\r,[]{}'.includes(character);

/**
 * Where go-yaml's simple key starts for a scalar at `start`: at its first tag or anchor on the same
 * line (`&a !!str key`), which its scanner saves as the key's start, else at the scalar itself.
 */
function keyStartOf(text: string, start: number): number {
  let keyStart = start;
  for (;;) {
    let end = keyStart;
    while (text[end - 1] === ' ' || text[end - 1] === '\t') end -= 1;
    let from = end;
    while (from > 0 && !isPropertyEnd(text[from - 1])) from -= 1;
    if (from === end || (text[from] !== '&' && text[from] !== '!')) return keyStart;
    keyStart = from;
  }
}

/** Where the first key go-yaml cannot read as one starts, with the reason, if any. `nodes` are js-yaml's for this text. */
export function firstLongKey(text: string, nodes: readonly ReadNode[]): { offset: number; message: string } | undefined {
  let first: number | undefined;
  for (const node of nodes) {
    if (node.kind !== 'scalar' || '|>'.includes(text[node.start]) || (first !== undefined && node.start > first)) continue;
    const end = node.start + scalarSource(text, node).length;
    // Each scan back passes only the blanks and the word before this node: linear in the text overall.
    const keyStart = keyStartOf(text, node.start);
    if (end - keyStart <= MAX_KEY_SPAN - 1) continue;
    let colon = end;
    while (text[colon] === ' ' || text[colon] === '\t') colon += 1;
    const after = text[colon + 1] ?? '\n';
    const isKey = text[colon] === ':' && (/\s/.test(after) || (insideFlow(text, node) && ',[]{}'.includes(after)));
    if (isKey && colon - keyStart > MAX_KEY_SPAN) first = keyStart;
  }
  if (first === undefined) return undefined;
  return { offset: first, message: `a mapping key of more than ${MAX_KEY_SPAN} characters: Kubernetes' YAML parser (go-yaml) reads no key that long ("mapping values are not allowed in this context")` };
}
