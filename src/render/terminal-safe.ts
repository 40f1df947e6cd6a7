/**
 * The one sanitiser between input and a terminal or CI log. Every string a human renderer prints
 * that came from a manifest or the cluster passes through here first, so no name, annotation,
 * file name or container reason can move the cursor, retitle the window, reorder text (bidi) or
 * start a line of its own (a forged `::error ...::` workflow command or summary line).
 */

// Controls (C0, DEL, C1), format characters (bidi overrides and isolates, zero-width, BOM, tags),
// line and paragraph separators, and lone surrogates.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');
const NAMED = new Map([['\n', '\\n'], ['\r', '\\r'], ['\t', '\\t']]);

/** One character as a visible escape: `\n`, `\x1b`, `\u202e`, `\u{e0041}`. */
function visible(character: string): string {
  const named = NAMED.get(character);
  if (named !== undefined) return named;
  const code = character.codePointAt(0) as number;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** Anything but printable ASCII: only text with one of those needs the Unicode property test. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/** True when a string needs no escape: printable ASCII is checked by a native scan, anything else by UNSAFE. */
function isSafeText(text: string): boolean {
  return !NOT_PRINTABLE_ASCII.test(text) || !UNSAFE.test(text);
}

/** A string from input, made safe to print: every control and format character shown as an escape. */
export function escapeForTerminal(text: string): string {
  return isSafeText(text) ? text : text.replace(UNSAFE_ALL, visible);
}

/** Objects terminalSafe copies: plain ones (null-prototype included); class instances and Maps pass through. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** True when nothing in `value` needs an escape, found without allocating (the common case). */
function isSafe(value: unknown): boolean {
  if (typeof value === 'string') return isSafeText(value);
  if (value === null || typeof value !== 'object') return true;
  // Indexed and for-in loops: no array of keys or callback per object, for the 10,000 Services of a report.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!isSafe(value[i])) return false;
    return true;
  }
  if (!isPlainObject(value)) return true;
  for (const key in value) if (!isSafeText(key) || !isSafe((value as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * Plain data (what renderers take: reports and views) with every string, object key included,
 * escaped. Data with nothing to escape is returned as it is: a report of 10,000 Services rarely
 * holds one unsafe character, and copying it cost more than laying it out. A copy keeps each
 * object's prototype and defines its keys rather than assigning them, so a key named `__proto__`
 * stays a key. Anything else (numbers, Maps of our own) passes through.
 */
export function terminalSafe<T>(value: T): T {
  if (isSafe(value)) return value;
  if (typeof value === 'string') return escapeForTerminal(value) as T;
  if (Array.isArray(value)) return value.map((item) => terminalSafe(item)) as T;
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value as object)) {
    Object.defineProperty(copy, escapeForTerminal(key), { value: terminalSafe(item), enumerable: true, writable: true, configurable: true });
  }
  return copy as T;
}

/**
 * Wraps a human renderer so its input is made terminal-safe before it is formatted: the renderer's
 * own colours and line breaks are added afterwards and stay. Every text renderer is exported this way.
 */
export function forTerminal<Input, Options extends unknown[]>(render: (input: Input, ...options: Options) => string) {
  return (input: Input, ...options: Options): string => render(terminalSafe(input), ...options);
}
