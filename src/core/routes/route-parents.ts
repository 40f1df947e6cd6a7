import { matchesLabelSelector } from '../label-selector.js';
import type { Entry, Snapshot } from '../snapshot.js';
import { listenerAcceptsHostnames } from './hostnames.js';
import { GATEWAY_GROUP } from './route-kinds.js';
import type { Gateway, GatewayListener, GatewayRoute, ParentReference, RouteCondition } from './types.js';

/** Why one listener does or does not take the route; `accepts` is null when the input cannot tell (a namespace selector on a Namespace not in the input). */
export interface ListenerVerdict {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  accepts: boolean | null;
  reason?: string;
}

/** One parentRef of a route, resolved against the Gateways of the snapshot. */
export interface ParentVerdict {
  position: string;
  /** The parentRef with its defaults: group gateway.networking.k8s.io, kind Gateway, namespace the route's. */
  gateway: { namespace: string; name: string; sectionName?: string; port?: number };
  /** not-gateway: a parent of another kind (a mesh Service), not checked. */
  state: 'accepted' | 'rejected' | 'gateway-missing' | 'unknown' | 'not-gateway';
  listeners: ListenerVerdict[];
  /** The controller's Accepted condition for this parentRef (route status), when one was written. */
  condition?: RouteCondition;
  /** What is wrong, in words, for rejected and gateway-missing. */
  problem?: string;
}

/** The route kinds a listener protocol takes when allowedRoutes.kinds is empty. */
const KINDS_BY_PROTOCOL: Record<string, readonly string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** Kinds that match on hostnames (TCP and UDP routes have none). */
const HOSTNAME_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'];

function kindProblem(listener: GatewayListener, kind: string): string | null {
  const kinds = listener.allowedRoutes?.kinds ?? [];
  if (kinds.length > 0) {
    if (kinds.some((allowed) => allowed.kind === kind && (allowed.group ?? GATEWAY_GROUP) === GATEWAY_GROUP)) return null;
    return `allowedRoutes.kinds is ${kinds.map((allowed) => allowed.kind).join(', ')}, not ${kind}`;
  }
  const byProtocol = KINDS_BY_PROTOCOL[listener.protocol];
  if (!byProtocol || byProtocol.includes(kind)) return null;
  return `protocol ${listener.protocol} takes ${byProtocol.join(' and ')}, not ${kind}`;
}

function namespaceVerdict(snapshot: Snapshot, listener: GatewayListener, gatewayNamespace: string, routeNamespace: string): { accepts: boolean | null; reason?: string } {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return { accepts: true };
  if (from === 'Same') return routeNamespace === gatewayNamespace ? { accepts: true } : { accepts: false, reason: `allowedRoutes.namespaces.from is Same (namespace ${gatewayNamespace}), the route is in ${routeNamespace}` };
  if (from !== 'Selector') return { accepts: null };
  const selector = listener.allowedRoutes?.namespaces?.selector ?? {};
  const namespace = snapshot.namespaces.find((entry) => entry.ref.name === routeNamespace);
  const labels = namespace?.object.metadata.labels ?? { 'kubernetes.io/metadata.name': routeNamespace };
  if (matchesLabelSelector(selector, labels)) return { accepts: true };
  // Without the Namespace object only its name label is known: a selector on other labels cannot be decided.
  if (!namespace) return { accepts: null };
  return { accepts: false, reason: `allowedRoutes.namespaces.selector does not select namespace ${routeNamespace}` };
}

function listenerVerdict(snapshot: Snapshot, gateway: Entry<Gateway>, listener: GatewayListener, route: Entry<GatewayRoute>): ListenerVerdict {
  const base: ListenerVerdict = { name: listener.name, port: listener.port, protocol: listener.protocol, ...(listener.hostname ? { hostname: listener.hostname } : {}), accepts: true };
  const kind = kindProblem(listener, route.ref.kind);
  if (kind) return { ...base, accepts: false, reason: kind };
  const namespace = namespaceVerdict(snapshot, listener, gateway.ref.namespace, route.ref.namespace);
  if (namespace.accepts !== true) return { ...base, accepts: namespace.accepts, ...(namespace.reason ? { reason: namespace.reason } : {}) };
  const hostnames = (route.object.spec?.hostnames ?? []).filter((hostname): hostname is string => typeof hostname === 'string');
  if (HOSTNAME_KINDS.includes(route.ref.kind) && !listenerAcceptsHostnames(listener.hostname, hostnames)) {
    return { ...base, accepts: false, reason: `its hostname ${listener.hostname} matches none of the route's hostnames (${hostnames.join(', ')})` };
  }
  return base;
}

