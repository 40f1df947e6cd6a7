/**
 * How Kubernetes resolves plain YAML scalars: the YAML 1.1 rules of go-yaml v2 (resolve.go), which
 * sigs.k8s.io/yaml uses. `on`, `yes`, `y` are true, `0755` is octal, `1_000` is 1000, timestamps stay
 * strings. Written by hand because no JavaScript YAML library resolves exactly this set.
 */

/** Plain scalars that resolve to a boolean, as go-yaml v2 lists them. */
export const YAML11_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, boolean] => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, boolean] => [s, false]),
]);

/** Plain scalars that resolve to null. */
export const YAML11_NULLS: ReadonlySet<string> = new Set(['', '~', 'null', 'Null', 'NULL']);

const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.nan', '.NaN', '.NAN'].map((s): [string, number] => [s, Number.NaN]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s): [string, number] => [s, Number.POSITIVE_INFINITY]),
  ...['-.inf', '-.Inf', '-.INF'].map((s): [string, number] => [s, Number.NEGATIVE_INFINITY]),
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** A number and whether it is an integer, or undefined when the text is no number. */
export interface ResolvedNumber {
  value: number;
  integer: boolean;
}

/** Go's strconv.ParseInt(s, 0, 64), falling back to ParseUint, as go-yaml tries them: the exact integer, or undefined. */
export function exactGoInteger(text: string): bigint | undefined {
  let sign = 1n;
  let rest = text;
  if (rest[0] === '+' || rest[0] === '-') {
    sign = rest[0] === '-' ? -1n : 1n;
    rest = rest.slice(1);
  }
  let base = 10;
  const prefix = rest.slice(0, 2).toLowerCase();
  if (prefix === '0x') base = 16;
  else if (prefix === '0b') base = 2;
  else if (prefix === '0o') base = 8;
  else if (rest.length > 1 && rest[0] === '0') base = 8;
  const digits = base === 10 ? rest : base === 8 && prefix !== '0o' ? rest.slice(1) : rest.slice(2);
  if (!DIGITS[base].test(digits)) return undefined;
  const value = sign * BigInt(base === 10 ? digits : `0${prefix === '0x' ? 'x' : prefix === '0b' ? 'b' : 'o'}${digits}`);
  // ParseUint takes no sign, so "+" or "-" beyond int64 fails both parsers.
  if (value > INT64_MAX || value < -INT64_MAX - 1n) return text === rest && value <= UINT64_MAX ? value : undefined;
  return value;
}

/** A decimal integer of up to 15 digits without a leading zero: a JavaScript number as it stands. */
const SHORT_DECIMAL = /^[-+]?(0|[1-9][0-9]{0,14})$/;

/** exactGoInteger as a JavaScript number; short decimals, as most are, without a BigInt. */
function parseGoInteger(text: string): number | undefined {
  if (SHORT_DECIMAL.test(text)) return Number(text);
  const exact = exactGoInteger(text);
  return exact === undefined ? undefined : Number(exact);
}

/** The number a plain scalar stands for under go-yaml v2's rules, or undefined. */
export function resolveYaml11Number(text: string): ResolvedNumber | undefined {
  const first = text.charCodeAt(0);
  if (first === 46 /* . */) {
    const special = SPECIAL_FLOATS.get(text);
    if (special !== undefined) return { value: special, integer: false };
    return GO_FLOAT.test(text) ? finiteFloat(Number(text)) : undefined;
  }
  const signed = first === 43 || first === 45; // + -
  if (!signed && !(first >= 48 && first <= 57)) return undefined;
  if (signed) {
    const special = SPECIAL_FLOATS.get(text);
    if (special !== undefined) return { value: special, integer: false };
  }
  const plain = text.includes('_') ? text.replaceAll('_', '') : text;
  const integer = parseGoInteger(plain);
  if (integer !== undefined) return { value: integer === 0 ? 0 : integer, integer: true };
  if (YAML_STYLE_FLOAT.test(plain)) return finiteFloat(Number(plain));
  return undefined;
}

/** go-yaml keeps a float that overflows float64 (`1e400`) a string: strconv.ParseFloat fails with ErrRange. */
function finiteFloat(value: number): ResolvedNumber | undefined {
  return Number.isFinite(value) ? { value, integer: false } : undefined;
}
