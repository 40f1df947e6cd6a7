/**
 * A one-namespace read (`check -n`, `explain SERVICE`) also needs what its routes reach in other
 * namespaces, or route checks would call a Gateway "missing" that was only not read: the Gateways
 * routes attach to elsewhere (one GET each), the ReferenceGrants of namespaces routes send traffic to
 * (one list each), and for one Service the routes elsewhere that its namespace's grants let in.
 */
import type { Gateway, GatewayRoute, ReferenceGrant } from '../../core/routes/types.js';
import { NotFoundError } from '../../errors.js';
import { ForbiddenError, type KubeApi } from './kube-api.js';
import { gatewayPath, listGatewayResource, type GatewayVersions } from './gateway-lists.js';
import type { LiveRouteObjects } from './read-routes.js';
import { GATEWAY_GROUP } from '../../core/routes/route-kinds.js';
import { GATEWAY_RESOURCES, type GatewayResource } from './route-discovery.js';

/** At most this many objects or namespaces elsewhere are read per kind, so a namespace of odd routes stays cheap. */
const LOOKUP_LIMIT = 20;

const isGatewayRef = (ref: { group?: string | null; kind?: string | null }) => (ref.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && (ref.kind ?? 'Gateway') === 'Gateway';
const isServiceRef = (ref: { group?: string | null; kind?: string | null }) => (ref.group ?? '') === '' && (ref.kind ?? 'Service') === 'Service';

/** The route resource a route kind is listed from ('HTTPRoute' → 'httproutes'). */
export function routeResource(kind: string): GatewayResource | undefined {
  return (Object.keys(GATEWAY_RESOURCES) as GatewayResource[]).find((resource) => GATEWAY_RESOURCES[resource].kind === kind && resource.endsWith('routes'));
}

async function getGateway(api: KubeApi, version: string, namespace: string, name: string, forbidden: string[]): Promise<Gateway[]> {
  try {
    const gateway = await api.get<Gateway>(`${gatewayPath('gateways', version, namespace)}/${encodeURIComponent(name)}`, `gateway "${name}" in namespace "${namespace}"`);
    return [{ ...gateway, apiVersion: gateway.apiVersion ?? `${GATEWAY_GROUP}/${version}`, kind: 'Gateway' }];
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    if (!(error instanceof ForbiddenError)) throw error;
    if (!forbidden.includes('gateways')) forbidden.push('gateways');
    return [];
  }
}

/** The routes in other namespaces that ReferenceGrants of `namespace` allow to send traffic to `service`, and that do. */
async function readGrantedRoutes(api: KubeApi, versions: GatewayVersions, namespace: string, service: string, grants: ReferenceGrant[], forbidden: string[]): Promise<GatewayRoute[]> {
  const wanted = new Map<string, { resource: GatewayResource; namespace: string }>();
  for (const grant of grants) {
    if (!(grant.spec?.to ?? []).some((to) => to.group === '' && to.kind === 'Service' && (!to.name || to.name === service))) continue;
    for (const from of grant.spec?.from ?? []) {
      const resource = from.group === GATEWAY_GROUP ? routeResource(from.kind) : undefined;
      if (resource && from.namespace !== namespace) wanted.set(`${resource}/${from.namespace}`, { resource, namespace: from.namespace });
    }
  }
  const lists = await Promise.all([...wanted.values()].slice(0, LOOKUP_LIMIT).map((entry) => listGatewayResource<GatewayRoute>(api, versions, entry.resource, entry.namespace, forbidden)));
  const sendsHere = (route: GatewayRoute) => (route.spec?.rules ?? []).some((rule) => (rule.backendRefs ?? []).some((ref) => isServiceRef(ref) && ref.namespace === namespace && ref.name === service));
  return lists.flat().filter(sendsHere);
}

/** Adds to `objects` (read in `namespace`) what its routes reach elsewhere; `service` also adds the routes granted to it. */
export async function readRouteReferences(api: KubeApi, versions: GatewayVersions, namespace: string, objects: LiveRouteObjects, forbidden: string[], service?: string): Promise<LiveRouteObjects> {
  const granted = service ? await readGrantedRoutes(api, versions, namespace, service, objects.referenceGrants, forbidden) : [];
  const routes = [...objects.gatewayRoutes, ...granted];
  const gatewayVersion = versions.get('gateways');
  const parents = new Map<string, { namespace: string; name: string }>();
  const targets = new Set<string>();
  for (const route of routes) {
    const own = route.metadata.namespace ?? namespace;
    for (const parent of route.spec?.parentRefs ?? []) {
      const where = parent.namespace ?? own;
      if (isGatewayRef(parent) && where !== namespace) parents.set(`${where}/${parent.name}`, { namespace: where, name: parent.name });
    }
    if (own !== namespace) continue;
    for (const backend of (route.spec?.rules ?? []).flatMap((rule) => rule.backendRefs ?? [])) {
      if (isServiceRef(backend) && backend.namespace && backend.namespace !== namespace) targets.add(backend.namespace);
    }
  }
  const [gateways, grants] = await Promise.all([
    gatewayVersion ? Promise.all([...parents.values()].slice(0, LOOKUP_LIMIT).map((ref) => getGateway(api, gatewayVersion, ref.namespace, ref.name, forbidden))) : [],
    Promise.all([...targets].slice(0, LOOKUP_LIMIT).map((target) => listGatewayResource<ReferenceGrant>(api, versions, 'referencegrants', target, forbidden))),
  ]);
  return { ...objects, gatewayRoutes: routes, gateways: [...objects.gateways, ...gateways.flat()], referenceGrants: [...objects.referenceGrants, ...grants.flat()] };
}
