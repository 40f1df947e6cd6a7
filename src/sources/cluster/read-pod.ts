/**
 * The reads behind `pod POD` and `why-not SERVICE POD`, and no more: the Pod, its Node, the Services
 * that matter and their EndpointSlices and Endpoints. GET and LIST only; a 403 on anything but the
 * named objects is recorded in `unavailable` and that part of the answer says it could not look.
 */
import type { Endpoints, EndpointSlice, Node, Pod, Service } from '../../core/kubernetes-types.js';
import type { NetworkPolicy } from '../../core/network-policy/types.js';
import { LABEL_SERVICE_NAME } from '../../core/predict/service-facts.js';
import { ClusterError, NotFoundError } from '../../errors.js';
import { ForbiddenError, type KubeApi } from './kube-api.js';
import type { PodServicesInput } from '../../core/live/pod-services.js';
import { collectionPath, objectPath } from './resources.js';

/** What the why-not core needs about one Pod and some Services (the core's own input type). */
export type PodObjects = PodServicesInput;

/** GETs a named object the command cannot do without: 404 names it and its namespace, 403 is a cluster error. */
async function getNamed<T>(api: KubeApi, resource: 'pods' | 'services', namespace: string, name: string): Promise<T> {
  const kind = resource === 'pods' ? 'pod' : 'service';
  try {
    return await api.get<T>(objectPath(resource, namespace, name), `${kind} "${name}"`);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`${kind} "${name}" not found in namespace "${namespace}"`);
    if (error instanceof ForbiddenError) throw new ClusterError(`not allowed to get ${kind} "${name}" in namespace "${namespace}" (403 Forbidden)`);
    throw error;
  }
}

/** Runs a read; a 403 records the resource as unavailable and yields `fallback`. */
async function optional<T>(read: () => Promise<T>, resource: string, unavailable: string[], fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    if (!unavailable.includes(resource)) unavailable.push(resource);
    return fallback;
  }
}

/** The Pod's Node, or nothing when it does not exist (the EndpointSlice controller then skips the Pod). */
async function readPodNode(api: KubeApi, pod: Pod, unavailable: string[]): Promise<Node[]> {
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return [];
  return optional(() => api.getIfExists<Node>(objectPath('nodes', null, nodeName), `node "${nodeName}"`), 'nodes', unavailable, []);
}

/** The namespace's NetworkPolicies, so the answer can say when the Pod is isolated. */
function readNetworkPolicies(api: KubeApi, namespace: string, unavailable: string[]): Promise<NetworkPolicy[]> {
  return optional(() => api.list<NetworkPolicy>(collectionPath('networkpolicies', namespace), 'networkpolicies'), 'networkpolicies', unavailable, []);
}

/** The EndpointSlices (by kubernetes.io/service-name) and the Endpoints object of each named Service. */
async function readEndpointObjects(api: KubeApi, namespace: string, serviceNames: string[], unavailable: string[]) {
  const perService = await Promise.all(
    serviceNames.map(async (name) => {
      const [slices, endpoints] = await Promise.all([
        optional(
          () => api.list<EndpointSlice>(collectionPath('endpointslices', namespace), 'endpointslices', { labelSelector: `${LABEL_SERVICE_NAME}=${name}` }),
          'endpointslices', unavailable, [],
        ),
        optional(() => api.getIfExists<Endpoints>(objectPath('endpoints', namespace, name), `endpoints "${name}"`), 'endpoints', unavailable, []),
      ]);
      return { slices, endpoints };
    }),
  );
  return { endpointSlices: perService.flatMap((entry) => entry.slices), endpoints: perService.flatMap((entry) => entry.endpoints) };
}

/** `why-not SERVICE POD`: both objects (both must exist), the Pod's Node and the Service's endpoint objects. */
export async function readWhyNotObjects(api: KubeApi, namespace: string, serviceName: string, podName: string): Promise<PodObjects> {
  const [service, pod] = await Promise.all([
    getNamed<Service>(api, 'services', namespace, serviceName),
    getNamed<Pod>(api, 'pods', namespace, podName),
  ]);
  const unavailable: string[] = [];
  const [nodes, endpointObjects, networkPolicies] = await Promise.all([
    readPodNode(api, pod, unavailable),
    readEndpointObjects(api, namespace, [serviceName], unavailable),
    readNetworkPolicies(api, namespace, unavailable),
  ]);
  return { pod, services: [service], nodes, ...endpointObjects, networkPolicies, unavailable: unavailable.sort() };
}

/**
 * `pod POD`: the Pod, every Service of its namespace, and the endpoint objects of the Services that
 * `isRelated` picks (those that select or nearly select the Pod), so a busy namespace costs little.
 */
export async function readPodObjects(
  api: KubeApi,
  namespace: string,
  podName: string,
  isRelated: (pod: Pod, services: Service[]) => Service[],
): Promise<PodObjects> {
  const pod = await getNamed<Pod>(api, 'pods', namespace, podName);
  let services: Service[];
  try {
    services = await api.list<Service>(collectionPath('services', namespace), 'services');
  } catch (error) {
    if (error instanceof ForbiddenError) throw new ClusterError(`not allowed to list services in namespace "${namespace}" (403 Forbidden)`);
    throw error;
  }
  const unavailable: string[] = [];
  const related = isRelated(pod, services).map((service) => service.metadata.name ?? '');
  const [nodes, endpointObjects, networkPolicies] = await Promise.all([
    readPodNode(api, pod, unavailable),
    readEndpointObjects(api, namespace, related, unavailable),
    readNetworkPolicies(api, namespace, unavailable),
  ]);
  return { pod, services, nodes, ...endpointObjects, networkPolicies, unavailable: unavailable.sort() };
}
