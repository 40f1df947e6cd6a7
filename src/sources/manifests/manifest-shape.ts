import { InputError } from '../../errors.js';
import { ROUTE_FIELDS_BY_KIND, type FieldShape } from './route-shape.js';

type Shape = FieldShape;

/** Fields the analysis reads, by kind, with the JSON shape the API requires of them. */
const POD_SPEC_FIELDS: [string, Shape][] = [
  ['containers', 'array'],
  ['containers[]', 'object'],
  ['containers[].ports', 'array'],
  ['containers[].ports[]', 'object'],
  ['initContainers', 'array'],
  ['initContainers[]', 'object'],
  ['initContainers[].ports', 'array'],
  ['initContainers[].ports[]', 'object'],
  ['containers[].name', 'string'],
  ['containers[].ports[].name', 'string'],
  ['containers[].ports[].protocol', 'string'],
  ['initContainers[].name', 'string'],
  ['initContainers[].ports[].name', 'string'],
  ['initContainers[].ports[].protocol', 'string'],
  // The Pod's DNS name (hostname.subdomain.namespace.svc) is built from these two.
  ['hostname', 'string'],
  ['subdomain', 'string'],
];

const TEMPLATE_FIELDS: [string, Shape][] = [
  ['metadata', 'object'],
  ['metadata.labels', 'labels'],
  ['spec', 'object'],
  ...POD_SPEC_FIELDS.map(([path, shape]): [string, Shape] => [`spec.${path}`, shape]),
];

// A Map: `kind` comes from the input, and `kind: constructor` must not find Object's members.
const FIELDS_BY_KIND = new Map<string, [string, Shape][]>(Object.entries({
  Service: [
    ['spec', 'object'],
    ['spec.selector', 'labels'],
    ['spec.ports', 'array'],
    ['spec.ports[]', 'object'],
    // Go decodes these into strings (or IntOrString): any other JSON type fails the whole object.
    ['spec.type', 'string'],
    ['spec.clusterIP', 'string'],
    ['spec.clusterIPs', 'array'],
    ['spec.clusterIPs[]', 'string'],
    ['spec.ipFamilies', 'array'],
    ['spec.ipFamilies[]', 'string'],
    ['spec.ipFamilyPolicy', 'string'],
    ['spec.externalName', 'string'],
    ['spec.externalTrafficPolicy', 'string'],
    ['spec.internalTrafficPolicy', 'string'],
    ['spec.trafficDistribution', 'string'],
    ['spec.sessionAffinity', 'string'],
    ['spec.ports[].name', 'string'],
    ['spec.ports[].protocol', 'string'],
    ['spec.ports[].appProtocol', 'string'],
    ['spec.ports[].targetPort', 'intOrString'],
  ],
  Pod: [
    ['spec', 'object'],
    ...POD_SPEC_FIELDS.map(([path, shape]): [string, Shape] => [`spec.${path}`, shape]),
    // A Pod manifest may carry status (a saved `kubectl get -o yaml`); readiness and IPs are read from it.
    ['status', 'object'],
    ['status.conditions', 'array'],
    ['status.conditions[]', 'object'],
    ['status.podIPs', 'array'],
    ['status.podIPs[]', 'object'],
    ['status.containerStatuses', 'array'],
    ['status.containerStatuses[]', 'object'],
    ['status.initContainerStatuses', 'array'],
    ['status.initContainerStatuses[]', 'object'],
  ],
  CronJob: [
    ['spec', 'object'],
    ['spec.jobTemplate', 'object'],
    ['spec.jobTemplate.spec', 'object'],
    ...TEMPLATE_FIELDS.map(([path, shape]): [string, Shape] => [`spec.jobTemplate.spec.template.${path}`, shape]),
  ],
}));

/** A metav1.LabelSelector's fields at a path. */
function selectorFields(path: string): [string, Shape][] {
  return [[path, 'object'], [`${path}.matchLabels`, 'labels'], [`${path}.matchExpressions`, 'array'], [`${path}.matchExpressions[]`, 'object'], [`${path}.matchExpressions[].values`, 'array']];
}

