import type { MonitorNamespaceSelector, PodDisruptionBudget, PodMonitor, ServiceMonitor } from '../../core/kubernetes-types.js';
import { NotFoundError } from '../../errors.js';
import { ForbiddenError, type KubeApi } from './kube-api.js';
import { collectionPath, type ResourceName } from './resources.js';

/** The objects next to Services that some checks read: Prometheus-operator monitors and PodDisruptionBudgets. */
export interface AdjacentObjects {
  serviceMonitors: ServiceMonitor[];
  podMonitors: PodMonitor[];
  podDisruptionBudgets: PodDisruptionBudget[];
}

/**
 * Lists a resource that may not be served: a 404 (the CRD is not installed, so no such object can exist)
 * yields nothing and no note; a 403 is recorded in `forbidden`, which the report turns into a note.
 */
async function listIfServed<T>(api: KubeApi, resource: ResourceName, namespace: string | null, forbidden: string[]): Promise<T[]> {
  try {
    return await api.list<T>(collectionPath(resource, namespace), resource);
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    if (!(error instanceof ForbiddenError)) throw error;
    if (!forbidden.includes(resource)) forbidden.push(resource);
    return [];
  }
}

/** True when a monitor in `namespace` looks only there, so a one-namespace read holds everything it can select. */
function looksOnlyAt(namespace: string, monitor: { metadata: { namespace?: string }; spec?: { namespaceSelector?: MonitorNamespaceSelector } }): boolean {
  const selector = monitor.spec?.namespaceSelector;
  if (selector?.any) return false;
  return (selector?.matchNames ?? []).every((name) => name === namespace);
}

/**
 * Monitors and budgets of one namespace or (null) all of them. In one namespace, monitors that also look
 * at other namespaces are left out: the Services they may select there were not read.
 */
export async function readAdjacentObjects(api: KubeApi, namespace: string | null, forbidden: string[]): Promise<AdjacentObjects> {
  const [serviceMonitors, podMonitors, podDisruptionBudgets] = await Promise.all([
    listIfServed<ServiceMonitor>(api, 'servicemonitors', namespace, forbidden),
    listIfServed<PodMonitor>(api, 'podmonitors', namespace, forbidden),
    listIfServed<PodDisruptionBudget>(api, 'poddisruptionbudgets', namespace, forbidden),
  ]);
  const inScope = <T extends ServiceMonitor | PodMonitor>(monitors: T[]) => (namespace === null ? monitors : monitors.filter((monitor) => looksOnlyAt(namespace, monitor)));
  return { serviceMonitors: inScope(serviceMonitors), podMonitors: inScope(podMonitors), podDisruptionBudgets };
}

/** The budgets of one namespace, for explaining one Service. */
export async function readPodDisruptionBudgets(api: KubeApi, namespace: string, forbidden: string[]): Promise<PodDisruptionBudget[]> {
  return listIfServed<PodDisruptionBudget>(api, 'poddisruptionbudgets', namespace, forbidden);
}