function sameParent(a: ParentReference, b: ParentReference, routeNamespace: string): boolean {
  return a.name === b.name && (a.namespace || routeNamespace) === (b.namespace || routeNamespace) && (a.sectionName ?? '') === (b.sectionName ?? '') && (a.port ?? 0) === (b.port ?? 0) &&
    (a.kind ?? 'Gateway') === (b.kind ?? 'Gateway');
}

function describeListeners(listeners: GatewayListener[]): string {
  return listeners.map((listener) => `${listener.name} (${listener.protocol} ${listener.port})`).join(', ') || 'none';
}

/** Resolves one parentRef: the Gateway, each listener it could attach to, and the controller's word when status holds one. */
function resolveParent(snapshot: Snapshot, route: Entry<GatewayRoute>, ref: ParentReference, position: string): ParentVerdict {
  const namespace = typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : route.ref.namespace;
  const gateway = { namespace, name: ref.name, ...(ref.sectionName ? { sectionName: ref.sectionName } : {}), ...(typeof ref.port === 'number' ? { port: ref.port } : {}) };
  const status = (route.object.status?.parents ?? []).find((parent) => parent?.parentRef && sameParent(parent.parentRef, ref, route.ref.namespace));
  const condition = status?.conditions?.find((entry) => entry?.type === 'Accepted');
  const verdict: ParentVerdict = { position, gateway, state: 'unknown', listeners: [], ...(condition ? { condition } : {}) };
  if ((ref.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || (ref.kind ?? 'Gateway') !== 'Gateway') return { ...verdict, state: 'not-gateway' };
  const entry = (snapshot.gateways ?? []).find((candidate) => candidate.ref.namespace === namespace && candidate.ref.name === ref.name);
  if (!entry) return { ...verdict, state: 'gateway-missing', problem: `Gateway ${namespace}/${ref.name} does not exist` };
  const all = (entry.object.spec?.listeners ?? []).filter((listener) => listener && typeof listener.name === 'string');
  const named = all.filter((listener) => (!ref.sectionName || listener.name === ref.sectionName) && (typeof ref.port !== 'number' || listener.port === ref.port));
  if (named.length === 0) {
    const wanted = [ref.sectionName ? `named "${ref.sectionName}"` : '', typeof ref.port === 'number' ? `on port ${ref.port}` : ''].filter(Boolean).join(' and ');
    return { ...verdict, state: 'rejected', problem: `Gateway ${namespace}/${ref.name} has no listener ${wanted} (its listeners: ${describeListeners(all)})` };
  }
  const listeners = named.map((listener) => listenerVerdict(snapshot, entry, listener, route));
  if (listeners.some((listener) => listener.accepts === true)) return { ...verdict, state: 'accepted', listeners };
  if (listeners.some((listener) => listener.accepts === null)) return { ...verdict, state: 'unknown', listeners };
  const reasons = listeners.map((listener) => `listener ${listener.name}: ${listener.reason}`).join('; ');
  return { ...verdict, state: 'rejected', listeners, problem: `no listener of Gateway ${namespace}/${ref.name} accepts the route (${reasons})` };
}

/** Every parentRef of a Gateway route, resolved. A route without parentRefs attaches nowhere. */
export function resolveParents(snapshot: Snapshot, route: Entry<GatewayRoute>): ParentVerdict[] {
  return (route.object.spec?.parentRefs ?? []).flatMap((ref, index) => (ref && typeof ref.name === 'string' ? [resolveParent(snapshot, route, ref, `spec.parentRefs[${index}]`)] : []));
}
