/** The fields of Ingress and Gateway API objects the route checks read, with the JSON shape the API requires. */
import { GATEWAY_ROUTE_KINDS } from '../../core/routes/types.js';

/** A field's required JSON shape; scalars are checked where the analysis compares them. */
export type FieldShape = 'object' | 'array' | 'labels' | 'string' | 'integer' | 'intOrString' | 'boolean';

type Fields = [string, FieldShape][];

function selector(path: string): Fields {
  return [[path, 'object'], [`${path}.matchLabels`, 'labels'], [`${path}.matchExpressions`, 'array'], [`${path}.matchExpressions[]`, 'object']];
}

function ingressBackend(path: string): Fields {
  return [[path, 'object'], [`${path}.service`, 'object'], [`${path}.service.name`, 'string'], [`${path}.service.port`, 'object'], [`${path}.service.port.number`, 'integer'], [`${path}.service.port.name`, 'string']];
}

const INGRESS: Fields = [
  ['spec', 'object'],
  ['spec.ingressClassName', 'string'],
  ...ingressBackend('spec.defaultBackend'),
  ['spec.rules', 'array'],
  ['spec.rules[]', 'object'],
  ['spec.rules[].host', 'string'],
  ['spec.rules[].http', 'object'],
  ['spec.rules[].http.paths', 'array'],
  ['spec.rules[].http.paths[]', 'object'],
  ['spec.rules[].http.paths[].path', 'string'],
  ...ingressBackend('spec.rules[].http.paths[].backend'),
];

const GATEWAY: Fields = [
  ['spec', 'object'],
  ['spec.gatewayClassName', 'string'],
  ['spec.listeners', 'array'],
  ['spec.listeners[]', 'object'],
  ['spec.listeners[].name', 'string'],
  ['spec.listeners[].hostname', 'string'],
  ['spec.listeners[].port', 'integer'],
  ['spec.listeners[].protocol', 'string'],
  ['spec.listeners[].tls', 'object'],
  ['spec.listeners[].allowedRoutes', 'object'],
  ['spec.listeners[].allowedRoutes.namespaces', 'object'],
  ['spec.listeners[].allowedRoutes.namespaces.from', 'string'],
  ...selector('spec.listeners[].allowedRoutes.namespaces.selector'),
  ['spec.listeners[].allowedRoutes.kinds', 'array'],
  ['spec.listeners[].allowedRoutes.kinds[]', 'object'],
  ['spec.listeners[].allowedRoutes.kinds[].kind', 'string'],
];

function reference(path: string): Fields {
  return [[path, 'object'], [`${path}.group`, 'string'], [`${path}.kind`, 'string'], [`${path}.namespace`, 'string'], [`${path}.name`, 'string']];
}

const ROUTE: Fields = [
  ['spec', 'object'],
  ['spec.parentRefs', 'array'],
  ...reference('spec.parentRefs[]'),
  ['spec.parentRefs[].sectionName', 'string'],
  ['spec.parentRefs[].port', 'integer'],
  ['spec.hostnames', 'array'],
  ['spec.rules', 'array'],
  ['spec.rules[]', 'object'],
  ['spec.rules[].backendRefs', 'array'],
  ...reference('spec.rules[].backendRefs[]'),
  ['spec.rules[].backendRefs[].port', 'integer'],
  ['spec.rules[].backendRefs[].weight', 'integer'],
  ['status', 'object'],
  ['status.parents', 'array'],
  ['status.parents[]', 'object'],
  ['status.parents[].parentRef', 'object'],
  ['status.parents[].conditions', 'array'],
  ['status.parents[].conditions[]', 'object'],
];

const REFERENCE_GRANT: Fields = [
  ['spec', 'object'],
  ['spec.from', 'array'],
  ['spec.from[]', 'object'],
  ['spec.to', 'array'],
  ['spec.to[]', 'object'],
];

/** Field shapes by kind, for manifest-shape.ts. */
export const ROUTE_FIELDS_BY_KIND: [string, Fields][] = [
  ['Ingress', INGRESS],
  ['Gateway', GATEWAY],
  ['ReferenceGrant', REFERENCE_GRANT],
  ...GATEWAY_ROUTE_KINDS.map((kind): [string, Fields] => [kind, ROUTE]),
];
