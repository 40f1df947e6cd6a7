import type { Endpoints, EndpointSlice, LabelMap, Node, Pod, Service, Workload } from '../../core/kubernetes-types.js';
import type { Namespace, NetworkPolicy } from '../../core/network-policy/types.js';
import { ClusterError } from '../../errors.js';
import type { ClusterObjects } from './cluster-snapshot.js';
import { ForbiddenError, type KubeApi } from './kube-api.js';
import { readMatchesElsewhere } from './read-elsewhere.js';
import { collectionPath, objectPath, WORKLOAD_RESOURCES, type ResourceName } from './resources.js';
import { readAdjacentObjects, readPodDisruptionBudgets } from './read-monitors.js';
import { readRouteObjects } from './read-routes.js';

/** Lists a resource; a 403 is recorded in `forbidden` and yields nothing, any other error ends the run. */
export async function listOrForbidden<T>(
  api: KubeApi,
  resource: ResourceName,
  namespace: string | null,
  forbidden: string[],
  query: Record<string, string> = {},
): Promise<T[]> {
  try {
    return await api.list<T>(collectionPath(resource, namespace), resource, query);
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    if (!forbidden.includes(resource)) forbidden.push(resource);
    return [];
  }
}

async function listWorkloads(api: KubeApi, namespace: string | null, forbidden: string[]): Promise<Workload[]> {
  const lists = await Promise.all(
    Object.entries(WORKLOAD_RESOURCES).map(async ([kind, resource]) =>
      (await listOrForbidden<Workload>(api, resource, namespace, forbidden)).map((workload) => ({ ...workload, kind })),
    ),
  );
  return lists.flat();
}

/** Fails with a clear message when -n names a namespace that does not exist (skipped when forbidden). */
export async function ensureNamespaceExists(api: KubeApi, namespace: string): Promise<void> {
  try {
    await api.get(objectPath('namespaces', null, namespace), `namespace "${namespace}"`);
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
  }
}

/**
 * Everything in one namespace, or (null) in all of them: the input of `check`. `serviceQuery`
 * (labelSelector, fieldSelector from -l and --field-selector) filters the Services on the server;
 * everything they could select is still read in full.
 */
export async function readNamespaceObjects(api: KubeApi, namespace: string | null, serviceQuery: Record<string, string> = {}): Promise<ClusterObjects> {
  const forbidden: string[] = [];
  const [services, pods, endpoints, endpointSlices, nodes, workloads, networkPolicies, namespaces, adjacent, routes] = await Promise.all([
    listOrForbidden<Service>(api, 'services', namespace, forbidden, serviceQuery),
    listOrForbidden<Pod>(api, 'pods', namespace, forbidden),
    listOrForbidden<Endpoints>(api, 'endpoints', namespace, forbidden),
    listOrForbidden<EndpointSlice>(api, 'endpointslices', namespace, forbidden),
    listOrForbidden<Node>(api, 'nodes', null, forbidden),
    listWorkloads(api, namespace, forbidden),
    listOrForbidden<NetworkPolicy>(api, 'networkpolicies', namespace, forbidden),
    listOrForbidden<Namespace>(api, 'namespaces', null, forbidden),
    readAdjacentObjects(api, namespace, forbidden),
    readRouteObjects(api, namespace, forbidden),
  ]);
  requireReadable(forbidden, ['services', 'pods'], namespace);
  // Across all namespaces every match is already listed; in one, ask where else the selectors match.
  const elsewhere = namespace === null ? [] : await readMatchesElsewhere(api, services, pods);
  return { services, pods: [...pods, ...elsewhere], endpoints, endpointSlices, nodes, workloads, networkPolicies, namespaces, ...adjacent, ...routes, forbidden: forbidden.sort() };
}

