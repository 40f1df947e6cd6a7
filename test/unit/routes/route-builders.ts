import type { Gateway, GatewayListener, GatewayRoute, Ingress, IngressClass, ReferenceGrant } from '../../../src/core/routes/types.js';
import type { Entry } from '../../../src/core/snapshot.js';

/** An Ingress entry in namespace shop (unless given) with this spec. */
export function ingress(name: string, spec: Ingress['spec'], namespace = 'shop'): Entry<Ingress> {
  return { object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace }, spec }, ref: { kind: 'Ingress', namespace, name }, location: { file: 'routes.yaml', line: 1 } };
}

/** A Gateway API route entry of this kind. */
export function route(kind: string, name: string, spec: GatewayRoute['spec'], namespace = 'shop', status?: GatewayRoute['status']): Entry<GatewayRoute> {
  return { object: { apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name, namespace }, spec, ...(status ? { status } : {}) }, ref: { kind, namespace, name }, location: { file: 'routes.yaml', line: 10 } };
}

/** A Gateway entry with these listeners. */
export function gateway(name: string, listeners: GatewayListener[], namespace = 'shop'): Entry<Gateway> {
  return { object: { kind: 'Gateway', metadata: { name, namespace }, spec: { gatewayClassName: 'example', listeners } }, ref: { kind: 'Gateway', namespace, name } };
}

/** A ReferenceGrant entry. */
export function grant(name: string, namespace: string, spec: ReferenceGrant['spec']): Entry<ReferenceGrant> {
  return { object: { kind: 'ReferenceGrant', metadata: { name, namespace }, spec }, ref: { kind: 'ReferenceGrant', namespace, name } };
}

/** An IngressClass entry (cluster-scoped), the default one when `isDefault`. */
export function ingressClass(name: string, isDefault = false, controller = 'k8s.io/ingress-nginx'): Entry<IngressClass> {
  const annotations = isDefault ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : undefined;
  return { object: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name, ...(annotations ? { annotations } : {}) }, spec: { controller } }, ref: { kind: 'IngressClass', namespace: '', name } };
}
