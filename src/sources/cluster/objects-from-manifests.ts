import type { Endpoints, EndpointSlice, Node, Pod, PodDisruptionBudget, PodMonitor, Service, ServiceMonitor, Workload } from '../../core/kubernetes-types.js';
import { isWorkloadKind } from '../../core/workloads.js';
import type { Namespace, NetworkPolicy } from '../../core/network-policy/types.js';
import type { ClusterObjects } from './cluster-snapshot.js';
import { isClusterScopedRouteKind } from '../../core/routes/route-kinds.js';
import { sortRouteObject } from './route-objects.js';

/**
 * Sorts objects as they would come back from a cluster (for example `kubectl get -o yaml` output
 * saved to files) into ClusterObjects, so a cluster state can be analysed offline and check
 * fixtures can describe live scenarios.
 */
export function clusterObjectsFromManifests(objects: { kind?: unknown }[], defaultNamespace: string): ClusterObjects {
  const result: ClusterObjects = { services: [], pods: [], endpoints: [], endpointSlices: [], nodes: [], workloads: [], networkPolicies: [], namespaces: [], forbidden: [] };
  for (const raw of objects) {
    const object = raw as { kind: string; metadata?: { namespace?: string } };
    if (object.kind !== 'Node' && object.kind !== 'Namespace' && !isClusterScopedRouteKind(object.kind)) object.metadata = { ...object.metadata, namespace: object.metadata?.namespace ?? defaultNamespace };
    if (object.kind === 'Service') result.services.push(object as unknown as Service);
    else if (object.kind === 'Pod') result.pods.push(object as unknown as Pod);
    else if (object.kind === 'Endpoints') result.endpoints.push(object as unknown as Endpoints);
    else if (object.kind === 'EndpointSlice') result.endpointSlices.push(object as unknown as EndpointSlice);
    else if (object.kind === 'Node') result.nodes.push(object as unknown as Node);
    else if (object.kind === 'NetworkPolicy') result.networkPolicies!.push(object as unknown as NetworkPolicy);
    else if (object.kind === 'Namespace') result.namespaces!.push(object as unknown as Namespace);
    else if (isWorkloadKind(object.kind)) result.workloads.push(object as unknown as Workload);
    else if (object.kind === 'ServiceMonitor') (result.serviceMonitors ??= []).push(object as unknown as ServiceMonitor);
    else if (object.kind === 'PodMonitor') (result.podMonitors ??= []).push(object as unknown as PodMonitor);
    else if (object.kind === 'PodDisruptionBudget') (result.podDisruptionBudgets ??= []).push(object as unknown as PodDisruptionBudget);
    else sortRouteObject(result, object);
  }
  return result;
}