/** Without Services or Pods there is nothing to explain: that is an error, not a degraded report. */
function requireReadable(forbidden: string[], required: string[], namespace: string | null): void {
  const missing = required.filter((resource) => forbidden.includes(resource));
  if (missing.length === 0) return;
  const where = namespace === null ? 'across all namespaces' : `in namespace "${namespace}"`;
  throw new ClusterError(`not allowed to list ${missing.join(' and ')} ${where} (403 Forbidden): see the ClusterRole in the README`);
}

function selectorText(selector: LabelMap): string {
  return Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/**
 * What explaining one Service needs and no more: the Service, the Pods its selector matches (listed
 * by label selector), the Pods near misses can come from, its Endpoints and EndpointSlices, the
 * Nodes (zones, NodePort addresses), the namespace's workloads (owner names) and, unless `routes` is
 * false (explaining a route reads its own), the routes in front of it (read-routes.ts).
 */
export async function readServiceObjects(api: KubeApi, namespace: string, name: string, { routes: withRoutes = true } = {}): Promise<ClusterObjects> {
  const forbidden: string[] = [];
  let service: Service;
  try {
    service = await api.get<Service>(objectPath('services', namespace, name), `service "${name}" in namespace "${namespace}"`);
  } catch (error) {
    if (error instanceof ForbiddenError) throw new ClusterError(`not allowed to get service "${name}" in namespace "${namespace}" (403 Forbidden): see the ClusterRole in the README`);
    throw error;
  }
  const selector = service.spec?.type === 'ExternalName' ? null : service.spec?.selector;
  const [pods, endpoints, endpointSlices, nodes, workloads, networkPolicies, namespaces, podDisruptionBudgets, routes] = await Promise.all([
    readPodsForSelector(api, namespace, selector ?? null, forbidden),
    api.getIfExists<Endpoints>(objectPath('endpoints', namespace, name), 'endpoints').catch((error) => {
      if (error instanceof ForbiddenError) return (forbidden.push('endpoints'), []);
      throw error;
    }),
    listOrForbidden<EndpointSlice>(api, 'endpointslices', namespace, forbidden, { labelSelector: `kubernetes.io/service-name=${name}` }),
    listOrForbidden<Node>(api, 'nodes', null, forbidden),
    listWorkloads(api, namespace, forbidden),
    listOrForbidden<NetworkPolicy>(api, 'networkpolicies', namespace, forbidden),
    listOrForbidden<Namespace>(api, 'namespaces', null, forbidden),
    readPodDisruptionBudgets(api, namespace, forbidden),
    withRoutes ? readRouteObjects(api, namespace, forbidden, name) : {},
  ]);
  requireReadable(forbidden, ['pods'], namespace);
  const elsewhere = await readMatchesElsewhere(api, [service], pods);
  return { services: [service], pods: [...pods, ...elsewhere], endpoints, endpointSlices, nodes, workloads, networkPolicies, namespaces, podDisruptionBudgets, ...routes, forbidden: [...new Set(forbidden)].sort() };
}

/** The selected Pods plus the ones near misses can come from; all Pods of the namespace when nothing matches. */
async function readPodsForSelector(api: KubeApi, namespace: string, selector: LabelMap | null, forbidden: string[]): Promise<Pod[]> {
  if (!selector || Object.keys(selector).length === 0) return [];
  const matched = await listOrForbidden<Pod>(api, 'pods', namespace, forbidden, { labelSelector: selectorText(selector) });
  if (matched.length === 0) return listOrForbidden<Pod>(api, 'pods', namespace, forbidden);
  const keys = Object.keys(selector);
  const partial = keys.length < 2 ? [] : await Promise.all(
    keys.map((key) => {
      const rest = Object.fromEntries(Object.entries(selector).filter(([other]) => other !== key));
      return listOrForbidden<Pod>(api, 'pods', namespace, forbidden, { labelSelector: selectorText(rest) });
    }),
  );
  const byUid = new Map<string, Pod>();
  for (const pod of [...matched, ...partial.flat()]) byUid.set(pod.metadata.uid ?? `${pod.metadata.name}`, pod);
  return [...byUid.values()];
}
