import type { Entry, Snapshot } from '../snapshot.js';
import { usesRemovedIngressVersion } from './route-kinds.js';
import type { BackendReference, GatewayRoute, Ingress, IngressBackend, RouteBackend } from './types.js';

/** True when a backendRef names a core Service: group '' (or "core") and kind Service, which are the defaults. */
export function isServiceBackendRef(ref: Pick<BackendReference, 'group' | 'kind'>): boolean {
  const group = ref.group ?? '';
  return (group === '' || group === 'core') && (ref.kind ?? 'Service') === 'Service';
}

/** A backendRef's weight as the Gateway API reads it: 1 when unset; 0 sends no traffic. */
export function backendWeight(ref: Pick<BackendReference, 'weight'>): number {
  return typeof ref.weight === 'number' ? ref.weight : 1;
}

function ingressHop(entry: Entry<Ingress>, backend: IngressBackend | null | undefined, position: string, rule?: { host: string; path?: string; pathType?: string }): RouteBackend[] {
  const service = backend?.service;
  if (!service || typeof service.name !== 'string') return [];
  const port: RouteBackend['port'] = {};
  if (typeof service.port?.number === 'number') port.number = service.port.number;
  if (typeof service.port?.name === 'string' && service.port.name) port.name = service.port.name;
  return [{
    route: entry.ref,
    position,
    service: { namespace: entry.ref.namespace, name: service.name },
    port,
    ...(rule ? { host: rule.host, ...(rule.path !== undefined ? { path: rule.path } : {}), ...(rule.pathType ? { pathType: rule.pathType } : {}) } : {}),
    ...(entry.location ? { location: entry.location } : {}),
  }];
}

/** Every Service hop of an Ingress: each rule's paths in order, then defaultBackend. Removed apiVersions have none. */
export function ingressBackends(entry: Entry<Ingress>): RouteBackend[] {
  if (usesRemovedIngressVersion(entry.object, 'Ingress')) return [];
  const spec = entry.object.spec;
  const hops: RouteBackend[] = [];
  (spec?.rules ?? []).forEach((rule, ruleIndex) => {
    const host = typeof rule?.host === 'string' ? rule.host : '';
    (rule?.http?.paths ?? []).forEach((path, pathIndex) => {
      const text = typeof path?.path === 'string' ? path.path : undefined;
      const label = `${host || '*'}${text ?? '/'}`;
      hops.push(...ingressHop(entry, path?.backend, `rules[${ruleIndex}].http.paths[${pathIndex}] (${label})`, { host, ...(text !== undefined ? { path: text } : {}), ...(path?.pathType ? { pathType: path.pathType } : {}) }));
    });
  });
  hops.push(...ingressHop(entry, spec?.defaultBackend, 'defaultBackend'));
  return hops;
}

/** Every Service backendRef of a Gateway route, with its namespace defaulted to the route's and its weight (default 1). */
export function gatewayRouteBackends(entry: Entry<GatewayRoute>): RouteBackend[] {
  const hops: RouteBackend[] = [];
  (entry.object.spec?.rules ?? []).forEach((rule, ruleIndex) => {
    const total = (rule?.backendRefs ?? []).reduce((sum, ref) => sum + (ref ? Math.max(0, backendWeight(ref)) : 0), 0);
    (rule?.backendRefs ?? []).forEach((ref, refIndex) => {
      if (!ref || typeof ref.name !== 'string' || !isServiceBackendRef(ref)) return;
      hops.push({
        route: entry.ref,
        position: `rules[${ruleIndex}].backendRefs[${refIndex}]`,
        service: { namespace: typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : entry.ref.namespace, name: ref.name },
        port: typeof ref.port === 'number' ? { number: ref.port } : {},
        weight: backendWeight(ref),
        share: total > 0 ? Math.max(0, backendWeight(ref)) / total : 0,
        ...(entry.location ? { location: entry.location } : {}),
      });
    });
  });
  return hops;
}

/** The backendRefs of a Gateway route that name something other than a Service: they are no Service hop, only listed. */
export function otherBackendRefs(entry: Entry<GatewayRoute>): { position: string; ref: BackendReference }[] {
  return (entry.object.spec?.rules ?? []).flatMap((rule, ruleIndex) =>
    (rule?.backendRefs ?? []).flatMap((ref, refIndex) => (ref && !isServiceBackendRef(ref) ? [{ position: `rules[${ruleIndex}].backendRefs[${refIndex}]`, ref }] : [])),
  );
}

/** Every Service hop of every Ingress and Gateway route in the snapshot: what the route checks look at. */
export function routeBackends(snapshot: Snapshot): RouteBackend[] {
  return [...(snapshot.ingresses ?? []).flatMap(ingressBackends), ...(snapshot.gatewayRoutes ?? []).flatMap(gatewayRouteBackends)];
}

/** "Service shop/api port http" or "port 8080", as messages name a hop's target. */
export function describeBackendTarget(backend: RouteBackend): string {
  const port = backend.port.name !== undefined ? `port "${backend.port.name}"` : backend.port.number !== undefined ? `port ${backend.port.number}` : 'no port';
  return `Service ${backend.service.namespace}/${backend.service.name} ${port}`;
}
