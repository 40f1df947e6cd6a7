import { isClusterScopedRouteKind, isGatewayApiObject, isIngressObject } from '../../core/routes/route-kinds.js';
import type { Gateway, GatewayClass, GatewayRoute, Ingress, IngressClass, ReferenceGrant } from '../../core/routes/types.js';
import type { Entry, ObjectRef, Snapshot, SourceLocation } from '../../core/snapshot.js';

/** True for the kinds of Ingress and the Gateway API that have no namespace. */
export function isClusterScopedManifestKind(kind: string): boolean {
  return isClusterScopedRouteKind(kind);
}

/**
 * Puts an Ingress, IngressClass or Gateway API object into its Snapshot field; false for any other
 * object (or a version svc-explain does not read), which the caller sorts itself.
 */
export function addRouteObject(snapshot: Snapshot, object: Record<string, unknown>, ref: ObjectRef, location: SourceLocation): boolean {
  const kind = ref.kind;
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  if (!isIngressObject(kind, apiVersion) && !isGatewayApiObject(kind, apiVersion)) return false;
  const entry = { object, ref, location } as Entry<never>;
  if (kind === 'Ingress') (snapshot.ingresses ??= []).push(entry as Entry<Ingress>);
  else if (kind === 'IngressClass') (snapshot.ingressClasses ??= []).push(entry as Entry<IngressClass>);
  else if (kind === 'Gateway') (snapshot.gateways ??= []).push(entry as Entry<Gateway>);
  else if (kind === 'GatewayClass') (snapshot.gatewayClasses ??= []).push(entry as Entry<GatewayClass>);
  else if (kind === 'ReferenceGrant') (snapshot.referenceGrants ??= []).push(entry as Entry<ReferenceGrant>);
  else (snapshot.gatewayRoutes ??= []).push(entry as Entry<GatewayRoute>);
  return true;
}
