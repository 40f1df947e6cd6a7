/**
 * Which apiVersions of the route kinds svc-explain reads, and which are gone. Gateway API kinds are read
 * in every version a Gateway API release still serves (v1, v1beta1, v1alpha2, v1alpha3: the CRDs of
 * sigs.k8s.io/gateway-api keep older versions served next to v1); Ingress only as networking.k8s.io/v1.
 */
import { GATEWAY_ROUTE_KINDS } from './types.js';

/** The Gateway API group, also the default group of parentRefs and allowedRoutes kinds. */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

const GATEWAY_VERSIONS = ['v1', 'v1beta1', 'v1alpha2', 'v1alpha3'];

/** The Gateway API kinds a Snapshot holds. */
export const GATEWAY_KINDS: readonly string[] = ['Gateway', 'GatewayClass', 'ReferenceGrant', ...GATEWAY_ROUTE_KINDS];

/** Ingress and IngressClass apiVersions removed in Kubernetes 1.22: the API server refuses them. */
export const REMOVED_INGRESS_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  Ingress: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'],
  IngressClass: ['networking.k8s.io/v1beta1'],
};

/** True for a Gateway API kind in a version svc-explain reads. */
export function isGatewayApiObject(kind: string, apiVersion: string): boolean {
  if (!GATEWAY_KINDS.includes(kind)) return false;
  const [group, version] = apiVersion.split('/');
  return group === GATEWAY_GROUP && GATEWAY_VERSIONS.includes(version ?? '');
}

/** True for an Ingress or IngressClass the analysis reads: networking.k8s.io/v1, or a removed version (which a check reports). */
export function isIngressObject(kind: string, apiVersion: string): boolean {
  if (kind !== 'Ingress' && kind !== 'IngressClass') return false;
  return apiVersion === 'networking.k8s.io/v1' || REMOVED_INGRESS_VERSIONS[kind].includes(apiVersion);
}

/** True when this Ingress (or IngressClass) uses an apiVersion no supported Kubernetes serves. Objects from a cluster carry none. */
export function usesRemovedIngressVersion(object: { kind?: string; apiVersion?: string }, kind: string): boolean {
  return object.apiVersion !== undefined && (REMOVED_INGRESS_VERSIONS[kind] ?? []).includes(object.apiVersion);
}

/** Cluster-scoped route kinds: their ref namespace is ''. */
export function isClusterScopedRouteKind(kind: string): boolean {
  return kind === 'IngressClass' || kind === 'GatewayClass';
}

/** The resource (plural) a route kind is listed as; `unavailable` names resources this way. */
export function routeResourceOf(kind: string): string {
  return kind === 'Ingress' ? 'ingresses' : kind === 'IngressClass' ? 'ingressclasses' : kind === 'GatewayClass' ? 'gatewayclasses' : `${kind.toLowerCase()}s`;
}