/** NetworkPolicy rules: peers (from/to) with selectors and ipBlocks, and ports. */
function policyRuleFields(direction: 'ingress' | 'egress'): [string, Shape][] {
  const peers = `spec.${direction}[].${direction === 'ingress' ? 'from' : 'to'}`;
  return [
    [`spec.${direction}`, 'array'],
    [`spec.${direction}[]`, 'object'],
    [peers, 'array'],
    [`${peers}[]`, 'object'],
    ...selectorFields(`${peers}[].podSelector`),
    ...selectorFields(`${peers}[].namespaceSelector`),
    [`${peers}[].ipBlock`, 'object'],
    [`${peers}[].ipBlock.except`, 'array'],
    [`spec.${direction}[].ports`, 'array'],
    [`spec.${direction}[].ports[]`, 'object'],
  ];
}
FIELDS_BY_KIND.set('NetworkPolicy', [['spec', 'object'], ...selectorFields('spec.podSelector'), ['spec.policyTypes', 'array'], ...policyRuleFields('ingress'), ...policyRuleFields('egress')]);
const SELECTOR_FIELDS = selectorFields('spec.selector');
FIELDS_BY_KIND.set('ServiceMonitor', [['spec', 'object'], ...SELECTOR_FIELDS, ['spec.namespaceSelector', 'object'], ['spec.namespaceSelector.matchNames', 'array'], ['spec.endpoints', 'array'], ['spec.endpoints[]', 'object']]);
FIELDS_BY_KIND.set('PodMonitor', [['spec', 'object'], ...SELECTOR_FIELDS, ['spec.namespaceSelector', 'object'], ['spec.namespaceSelector.matchNames', 'array'], ['spec.podMetricsEndpoints', 'array'], ['spec.podMetricsEndpoints[]', 'object']]);
// Hand-written endpoints, as the mirroring and kube-proxy predictions read them.
const ENDPOINT_PORT_FIELDS = (path: string): [string, Shape][] => [[path, 'array'], [`${path}[]`, 'object'], [`${path}[].name`, 'string'], [`${path}[].port`, 'integer'], [`${path}[].protocol`, 'string'], [`${path}[].appProtocol`, 'string']];
const ENDPOINT_ADDRESS_FIELDS = (path: string): [string, Shape][] => [[path, 'array'], [`${path}[]`, 'object'], [`${path}[].ip`, 'string'], [`${path}[].hostname`, 'string'], [`${path}[].nodeName`, 'string']];
FIELDS_BY_KIND.set('Endpoints', [
  ['subsets', 'array'],
  ['subsets[]', 'object'],
  ...ENDPOINT_ADDRESS_FIELDS('subsets[].addresses'),
  ...ENDPOINT_ADDRESS_FIELDS('subsets[].notReadyAddresses'),
  ...ENDPOINT_PORT_FIELDS('subsets[].ports'),
]);
FIELDS_BY_KIND.set('EndpointSlice', [
  ['addressType', 'string'],
  ['endpoints', 'array'],
  ['endpoints[]', 'object'],
  ['endpoints[].addresses', 'array'],
  ['endpoints[].addresses[]', 'string'],
  ['endpoints[].conditions', 'object'],
  ['endpoints[].conditions.ready', 'boolean'],
  ['endpoints[].conditions.serving', 'boolean'],
  ['endpoints[].conditions.terminating', 'boolean'],
  ['endpoints[].hostname', 'string'],
  ['endpoints[].nodeName', 'string'],
  ['endpoints[].zone', 'string'],
  ['endpoints[].hints', 'object'],
  ['endpoints[].hints.forZones', 'array'],
  ['endpoints[].hints.forZones[]', 'object'],
  ['endpoints[].hints.forZones[].name', 'string'],
  ['endpoints[].hints.forNodes', 'array'],
  ['endpoints[].hints.forNodes[]', 'object'],
  ['endpoints[].hints.forNodes[].name', 'string'],
  ...ENDPOINT_PORT_FIELDS('ports'),
]);
FIELDS_BY_KIND.set('PodDisruptionBudget', [['spec', 'object'], ...SELECTOR_FIELDS]);
for (const kind of ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job']) {
  FIELDS_BY_KIND.set(kind, [['spec', 'object'], ['spec.template', 'object'], ...TEMPLATE_FIELDS.map(([path, shape]): [string, Shape] => [`spec.template.${path}`, shape])]);
}
for (const kind of ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']) FIELDS_BY_KIND.get(kind)!.push(...SELECTOR_FIELDS);
FIELDS_BY_KIND.get('ReplicationController')!.push(['spec.selector', 'labels']);
for (const [kind, fields] of ROUTE_FIELDS_BY_KIND) FIELDS_BY_KIND.set(kind, fields);

const SHAPE_NAMES: Record<Shape, string> = { object: 'a mapping', labels: 'a mapping', array: 'a list', string: 'a string', integer: 'an integer', intOrString: 'an integer or a string', boolean: 'true or false' };

function hasShape(value: unknown, shape: Shape): boolean {
  if (shape === 'array') return Array.isArray(value);
  if (shape === 'string') return typeof value === 'string';
  if (shape === 'integer') return Number.isInteger(value);
  if (shape === 'boolean') return typeof value === 'boolean';
  if (shape === 'intOrString') return Number.isInteger(value) || typeof value === 'string';
  return isPlainObject(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Step = { key: string; each: boolean };
/** A field to check: its path as steps, and the shape it must have. */
type CompiledField = { steps: Step[]; shape: Shape };

function compile(path: string): Step[] {
  return path.split('.').map((part) => (part.endsWith('[]') ? { key: part.slice(0, -2), each: true } : { key: part, each: false }));
}

/** The fields of one kind as a tree of steps, so one walk checks them all (each parent is visited once). */
type FieldTree = { key: string; each: boolean; shapes: Shape[]; children: FieldTree[] };

// Per kind, compiled on first use (after every module has added its kinds' fields).
const COMPILED_BY_KIND = new Map<string, { fields: CompiledField[]; tree: FieldTree }>();
function fieldsOf(kind: string): { fields: CompiledField[]; tree: FieldTree } {
  let compiled = COMPILED_BY_KIND.get(kind);
  if (!compiled) {
    const paths: [string, Shape][] = [['metadata.labels', 'labels'], ['metadata.annotations', 'labels'], ...(FIELDS_BY_KIND.get(kind) ?? [])];
    const fields = paths.map(([path, shape]) => ({ steps: compile(path), shape }));
    const tree: FieldTree = { key: '', each: false, shapes: [], children: [] };
    for (const { steps, shape } of fields) {
      let node = tree;
      for (const { key, each } of steps) {
        let child = node.children.find((candidate) => candidate.key === key && candidate.each === each);
        if (!child) node.children.push((child = { key, each, shapes: [], children: [] }));
        node = child;
      }
      node.shapes.push(shape);
    }
    COMPILED_BY_KIND.set(kind, (compiled = { fields, tree }));
  }
  return compiled;
}

/** What a label map needs: nothing, a null value made "" (as Kubernetes stores it), or an error. */
function labelsAreFine(map: Record<string, unknown>): boolean {
  for (const key in map) {
    if (!Object.hasOwn(map, key)) continue;
    const entry = map[key];
    if (typeof entry === 'string') continue;
    if (entry === null || entry === undefined) Object.defineProperty(map, key, { value: '', enumerable: true, writable: true, configurable: true });
    else return false;
  }
  return true;
}

/** True when every field in the tree has its shape (null label values made ""), in one walk; false at the first that does not. */
function hasShapes(value: unknown, node: FieldTree): boolean {
  for (const shape of node.shapes) {
    if (!hasShape(value, shape)) return false;
    if (shape === 'labels' && !labelsAreFine(value as Record<string, unknown>)) return false;
  }
  if (node.children.length === 0 || !isPlainObject(value)) return true;
  for (const child of node.children) {
    if (!Object.hasOwn(value, child.key)) continue;
    const item = value[child.key];
    if (item === undefined || item === null) continue;
    if (!child.each) {
      if (!hasShapes(item, child)) return false;
    } else if (Array.isArray(item)) {
      for (const element of item) if (!hasShapes(element, child)) return false;
    }
  }
  return true;
}

/** "spec.containers[0].ports" from the keys and indices walked: built only for a message. */
function locationOf(trail: readonly (string | number)[]): string {
  let at = '';
  for (const part of trail) at = typeof part === 'number' ? `${at}[${part}]` : at ? `${at}.${part}` : part;
  return at;
}

/**
 * Calls `visit` with every value at a path like "spec.containers[].ports", skipping absent parents,
 * in document order; `trail` holds the keys and indices to it. No list or location string is built
 * per value: these run on every object read, and only a message needs the location.
 */
function eachValueAt(value: unknown, steps: Step[], index: number, trail: (string | number)[], visit: (value: unknown, trail: (string | number)[]) => void): void {
  if (index === steps.length) return visit(value, trail);
  const { key, each } = steps[index];
  if (!isPlainObject(value) || !Object.hasOwn(value, key)) return;
  const child = value[key];
  if (child === undefined || child === null || (each && !Array.isArray(child))) return;
  trail.push(key);
  if (!each) eachValueAt(child, steps, index + 1, trail, visit);
  else {
    for (let i = 0; i < (child as unknown[]).length; i += 1) {
      trail.push(i);
      eachValueAt((child as unknown[])[i], steps, index + 1, trail, visit);
      trail.pop();
    }
  }
  trail.pop();
}

/** A label value Kubernetes reads as a number or boolean: said with the text the author wrote (`on`). */
function typedValueError(where: string, at: string, key: string, entry: number | boolean, spellingAt?: SpellingAt): InputError {
  const spelling = spellingAt?.([...at.split('.'), key]) ?? String(entry);
  return new InputError(`${where}: ${at}.${key}: \`${spelling}\` is a ${typeof entry} to Kubernetes, not a string: quote it ("${spelling}")`);
}

/** Looks up the source text of a scalar by its path in the object. */
export type SpellingAt = (path: (string | number)[]) => string | undefined;

/**
 * Rejects objects whose fields have a shape the API server would refuse (a string where a list
 * belongs, a label value that YAML reads as a number or boolean), so the analysis never trips over
 * them; a null label value becomes "", as Kubernetes stores it.
 */
export function checkManifestShape(object: Record<string, unknown>, kind: string, where: string, spellingAt?: SpellingAt): void {
  const metadata = object.metadata;
  if (metadata !== undefined && metadata !== null && !isPlainObject(metadata)) throw new InputError(`${where}: metadata must be a mapping`);
  const { fields, tree } = fieldsOf(kind);
  // One walk of the tree for the common case; the error of a bad object is found by the ordered walk below.
  if (hasShapes(object, tree)) return;
  for (const { steps, shape } of fields) {
    eachValueAt(object, steps, 0, [], (value, trail) => {
      if ((shape === 'string' && typeof value === 'number') || ((shape === 'string' || shape === 'intOrString') && typeof value === 'boolean')) {
        const spelling = spellingAt?.([...trail]) ?? String(value);
        throw new InputError(`${where}: ${locationOf(trail)}: \`${spelling}\` is a ${typeof value} to Kubernetes, not a string: quote it ("${spelling}")`);
      }
      if (!hasShape(value, shape)) throw new InputError(`${where}: ${locationOf(trail)} must be ${SHAPE_NAMES[shape]}${shape === 'integer' && typeof value === 'string' ? `, not the string "${value}"` : ''}`);
      if (shape !== 'labels') return;
      const map = value as Record<string, unknown>;
      for (const key in map) {
        if (!Object.hasOwn(map, key)) continue;
        const entry = map[key];
        if (typeof entry === 'string') continue;
        if (entry === null || entry === undefined) Object.defineProperty(map, key, { value: '', enumerable: true, writable: true, configurable: true });
        else if (typeof entry === 'number' || typeof entry === 'boolean') throw typedValueError(where, locationOf(trail), key, entry, spellingAt);
        else if (typeof entry !== 'string') throw new InputError(`${where}: ${locationOf(trail)}.${key} must be a string`);
      }
    });
  }
}
