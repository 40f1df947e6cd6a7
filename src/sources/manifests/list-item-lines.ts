/**
 * The lines of a list document's items (`kind: List`, as `kubectl get -o json` and `-o yaml` write
 * them) found by a scan of the text, without a second parse: re-reading a 100,000-item list with the
 * `yaml` library for its positions took 6 s and 1.8 GB. The scan only finds where entries start; it is
 * trusted only when it finds exactly as many as the document's `items` has (else the caller asks the
 * `yaml` library), and the document was already read, so it is valid JSON or YAML.
 */

const SPACE = 32;
const NEWLINE = 10;
const TAB = 9;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;

const isBlank = (c: number) => c === SPACE || c === NEWLINE || c === TAB || c === CR;

/** 0-based line of each offset, offsets in increasing order, lines counted by LF as the `yaml` library counts them. */
function linesOf(text: string, offsets: number[]): number[] {
  const lines: number[] = [];
  let line = 0;
  // The next line break not yet counted (-1: none left), found once each: the text is passed once.
  let next = text.indexOf('\n');
  for (const offset of offsets) {
    while (next !== -1 && next < offset) {
      line += 1;
      next = text.indexOf('\n', next + 1);
    }
    lines.push(line);
  }
  return lines;
}

/** Where the string starting at `start` (a ") ends, after its closing quote; -1 when it does not end. */
function afterString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    i += c === BACKSLASH ? 2 : 1;
  }
  return -1;
}

/** What JSON puts right before a string: a flow YAML text whose quote follows anything else (`a"b`, `'x"'`) is not scanned. */
const BEFORE_STRING = new Set(['{', '[', ',', ':']);

/** The start of each element of the array that is the root object's "items", in a JSON text. */
function jsonItemOffsets(text: string): number[] | undefined {
  let i = 0;
  while (isBlank(text.charCodeAt(i))) i += 1;
  if (text[i] !== '{') return undefined;
  let depth = 0;
  let itemsDepth = -1;
  const offsets: number[] = [];
  let expectItem = false;
  let previous = '';
  for (; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) continue;
    if (expectItem && c !== 0x5d) {
      offsets.push(i);
      expectItem = false;
    }
    if (c === 0x27) return undefined;
    if (c === QUOTE) {
      const end = BEFORE_STRING.has(previous) ? afterString(text, i) : -1;
      if (end === -1) return undefined;
      previous = '"';
      if (depth === 1 && itemsDepth === -1 && text.slice(i, end) === '"items"') {
        let j = end;
        while (isBlank(text.charCodeAt(j))) j += 1;
        if (text[j] === ':') {
          j += 1;
          while (isBlank(text.charCodeAt(j))) j += 1;
          if (text[j] !== '[') return undefined;
          itemsDepth = 2;
          depth = 2;
          expectItem = true;
          previous = '[';
          i = j;
          continue;
        }
      }
      i = end - 1;
      continue;
    }
    previous = text[i];
    if (c === 0x7b || c === 0x5b) depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      if (itemsDepth !== -1 && depth === 1) return offsets;
      // The first value ended without items: a later one of a JSON stream is not this document's root.
      if (depth === 0) return undefined;
    } else if (c === 0x2c && depth === itemsDepth) expectItem = true;
  }
  return undefined;
}

/**
 * The start of each entry of the block sequence under the root mapping's `items:` key, in a YAML
 * document whose keys start at column 0: each entry is a `-` at the column of the first one.
 */
function yamlItemOffsets(text: string): number[] | undefined {
  const key = /^items:[ \t]*(?:#[^\n]*)?\r?\n/m.exec(text);
  if (!key) return undefined;
  const offsets: number[] = [];
  let column = -1;
  for (let lineStart = key.index + key[0].length; lineStart < text.length; ) {
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = text.length;
    let i = lineStart;
    while (text.charCodeAt(i) === SPACE) i += 1;
    const c = text.charCodeAt(i);
    const blankOrComment = i === end || c === CR || c === 0x23;
    if (!blankOrComment) {
      const entry = c === 0x2d && (i + 1 === end || isBlank(text.charCodeAt(i + 1)));
      if (column === -1) {
        if (!entry) return undefined;
        column = i - lineStart;
      }
      if (i - lineStart < column || (i - lineStart === column && !entry)) break;
      if (i - lineStart === column) {
        let content = i + 1;
        while (text.charCodeAt(content) === SPACE) content += 1;
        // An entry whose content starts on a later line: the `yaml` library puts the item there.
        if (content >= end || text.charCodeAt(content) === CR || text.charCodeAt(content) === 0x23) return undefined;
        offsets.push(content);
      }
    }
    lineStart = end + 1;
  }
  return offsets;
}

/**
 * 0-based lines of the `count` items of a list document (the root's `items`), or undefined when the
 * scan does not find exactly that many (nested lists, other layouts): then each is looked up.
 */
export function listItemLines(text: string, count: number): number[] | undefined {
  const offsets = jsonItemOffsets(text) ?? yamlItemOffsets(text);
  return offsets && offsets.length === count ? linesOf(text, offsets) : undefined;
}
