import { GATEWAY_GROUP } from '../../core/routes/route-kinds.js';
import { NotFoundError } from '../../errors.js';
import { ForbiddenError, type KubeApi } from './kube-api.js';


/** Every Gateway API resource svc-explain reads, by plural, with its kind and scope. */
export const GATEWAY_RESOURCES = {
  gatewayclasses: { kind: 'GatewayClass', namespaced: false },
  gateways: { kind: 'Gateway', namespaced: true },
  httproutes: { kind: 'HTTPRoute', namespaced: true },
  grpcroutes: { kind: 'GRPCRoute', namespaced: true },
  tlsroutes: { kind: 'TLSRoute', namespaced: true },
  tcproutes: { kind: 'TCPRoute', namespaced: true },
  udproutes: { kind: 'UDPRoute', namespaced: true },
  referencegrants: { kind: 'ReferenceGrant', namespaced: true },
} as const;

export type GatewayResource = keyof typeof GATEWAY_RESOURCES;

/** After the group's preferred version, the versions tried for a kind it does not serve, newest first. */
const FALLBACK_VERSIONS = ['v1', 'v1beta1', 'v1alpha2', 'v1alpha3'];

interface APIGroup {
  versions?: { version: string }[];
  preferredVersion?: { version: string };
}

interface APIResourceList {
  resources?: { name: string; verbs?: string[] }[];
}

function markForbidden(resources: string[], forbidden: string[]): void {
  for (const resource of resources) if (!forbidden.includes(resource)) forbidden.push(resource);
}

/** The order in which a group's served versions are asked for a kind: preferred, then v1, v1beta1, v1alpha2, v1alpha3. Pure. */
export function versionOrder(group: APIGroup): string[] {
  const served = new Set((group.versions ?? []).map((entry) => entry.version));
  const preferred = group.preferredVersion?.version;
  const order = [...(preferred && served.has(preferred) ? [preferred] : []), ...FALLBACK_VERSIONS.filter((version) => served.has(version))];
  return [...new Set(order)];
}

/**
 * Where each Gateway API resource is listed (`/apis/gateway.networking.k8s.io/<version>`), from
 * discovery: one request for the group, then one per version until every kind has one. A group that
 * is not served (no CRDs: 404) yields an empty map and no note; a kind no version serves is left out.
 * A 403 on discovery (unusual: discovery is open to every user) counts as every kind forbidden.
 */
export async function discoverGatewayVersions(api: KubeApi, forbidden: string[]): Promise<Map<GatewayResource, string>> {
  const found = new Map<GatewayResource, string>();
  let group: APIGroup;
  try {
    group = await api.get<APIGroup>(`/apis/${GATEWAY_GROUP}`, `the ${GATEWAY_GROUP} API group`);
  } catch (error) {
    if (error instanceof NotFoundError) return found;
    if (!(error instanceof ForbiddenError)) throw error;
    markForbidden(Object.keys(GATEWAY_RESOURCES), forbidden);
    return found;
  }
  const wanted = new Set(Object.keys(GATEWAY_RESOURCES));
  for (const version of versionOrder(group)) {
    if (found.size === wanted.size) break;
    let list: APIResourceList;
    try {
      list = await api.get<APIResourceList>(`/apis/${GATEWAY_GROUP}/${version}`, `the ${GATEWAY_GROUP}/${version} API`);
    } catch (error) {
      // A version removed between the two requests (a CRD being upgraded) is simply not there.
      if (error instanceof NotFoundError) continue;
      if (!(error instanceof ForbiddenError)) throw error;
      markForbidden(Object.keys(GATEWAY_RESOURCES).filter((name) => !found.has(name as GatewayResource)), forbidden);
      break;
    }
    for (const resource of list.resources ?? []) {
      const name = resource.name as GatewayResource;
      if (wanted.has(name) && !found.has(name) && (resource.verbs ?? []).includes('list')) found.set(name, version);
    }
  }
  return found;
}
