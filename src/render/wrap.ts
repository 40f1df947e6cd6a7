import fastStringWidth from 'fast-string-width';
import { wrapAnsi } from 'fast-wrap-ansi';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Printable ASCII words separated by single spaces: what most messages are, and what `wrapWords` wraps itself. */
const PLAIN_WORDS = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/**
 * `wrapAnsi(text, columns, { hard: false, trim: true })`: greedy word wrap, a word longer than a line
 * kept whole. Plain words are wrapped here without the library's per-word width and trim passes (a
 * third of the table's time at 10,000 Services); anything else goes to the library.
 */
export function wrapWords(text: string, columns: number): string {
  if (!PLAIN_WORDS.test(text)) return wrapAnsi(text, columns, { hard: false, trim: true });
  const rows: string[] = [];
  let row = '';
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf(' ', from);
    if (to === -1) to = text.length;
    const word = text.slice(from, to);
    if (row === '') row = word;
    else if (row.length + 1 + word.length > columns) {
      rows.push(row);
      row = word;
    } else row += ` ${word}`;
    from = to + 1;
  }
  rows.push(row);
  return rows.join('\n');
}

/** Display columns of a string; printable ASCII (most of what is printed) is its length, without the library's scan. */
export function stringWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : fastStringWidth(text);
}

/** The width human output is laid out for: --width, else the terminal's columns, else 80. */
export const DEFAULT_WIDTH = 80;

/** Narrower than this, a hanging indent leaves no room: text is wrapped at this width instead. */
const MIN_TEXT_WIDTH = 20;

/**
 * A first line `prefix + text`, wrapped at word boundaries to `width` display columns, every further
 * line indented by `indent` columns. Widths are measured on the text as printed (after the
 * terminal-safe escaping, with colour codes, wide and combining characters counted as the terminal
 * shows them) by fast-wrap-ansi/fast-string-width. A word longer than a line stays whole and overflows.
 */
export function wrapHanging(prefix: string, text: string, indent: number, width: number): string {
  const prefixWidth = stringWidth(prefix);
  if (prefixWidth + stringWidth(text) <= width) return prefix + text;
  const firstRoom = Math.max(MIN_TEXT_WIDTH, width - prefixWidth);
  const restRoom = Math.max(MIN_TEXT_WIDTH, width - indent);
  const [first, ...rest] = wrapWords(text, firstRoom).split('\n');
  if (rest.length === 0 || firstRoom === restRoom) return [prefix + first, ...rest.map((line) => ' '.repeat(indent) + line)].join('\n');
  // The continuation lines have a different width: wrap what is left again at their width.
  const remainder = wrapWords(rest.join(' '), restRoom).split('\n');
  return [prefix + first, ...remainder.map((line) => ' '.repeat(indent) + line)].join('\n');
}

/** A block of text wrapped to `width`, each line indented by `indent` columns. */
export function wrapIndented(text: string, indent: number, width: number): string {
  return wrapHanging(' '.repeat(indent), text, indent, width);
}

/** One line of indented text wrapped to `width`: later lines start two columns deeper than the first. */
export function wrapLine(line: string, width: number): string {
  if (stringWidth(line) <= width) return line;
  const indent = line.length - line.trimStart().length;
  return wrapHanging(line.slice(0, indent), line.slice(indent), indent + 2, width);
}
