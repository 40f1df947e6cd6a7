import jsYaml from 'js-yaml';
import { decodeGoBytes } from './go-strings.js';
import { resolveYaml11Number, YAML11_BOOLEANS, YAML11_NULLS } from './yaml11-scalars.js';

const { FAILSAFE_SCHEMA, Type } = jsYaml;

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

/** Any other tag (`!Ref`, `!!set`, `!!timestamp`) is ignored: go-yaml keeps the plain value. */
const otherTags = (['scalar', 'sequence', 'mapping'] as const).flatMap((kind) =>
  ['!', 'tag:'].map((prefix) => new Type(prefix, { kind, multi: true, construct: (data: unknown) => (data === null && kind === 'scalar' ? '' : data) })),
);

/**
 * The schema Kubernetes reads manifests with: YAML 1.1 scalars as go-yaml v2 resolves them. Merge
 * keys are left as `<<` entries here and applied afterwards (apply-merge-keys.ts), since go-yaml
 * treats a key set both by a merge and explicitly as a duplicate, which js-yaml's merge hides.
 */
export const KUBERNETES_YAML_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, numberType],
  explicit: [intType, binaryType, ...otherTags],
});
