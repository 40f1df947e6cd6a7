/**
 * The reads behind `can-reach`: the Service and what explain reads for it (its Pods, policies and
 * namespaces), the client Pod, the client namespace's policies, and the cluster DNS Pods. GET and
 * LIST only; policies, namespaces and DNS Pods that are forbidden degrade with a note.
 */
import type { Pod } from '../../core/kubernetes-types.js';
import type { NetworkPolicy } from '../../core/network-policy/types.js';
import { NotFoundError } from '../../errors.js';
import type { ClusterObjects } from './cluster-snapshot.js';
import type { KubeApi } from './kube-api.js';
import { listOrForbidden, readServiceObjects } from './read-cluster.js';
import { objectPath } from './resources.js';

/** What can-reach reads: the Service's objects plus the client side. */
export interface CanReachObjects {
  service: ClusterObjects;
  clientPod: Pod | null;
  clientPolicies: NetworkPolicy[];
  /** null when listing Pods in kube-system was forbidden. */
  dnsPods: Pod[] | null;
}

/** Reads both ends of the connection; `client` is a Pod name, or null for a hypothetical client. */
export async function readCanReachObjects(api: KubeApi, namespace: string, serviceName: string, client: { namespace: string; pod: string | null }): Promise<CanReachObjects> {
  const service = await readServiceObjects(api, namespace, serviceName);
  const forbidden = service.forbidden;
  const dnsForbidden: string[] = [];
  const [clientPod, clientPolicies, dnsPods] = await Promise.all([
    client.pod === null
      ? Promise.resolve(null)
      : api.get<Pod>(objectPath('pods', client.namespace, client.pod), `pod "${client.pod}"`).catch((error) => {
          if (error instanceof NotFoundError) throw new NotFoundError(`pod "${client.pod}" not found in namespace "${client.namespace}"`);
          throw error;
        }),
    client.namespace === namespace ? Promise.resolve([]) : listOrForbidden<NetworkPolicy>(api, 'networkpolicies', client.namespace, forbidden),
    listOrForbidden<Pod>(api, 'pods', 'kube-system', dnsForbidden, { labelSelector: 'k8s-app=kube-dns' }),
  ]);
  return { service, clientPod, clientPolicies, dnsPods: dnsForbidden.length > 0 ? null : dnsPods };
}
