/**
 * Large JSON documents made a batch at a time: the pieces join to exactly JSON.stringify(document,
 * null, 2), but neither the converted document nor its whole text is ever held at once (a 10,000-Service
 * report is 25 MB of text; a 100 MB input, hundreds). Each batch is still stringified natively, which
 * is several times faster than any JSON writer in JavaScript.
 */

/** Items converted and stringified per batch: large enough to keep the native fast path, small enough to stay out of the old generation. */
const BATCH = 256;

/**
 * Where the items of a batch begin and end in JSON.stringify of it nested `depth - 1` arrays deep: the
 * indentation of an item depends only on its depth, so nesting puts every item at its final depth
 * and its text is taken out as is, without re-indenting.
 */
function itemsSection(depth: number): { head: number; tail: number } {
  let probe: unknown = [0];
  for (let level = 1; level < depth; level += 1) probe = [probe];
  const text = JSON.stringify(probe, null, 2);
  // Only arrays: the last "[" opens the batch and the first "]" closes it, after "\n" and the batch's indentation.
  return { head: text.lastIndexOf('[') + 1, tail: text.length - text.indexOf(']') + 1 + 2 * (depth - 1) };
}

/**
 * The text of an array whose items sit `depth` levels deep in a document printed with two-space
 * indentation, as JSON.stringify(document, null, 2) prints it there: "[", the items, and the closing
 * bracket on its own line ("[]" when empty).
 */
export function* jsonArrayParts<T>(items: readonly T[], depth: number, toJson: (item: T) => unknown): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  const { head, tail } = itemsSection(depth);
  yield '[';
  for (let start = 0; start < items.length; start += BATCH) {
    let batch: unknown = items.slice(start, start + BATCH).map(toJson);
    for (let level = 1; level < depth; level += 1) batch = [batch];
    const text = JSON.stringify(batch, null, 2);
    const section = text.slice(head, text.length - tail);
    yield start === 0 ? section : `,${section}`;
  }
  yield `\n${'  '.repeat(depth - 1)}]`;
}

/** Output made as it is written: a command hands it back instead of the whole text. */
export class TextParts {
  constructor(readonly parts: () => Iterable<string>) {}

  /** The whole text, for tests and for outputs that are rendered again (watch frames). */
  text(): string {
    return [...this.parts()].join('');
  }
}
