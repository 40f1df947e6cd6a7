/** The API paths of every resource svc-explain reads; all are read with get and list (and watch, for --watch) only. */
export const RESOURCES = {
  namespaces: { prefix: '/api/v1', plural: 'namespaces', namespaced: false },
  services: { prefix: '/api/v1', plural: 'services', namespaced: true },
  pods: { prefix: '/api/v1', plural: 'pods', namespaced: true },
  endpoints: { prefix: '/api/v1', plural: 'endpoints', namespaced: true },
  endpointslices: { prefix: '/apis/discovery.k8s.io/v1', plural: 'endpointslices', namespaced: true },
  nodes: { prefix: '/api/v1', plural: 'nodes', namespaced: false },
  replicationcontrollers: { prefix: '/api/v1', plural: 'replicationcontrollers', namespaced: true },
  deployments: { prefix: '/apis/apps/v1', plural: 'deployments', namespaced: true },
  replicasets: { prefix: '/apis/apps/v1', plural: 'replicasets', namespaced: true },
  statefulsets: { prefix: '/apis/apps/v1', plural: 'statefulsets', namespaced: true },
  daemonsets: { prefix: '/apis/apps/v1', plural: 'daemonsets', namespaced: true },
  jobs: { prefix: '/apis/batch/v1', plural: 'jobs', namespaced: true },
  cronjobs: { prefix: '/apis/batch/v1', plural: 'cronjobs', namespaced: true },
  networkpolicies: { prefix: '/apis/networking.k8s.io/v1', plural: 'networkpolicies', namespaced: true },
  poddisruptionbudgets: { prefix: '/apis/policy/v1', plural: 'poddisruptionbudgets', namespaced: true },
  servicemonitors: { prefix: '/apis/monitoring.coreos.com/v1', plural: 'servicemonitors', namespaced: true },
  podmonitors: { prefix: '/apis/monitoring.coreos.com/v1', plural: 'podmonitors', namespaced: true },
  ingresses: { prefix: '/apis/networking.k8s.io/v1', plural: 'ingresses', namespaced: true },
  ingressclasses: { prefix: '/apis/networking.k8s.io/v1', plural: 'ingressclasses', namespaced: false },
} as const;

export type ResourceName = keyof typeof RESOURCES;

/** The workload kinds and the resource each is listed from. */
export const WORKLOAD_RESOURCES: Record<string, ResourceName> = {
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  ReplicationController: 'replicationcontrollers',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  CronJob: 'cronjobs',
};

/** The collection path of a resource, in one namespace or (null) across all of them. */
export function collectionPath(resource: ResourceName, namespace: string | null): string {
  const { prefix, plural, namespaced } = RESOURCES[resource];
  return namespaced && namespace !== null ? `${prefix}/namespaces/${encodeURIComponent(namespace)}/${plural}` : `${prefix}/${plural}`;
}

/** The path of one named object. */
export function objectPath(resource: ResourceName, namespace: string | null, name: string): string {
  return `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`;
}
