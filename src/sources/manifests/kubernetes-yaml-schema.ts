import jsYaml from 'js-yaml';
import { decodeGoBytes } from './go-strings.js';
import { resolveYaml11Number, YAML11_BOOLEANS, YAML11_NULLS } from './yaml11-scalars.js';

const { FAILSAFE_SCHEMA, Type } = jsYaml;

/**
 * Keys a plain `<<` becomes: go-yaml merges at every plain `<<` key (two in one mapping merge both)
 * and reads a quoted "<<" as the text, so each plain one is a key of its own, applied afterwards.
 */
export const MERGE_KEY_PREFIX = '<<\u0000merge ';
let mergeKeys = 0;
const mergeKeyType = new Type('tag:svc-explain,2026:merge-key', {
  kind: 'scalar',
  resolve: (data: string | null) => data === '<<',
  construct: () => `${MERGE_KEY_PREFIX}${(mergeKeys += 1)}`,
});

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) => data === null || YAML11_NULLS.has(data),
  construct: () => null,
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && YAML11_BOOLEANS.has(data),
  construct: (data: string) => YAML11_BOOLEANS.get(data),
});

/** Plain scalars that are numbers; integers and floats are both JavaScript numbers. */
const numberType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && resolveYaml11Number(data) !== undefined,
  construct: (data: string) => resolveYaml11Number(data)?.value,
});

/** An explicit !!int must be an integer; !!float also takes one. */
const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && resolveYaml11Number(data)?.integer === true,
  construct: (data: string) => resolveYaml11Number(data)?.value,
});

/** !!binary decodes base64 (standard alphabet, padded, line breaks ignored) to a string, as Go does. */
const binaryType = new Type('tag:yaml.org,2002:binary', {
  kind: 'scalar',
  resolve: (data: string | null) => /^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/.test(data ?? '') && (data ?? '').replace(/[\r\n]/g, '').length % 4 === 0,
  construct: (data: string | null) => decodeGoBytes(Buffer.from((data ?? '').replace(/[\r\n]/g, ''), 'base64')),
});

/** go-yaml's timestamp layouts: 2006-1-2, then T or t and 15:4:5 with a zone, or a space and 15:4:5 without one. */
const GO_TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?))?$/;

/** Whether Go's time.Parse takes the text in one of go-yaml's layouts (a real date, hours below 24). */
function isGoTimestamp(text: string): boolean {
  const match = GO_TIMESTAMP.exec(text);
  if (!match) return false;
  const [year, month, day] = [1, 2, 3].map((i) => Number(match[i]));
  const [hour, minute, second] = (match[4] !== undefined ? [4, 5, 6] : [7, 8, 9]).map((i) => Number(match[i] ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
}

/** An explicit !!timestamp must be one; its text stays a string, as go-yaml leaves it. */
const timestampType = new Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && isGoTimestamp(data),
  construct: (data: string) => data,
});

/** A scalar tagged !!map or !!seq is its text to go-yaml (the empty string when empty), as under any other tag. */
const scalarCollectionTags = ['map', 'seq'].map((name) => new Type(`tag:yaml.org,2002:${name}`, { kind: 'scalar', construct: (data: string | null) => data ?? '' }));

/** Any other tag (`!Ref`, `!!set`) is ignored: go-yaml keeps the plain value. */
const otherTags = (['scalar', 'sequence', 'mapping'] as const).flatMap((kind) =>
  ['!', 'tag:'].map((prefix) => new Type(prefix, { kind, multi: true, construct: (data: unknown) => (data === null && kind === 'scalar' ? '' : data) })),
);

/**
 * The schema Kubernetes reads manifests with: YAML 1.1 scalars as go-yaml v2 resolves them. Merge
 * keys are left as MERGE_KEY_PREFIX entries here and applied afterwards (finishKubernetesValue),
 * since go-yaml's strict reading treats a key set both by a merge and explicitly as a duplicate,
 * which js-yaml's merge hides.
 */
export const KUBERNETES_YAML_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [mergeKeyType, nullType, boolType, numberType],
  explicit: [intType, binaryType, timestampType, ...scalarCollectionTags, ...otherTags],
});
