import { NotFoundError } from '../../errors.js';
import { ForbiddenError, type KubeApi } from './kube-api.js';
import { GATEWAY_GROUP } from '../../core/routes/route-kinds.js';
import { GATEWAY_RESOURCES, type GatewayResource } from './route-discovery.js';

/** Where discovery found each Gateway API resource: its version in gateway.networking.k8s.io. */
export type GatewayVersions = Map<GatewayResource, string>;

/** Lists a path; 404 (not served) yields nothing and no note, 403 records `resource` in `forbidden`. */
export async function listIfServed<T>(api: KubeApi, path: string, resource: string, forbidden: string[]): Promise<T[]> {
  try {
    return await api.list<T>(path, resource);
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    if (!(error instanceof ForbiddenError)) throw error;
    if (!forbidden.includes(resource)) forbidden.push(resource);
    return [];
  }
}

/** The collection path of a Gateway API resource at the version discovery chose. */
export function gatewayPath(resource: GatewayResource, version: string, namespace: string | null): string {
  const base = `/apis/${GATEWAY_GROUP}/${version}`;
  return GATEWAY_RESOURCES[resource].namespaced && namespace !== null ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource}` : `${base}/${resource}`;
}

/** Stamps apiVersion and kind on listed items, which a list returns only for the list itself. */
export function withKind<T extends { apiVersion?: string; kind?: string }>(items: T[], apiVersion: string, kind: string): T[] {
  return items.map((item) => ({ ...item, apiVersion: item.apiVersion ?? apiVersion, kind: item.kind ?? kind }));
}

/** Lists one Gateway API resource where discovery found it (empty and quiet where it is not served). */
export async function listGatewayResource<T extends { apiVersion?: string; kind?: string }>(
  api: KubeApi, versions: GatewayVersions, resource: GatewayResource, namespace: string | null, forbidden: string[],
): Promise<T[]> {
  const version = versions.get(resource);
  if (!version) return [];
  const items = await listIfServed<T>(api, gatewayPath(resource, version, namespace), resource, forbidden);
  return withKind(items, `${GATEWAY_GROUP}/${version}`, GATEWAY_RESOURCES[resource].kind);
}
