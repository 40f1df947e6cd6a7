import type { Gateway, GatewayClass, GatewayRoute, Ingress, IngressClass, ReferenceGrant } from '../../core/routes/types.js';
import type { RouteObjects } from './route-objects.js';
import type { KubeApi } from './kube-api.js';
import { listGatewayResource, listIfServed, withKind } from './gateway-lists.js';
import { readRouteReferences } from './read-route-references.js';
import { collectionPath } from './resources.js';
import { discoverGatewayVersions, type GatewayResource } from './route-discovery.js';

/** Every route kind read (RouteObjects with each list present: empty where not served or forbidden). */
export type LiveRouteObjects = Required<RouteObjects>;

const ROUTE_RESOURCES = ['httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes'] as const satisfies readonly GatewayResource[];

/**
 * Ingresses, Gateway API objects and their classes of one namespace or (null) all of them. Classes
 * are cluster-scoped and always listed cluster-wide. Costs 2 requests for Ingresses and their classes,
 * 1 for the Gateway API group (404 without its CRDs: nothing more), else 1 per served version needed
 * (usually 1) and 8 lists. In one namespace, also what its routes reach elsewhere
 * (read-route-references.ts); `service` (explain) adds the routes elsewhere granted to it.
 */
export async function readRouteObjects(api: KubeApi, namespace: string | null, forbidden: string[], service?: string): Promise<LiveRouteObjects> {
  const [ingresses, ingressClasses, versions] = await Promise.all([
    listIfServed<Ingress>(api, collectionPath('ingresses', namespace), 'ingresses', forbidden),
    listIfServed<IngressClass>(api, collectionPath('ingressclasses', null), 'ingressclasses', forbidden),
    discoverGatewayVersions(api, forbidden),
  ]);
  const list = <T extends { apiVersion?: string; kind?: string }>(resource: GatewayResource, scope: string | null) => listGatewayResource<T>(api, versions, resource, scope, forbidden);
  const [gateways, gatewayClasses, referenceGrants, routes] = await Promise.all([
    list<Gateway>('gateways', namespace),
    list<GatewayClass>('gatewayclasses', null),
    list<ReferenceGrant>('referencegrants', namespace),
    Promise.all(ROUTE_RESOURCES.map((resource) => list<GatewayRoute>(resource, namespace))),
  ]);
  const objects: LiveRouteObjects = {
    ingresses: withKind(ingresses, 'networking.k8s.io/v1', 'Ingress'),
    ingressClasses: withKind(ingressClasses, 'networking.k8s.io/v1', 'IngressClass'),
    gateways, gatewayClasses, referenceGrants, gatewayRoutes: routes.flat(),
  };
  return namespace === null ? objects : readRouteReferences(api, versions, namespace, objects, forbidden, service);
}
