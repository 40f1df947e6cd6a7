// Ingress and Gateway API objects for the live route tests, created through the real apiserver (the
// Gateway API kinds against the real CRDs, so they pass the CRDs' schemas and CEL rules).
import { cluster } from './k8s.js';
import { adminRequest } from './gateway-api.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** The collection path of a kind at `version` (Gateway API) or networking.k8s.io/v1 (Ingress, IngressClass). */
export function kindPath(plural: string, namespace: string | null, version = 'v1'): string {
  const base = plural.startsWith('ingress') ? '/apis/networking.k8s.io/v1' : `/apis/${GATEWAY_GROUP}/${version}`;
  return namespace ? `${base}/namespaces/${namespace}/${plural}` : `${base}/${plural}`;
}

/** Creates one object as admin; a rejection fails with the apiserver's message (a CEL rule, a schema). */
export async function createObject(plural: string, namespace: string | null, body: Record<string, unknown>, version = 'v1'): Promise<any> {
  const apiVersion = plural.startsWith('ingress') ? 'networking.k8s.io/v1' : `${GATEWAY_GROUP}/${version}`;
  const r = await adminRequest(cluster(), 'POST', kindPath(plural, namespace, version), { apiVersion, ...body });
  if (r.status !== 201) throw new Error(`creating ${plural} ${JSON.stringify((body.metadata as { name: string }).name)}: ${r.status} ${r.body?.message ?? JSON.stringify(r.body)}`);
  return r.body;
}

/** Merge-patches one object (`status: true`: its status subresource, as a controller writes it). */
export async function patchObject(plural: string, namespace: string | null, name: string, patch: unknown, { status = false, version = 'v1' } = {}): Promise<any> {
  const r = await adminRequest(cluster(), 'PATCH', `${kindPath(plural, namespace, version)}/${name}${status ? '/status' : ''}`, patch, 'application/merge-patch+json');
  if (r.status !== 200) throw new Error(`patching ${plural}/${name}: ${r.status} ${r.body?.message ?? JSON.stringify(r.body)}`);
  return r.body;
}

/** Deletes one object (gone already is fine). */
export async function deleteObject(plural: string, namespace: string | null, name: string, version = 'v1'): Promise<void> {
  const r = await adminRequest(cluster(), 'DELETE', `${kindPath(plural, namespace, version)}/${name}`);
  if (r.status !== 200 && r.status !== 202 && r.status !== 404) throw new Error(`deleting ${plural}/${name}: ${r.status}`);
}

/** A Gateway with one HTTP listener on 80 taking routes from every namespace, and optional TLS/TCP/UDP listeners. */
export function gatewayBody(name: string, className: string, extra: Record<string, unknown>[] = []) {
  return {
    kind: 'Gateway',
    metadata: { name },
    spec: {
      gatewayClassName: className,
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }, ...extra],
    },
  };
}
