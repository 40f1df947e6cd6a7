import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';

/** Builders for the sanitiser tests: hostile strings, and real manifests with them planted in every field a user controls. */

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/** Every C0 and C1 control, DEL, the bidi and other format characters, line separators and lone surrogates. */
export const CONTROL_AND_FORMAT = [
  ...range(0x00, 0x1f),
  ...range(0x7f, 0x9f),
  '\u00ad', ...range(0x0600, 0x0605), '\u061c', '\u06dd', '\u070f', '\u180e',
  ...range(0x200b, 0x200f), ...range(0x202a, 0x202e), ...range(0x2060, 0x2064), ...range(0x2066, 0x206f),
  '\u2028', '\u2029', '\ufeff', ...range(0xfff9, 0xfffb), '\u{110bd}', '\u{1d173}', '\u{e0001}', ...range(0xe0020, 0xe007f),
  '\ud800', '\udbff', '\udc00', '\udfff',
];

/** Whole attacks: terminal escapes, a GitHub workflow command and a forged summary line on a line of their own. */
export const ATTACKS = [
  '\u001b]0;pwned\u0007',
  '\u001b[2J\u001b[H',
  '\u001b[31mred\u001b[0m',
  '\r\u001b[K',
  'abc\b\b\b',
  '\n::error file=app.js,line=1::forged',
  '\r\n0 services, 0 errors, 0 warnings, 0 info (0 suppressed)',
  '\u202eevil\u202c',
  '\u2066rtl\u2069',
];

/** A hostile string: ordinary text mixed with controls, format characters and whole attacks. */
export const hostileString = fc
  .array(fc.oneof(fc.constantFrom(...CONTROL_AND_FORMAT), fc.constantFrom(...ATTACKS), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''));

// Fields whose value the analysis interprets (kinds, addresses, enums, times): left alone so the scenario keeps its shape.
const KEEP = new Set(['apiVersion', 'kind', 'type', 'protocol', 'ip', 'ips', 'podIP', 'podIPs', 'hostIP', 'clusterIP', 'clusterIPs', 'addresses',
  'addressType', 'phase', 'status', 'ipFamilies', 'ipFamilyPolicy', 'sessionAffinity', 'externalTrafficPolicy', 'internalTrafficPolicy',
  'uid', 'creationTimestamp', 'deletionTimestamp', 'lastTransitionTime', 'startedAt', 'finishedAt', 'apiGroup', 'address', 'port', 'containerPort']);
const MAPS = new Set(['labels', 'annotations', 'selector', 'matchLabels', 'nodeSelector']);

/** Appends a hostile suffix to each user-set string (the same original gets the same suffix, so selectors still match). */
export function plant<T>(value: T, hostile: readonly string[], key = '', inMap = false): T {
  const suffix = (text: string) => hostile[[...text].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) >>> 0, 7) % hostile.length];
  if (typeof value === 'string') return (KEEP.has(key) && !inMap ? value : value + suffix(value)) as T;
  if (Array.isArray(value)) return value.map((item) => plant(item, hostile, key, false)) as T;
  if (value === null || typeof value !== 'object') return value;
  const isMap = MAPS.has(key);
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [isMap ? name + suffix(name) : name, plant(item, hostile, isMap ? '' : name, isMap)]),
  ) as T;
}

const root = join(import.meta.dirname, '../../..');

/** The examples/shop manifests (for lint) and the live shop fixture (for explain, check, why-not and pod). */
export function shopObjects(): { lint: Record<string, unknown>[]; live: Record<string, unknown>[] } {
  const dir = join(root, 'examples/shop');
  const lint = readdirSync(dir).sort().flatMap((file) => parseManifestText(readFileSync(join(dir, file), 'utf8'), file).map((parsed) => parsed.value));
  const fixture = join(root, 'test/fixtures/live/shop.yaml');
  const live = parseManifestText(readFileSync(fixture, 'utf8'), fixture).map((parsed) => parsed.value);
  return { lint, live };
}
