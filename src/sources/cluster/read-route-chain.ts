import type { Endpoints, EndpointSlice, Node, Pod, Service, Workload } from '../../core/kubernetes-types.js';
import type { Namespace, NetworkPolicy } from '../../core/network-policy/types.js';
import { gatewayRouteBackends, ingressBackends } from '../../core/routes/route-backends.js';
import { GATEWAY_GROUP, routeResourceOf } from '../../core/routes/route-kinds.js';
import type { Gateway, GatewayRoute, Ingress, ReferenceGrant } from '../../core/routes/types.js';
import type { ObjectRef } from '../../core/snapshot.js';
import { ClusterError, NotFoundError } from '../../errors.js';
import type { ClusterObjects } from './cluster-snapshot.js';
import { ForbiddenError, type KubeApi } from './kube-api.js';
import { readServiceObjects } from './read-cluster.js';

/** The Gateway API versions tried, newest first: a release serves some of them. */
const GATEWAY_VERSIONS = ['v1', 'v1beta1', 'v1alpha2', 'v1alpha3'];

function namespacedPath(prefix: string, namespace: string, plural: string, name?: string): string {
  return `${prefix}/namespaces/${encodeURIComponent(namespace)}/${plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

/** GET one Gateway API object in the first served version that has it; [] when none does. */
async function getGatewayObject<T>(api: KubeApi, namespace: string, plural: string, name: string): Promise<T[]> {
  for (const version of GATEWAY_VERSIONS) {
    const found = await api.getIfExists<T>(namespacedPath(`/apis/${GATEWAY_GROUP}/${version}`, namespace, plural, name), `${plural} "${name}"`);
    if (found.length > 0) return found;
  }
  return [];
}

async function listGrants(api: KubeApi, namespace: string, forbidden: string[]): Promise<ReferenceGrant[]> {
  for (const version of ['v1', 'v1beta1']) {
    try {
      return await api.list<ReferenceGrant>(namespacedPath(`/apis/${GATEWAY_GROUP}/${version}`, namespace, 'referencegrants'), 'referencegrants');
    } catch (error) {
      if (error instanceof ForbiddenError) return (forbidden.includes('referencegrants') || forbidden.push('referencegrants'), []);
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return [];
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function metaKey(object: { metadata: { namespace?: string; name?: string; uid?: string } }): string {
  return object.metadata.uid ?? `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** Merges the objects read for each backend Service into one set. */
function merge(parts: ClusterObjects[]): ClusterObjects {
  const all = <K extends keyof ClusterObjects>(key: K) => parts.flatMap((part) => (part[key] ?? []) as unknown[]);
  return {
    services: uniqueBy(all('services') as Service[], metaKey),
    pods: uniqueBy(all('pods') as Pod[], metaKey),
    endpoints: uniqueBy(all('endpoints') as Endpoints[], metaKey),
    endpointSlices: uniqueBy(all('endpointSlices') as EndpointSlice[], metaKey),
    nodes: uniqueBy(all('nodes') as Node[], metaKey),
    workloads: uniqueBy(all('workloads') as Workload[], (workload) => `${workload.kind}/${metaKey(workload)}`),
    networkPolicies: uniqueBy(all('networkPolicies') as NetworkPolicy[], metaKey),
    namespaces: uniqueBy(all('namespaces') as Namespace[], metaKey),
    forbidden: [...new Set(parts.flatMap((part) => part.forbidden))].sort(),
  };
}

/**
 * What explaining one route needs: the route, each backend Service with what `explain SERVICE` reads for
 * it, the parent Gateways and the ReferenceGrants of the namespaces its backends are in. A backend
 * Service that does not exist is left out (the route checks then say so).
 */
export async function readRouteChainObjects(api: KubeApi, target: ObjectRef): Promise<ClusterObjects> {
  const { kind, namespace, name } = target;
  const what = `${kind.toLowerCase()} "${name}" in namespace "${namespace}"`;
  let route: Ingress | GatewayRoute | undefined;
  try {
    route = kind === 'Ingress'
      ? (await api.getIfExists<Ingress>(namespacedPath('/apis/networking.k8s.io/v1', namespace, 'ingresses', name), what))[0]
      : (await getGatewayObject<GatewayRoute>(api, namespace, routeResourceOf(kind), name))[0];
  } catch (error) {
    if (error instanceof ForbiddenError) throw new ClusterError(`not allowed to get ${what} (403 Forbidden): see the ClusterRole in the README`);
    throw error;
  }
  if (!route) throw new NotFoundError(`${what} not found${kind === 'Ingress' ? '' : ' (or the Gateway API is not served)'}`);
  route = { ...route, kind };
  const entry = { object: route, ref: target };
  const hops = kind === 'Ingress' ? ingressBackends(entry as { object: Ingress; ref: ObjectRef }) : gatewayRouteBackends(entry as { object: GatewayRoute; ref: ObjectRef });
  const services = uniqueBy(hops.map((hop) => hop.service), (service) => `${service.namespace}/${service.name}`);
  const forbidden: string[] = [];
  const parts = await Promise.all(services.map((service) => readServiceObjects(api, service.namespace, service.name, { routes: false }).catch((error) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  })));
  const objects = merge(parts.filter((part): part is ClusterObjects => part !== null));
  const parents = kind === 'Ingress' ? [] : ((route as GatewayRoute).spec?.parentRefs ?? []).filter((ref) => (ref.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && (ref.kind ?? 'Gateway') === 'Gateway');
  const gateways = (await Promise.all(parents.map((ref) => getGatewayObject<Gateway>(api, ref.namespace || namespace, 'gateways', ref.name).catch((error) => {
    if (error instanceof ForbiddenError) return (forbidden.push('gateways'), []);
    throw error;
  })))).flat();
  const grantNamespaces = kind === 'Ingress' ? [] : [...new Set(services.map((service) => service.namespace).filter((other) => other !== namespace))];
  const referenceGrants = (await Promise.all(grantNamespaces.map((other) => listGrants(api, other, forbidden)))).flat();
  const routes = kind === 'Ingress' ? { ingresses: [route as Ingress] } : { gatewayRoutes: [route as GatewayRoute], gateways: uniqueBy(gateways, metaKey), referenceGrants };
  return { ...objects, ...routes, forbidden: [...new Set([...objects.forbidden, ...forbidden])].sort() };
}
