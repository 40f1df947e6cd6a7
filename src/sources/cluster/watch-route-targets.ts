import type { KubeApi } from './kube-api.js';
import { gatewayPath } from './gateway-lists.js';
import { collectionPath } from './resources.js';
import { discoverGatewayVersions, type GatewayResource } from './route-discovery.js';
import type { WatchTarget } from './watch-targets.js';

/** The Gateway API kinds whose changes alter a route's verdict in the watched scope (classes change rarely and are left out). */
const WATCHED: GatewayResource[] = ['gateways', 'httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes', 'referencegrants'];

/**
 * What `--watch` follows in front of the Services: the Ingresses of the scope and, where the Gateway API
 * is served, its Gateways, routes and ReferenceGrants (at the versions discovery finds, as they are read).
 * Objects elsewhere that a one-namespace read fetches by reference are not followed.
 */
export async function routeWatchTargets(api: KubeApi, namespace: string | null): Promise<WatchTarget[]> {
  const versions = await discoverGatewayVersions(api, []);
  const gateway = WATCHED.flatMap((resource) => {
    const version = versions.get(resource);
    return version ? [{ resource, path: gatewayPath(resource, version, namespace), query: {} }] : [];
  });
  return [{ resource: 'ingresses', path: collectionPath('ingresses', namespace), query: {} }, ...gateway];
}
