import { GATEWAY_ROUTE_KINDS, type Gateway, type GatewayClass, type GatewayRoute, type Ingress, type IngressClass, type ReferenceGrant } from '../../core/routes/types.js';
import type { ObjectRef, Snapshot } from '../../core/snapshot.js';

/** The Ingress and Gateway API objects read from a cluster; absent when not read, empty when the API is not served. */
export interface RouteObjects {
  ingresses?: Ingress[];
  ingressClasses?: IngressClass[];
  gateways?: Gateway[];
  gatewayClasses?: GatewayClass[];
  /** Every route kind; each object's `kind` must be set (list items carry none), it becomes ref.kind. */
  gatewayRoutes?: GatewayRoute[];
  referenceGrants?: ReferenceGrant[];
}

function refOf(kind: string, object: { metadata: { namespace?: string; name?: string } }, clusterScoped = false): ObjectRef {
  return { kind, namespace: clusterScoped ? '' : (object.metadata.namespace ?? ''), name: object.metadata.name ?? '' };
}

/** Copies route objects into a Snapshot's fields (only the ones that were read). */
export function addRouteEntries(snapshot: Snapshot, objects: RouteObjects): void {
  if (objects.ingresses) snapshot.ingresses = objects.ingresses.map((object) => ({ object, ref: refOf('Ingress', object) }));
  if (objects.ingressClasses) snapshot.ingressClasses = objects.ingressClasses.map((object) => ({ object, ref: refOf('IngressClass', object, true) }));
  if (objects.gateways) snapshot.gateways = objects.gateways.map((object) => ({ object, ref: refOf('Gateway', object) }));
  if (objects.gatewayClasses) snapshot.gatewayClasses = objects.gatewayClasses.map((object) => ({ object, ref: refOf('GatewayClass', object, true) }));
  if (objects.gatewayRoutes) snapshot.gatewayRoutes = objects.gatewayRoutes.map((object) => ({ object, ref: refOf(object.kind ?? 'HTTPRoute', object) }));
  if (objects.referenceGrants) snapshot.referenceGrants = objects.referenceGrants.map((object) => ({ object, ref: refOf('ReferenceGrant', object) }));
}

/** Sorts one object as a cluster returns it into RouteObjects; false when it is no route kind. */
export function sortRouteObject(result: RouteObjects, object: { kind: string }): boolean {
  const kind = object.kind;
  if (kind === 'Ingress') (result.ingresses ??= []).push(object as unknown as Ingress);
  else if (kind === 'IngressClass') (result.ingressClasses ??= []).push(object as unknown as IngressClass);
  else if (kind === 'Gateway') (result.gateways ??= []).push(object as unknown as Gateway);
  else if (kind === 'GatewayClass') (result.gatewayClasses ??= []).push(object as unknown as GatewayClass);
  else if (kind === 'ReferenceGrant') (result.referenceGrants ??= []).push(object as unknown as ReferenceGrant);
  else if ((GATEWAY_ROUTE_KINDS as readonly string[]).includes(kind)) (result.gatewayRoutes ??= []).push(object as unknown as GatewayRoute);
  else return false;
  return true;
}
