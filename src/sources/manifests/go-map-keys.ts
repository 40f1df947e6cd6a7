import { yamlLibrary } from '../../yaml-library.js';
import { isMergeKey, ValueError } from './kubernetes-value.js';
import { parsedYaml } from './yaml-positions.js';
import { exactGoInteger, resolveYaml11Number, YAML11_BOOLEANS, YAML11_NULLS } from './yaml11-scalars.js';

/**
 * The JSON key sigs.k8s.io/yaml makes of a plain mapping key that go-yaml reads as a number
 * (convertToJSONableObject): an int64 in decimal, a float as strconv.FormatFloat(f, 'g', -1, 32)
 * (so `0.30000000000000004` is "0.3" and `1e6` is "1e+06"), ±.inf and .nan spelled so; a uint64
 * beyond int64 is refused. Undefined when the key is no number or JavaScript's String() of the
 * number js-yaml made already says the same.
 */
export function goMapKey(source: string): { key: string } | { refused: string } | undefined {
  const number = resolveYaml11Number(source);
  if (!number) return undefined;
  const key = number.integer ? goIntegerKey(source, number.value) : goFloat32Key(number.value);
  if (key === undefined) return { refused: `a mapping key is ${source}, an unsigned integer beyond int64, which Kubernetes cannot turn into a JSON key` };
  return key === String(number.value) ? undefined : { key };
}

const INT64_MAX = 2n ** 63n - 1n;

/** strconv.FormatInt of the int64 go-yaml read, or undefined for a uint64 beyond int64 (refused). */
function goIntegerKey(source: string, value: number): string | undefined {
  if (Number.isSafeInteger(value)) return String(value);
  const exact = exactGoInteger(source.replaceAll('_', ''))!; // resolveYaml11Number read it as an integer
  return exact > INT64_MAX ? undefined : exact.toString();
}

/** strconv.FormatFloat(value, 'g', -1, 32): the shortest digits that round-trip float32. */
function goFloat32Key(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  const single = Math.fround(value);
  if (!Number.isFinite(single)) return single > 0 ? '.inf' : '-.inf';
  const sign = single < 0 || Object.is(single, -0) ? '-' : '';
  const magnitude = Math.abs(single);
  if (magnitude === 0) return `${sign}0`;
  let shortest = magnitude.toExponential(8);
  for (let precision = 0; precision < 9; precision += 1) {
    const candidate = magnitude.toExponential(precision);
    if (Math.fround(Number(candidate)) === magnitude) {
      shortest = candidate;
      break;
    }
  }
  const [mantissa, exponentText] = shortest.split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${rest}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The key js-yaml made of a plain key under KUBERNETES_YAML_SCHEMA: String() of what it resolves to. */
function jsYamlKey(source: string): string {
  if (YAML11_NULLS.has(source)) return 'null';
  const boolean = YAML11_BOOLEANS.get(source);
  if (boolean !== undefined) return String(boolean);
  const number = resolveYaml11Number(source);
  return number ? String(number.value) : source;
}

/** Plain keys whose JSON key may differ from JavaScript's: floats, ±.inf, .nan, integers past 2^53. */
export const MAYBE_GO_NUMBER_KEY = /(^|[\s,[{?])[-+]?(\.[0-9]|\.inf|\.nan|[0-9][0-9_]*([.eE]|[0-9_]{15}))[^\s:]*[ \t]*:(\s|$)/im;

/**
 * Gives the plain number keys of a value js-yaml read from `text` the names sigs.k8s.io/yaml
 * gives them (goMapKey), walking the document and the value side by side. Throws ValueError for a
 * key Kubernetes refuses, or one that becomes a key the mapping already has.
 */
export function convertNumberKeys(text: string, root: unknown): void {
  const parsed = parsedYaml(text);
  if (!parsed) return;
  const { document } = parsed;
  const { isAlias, isMap, isSeq, isScalar } = yamlLibrary();
  const path: (string | number)[] = [];
  // An alias shares its anchor's value, which is renamed once: each value is walked once, so an alias bomb costs nothing here.
  const seen = new Set<object>();
  const walk = (node: unknown, value: unknown): void => {
    const target = isAlias(node) ? node.resolve(document) : node;
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (isSeq(target) && Array.isArray(value)) {
      target.items.forEach((item, i) => {
        path.push(i);
        walk(item, value[i]);
        path.pop();
      });
    }
    if (!isMap(target) || Array.isArray(value)) return;
    const record = value as Record<string, unknown>;
    // Each plain << is a key of its own (MERGE_KEY_PREFIX), in document order.
    const mergeKeys = Object.keys(record).filter(isMergeKey);
    for (const pair of target.items) {
      const key = pair.key;
      if (!isScalar(key)) continue;
      const plain = key.type === 'PLAIN' && !key.tag && typeof key.source === 'string';
      let name = plain ? (key.source === '<<' ? (mergeKeys.shift() ?? '<<') : jsYamlKey(key.source as string)) : String(key.value);
      const go = plain ? goMapKey(key.source as string) : undefined;
      if (go && 'refused' in go) throw new ValueError(go.refused, [...path, name], undefined, parsed.line(key));
      if (go && Object.hasOwn(record, name)) {
        if (Object.hasOwn(record, go.key)) throw new ValueError(`key "${go.key}" is set twice in one mapping (${key.source as string} is "${go.key}" to Kubernetes)`, [...path, name], undefined, parsed.line(key));
        Object.defineProperty(record, go.key, { value: record[name], enumerable: true, writable: true, configurable: true });
        delete record[name];
      }
      if (go) name = go.key;
      path.push(name);
      walk(pair.value, record[name]);
      path.pop();
    }
  };
  walk(document.contents, root);
}
