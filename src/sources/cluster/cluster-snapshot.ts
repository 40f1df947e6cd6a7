import type { Endpoints, EndpointSlice, Node, Pod, PodDisruptionBudget, PodMonitor, Service, ServiceMonitor, Workload } from '../../core/kubernetes-types.js';
import type { Namespace, NetworkPolicy } from '../../core/network-policy/types.js';
import { emptySnapshot, type ObjectRef, type Snapshot } from '../../core/snapshot.js';
import { toWorkloadEntry } from '../../core/workloads.js';
import { createOwnerResolver, isControlledWorkload } from './owner-resolution.js';
import { addRouteEntries, type RouteObjects } from './route-objects.js';

/** What was read from a cluster, before it becomes a Snapshot; `forbidden` lists resources we could not read. */
export interface ClusterObjects extends RouteObjects {
  services: Service[];
  pods: Pod[];
  endpoints: Endpoints[];
  endpointSlices: EndpointSlice[];
  nodes: Node[];
  workloads: Workload[];
  /** Absent when the reader had no need for them (they are optional sources). */
  networkPolicies?: NetworkPolicy[];
  namespaces?: Namespace[];
  forbidden: string[];
  /** Absent when not read (explain); empty when the CRD is not served. */
  serviceMonitors?: ServiceMonitor[];
  podMonitors?: PodMonitor[];
  podDisruptionBudgets?: PodDisruptionBudget[];
}

function refOf(kind: string, object: { metadata: { namespace?: string; name?: string } }): ObjectRef {
  return { kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' };
}

/** Turns listed objects into the Snapshot the analysis reads, resolving each Pod's owning workload. Pure. */
export function assembleClusterSnapshot(objects: ClusterObjects): Snapshot {
  const snapshot = emptySnapshot('cluster');
  const resolveOwner = createOwnerResolver(objects.workloads);
  snapshot.services = objects.services.map((object) => ({ object, ref: refOf('Service', object) }));
  snapshot.endpoints = objects.endpoints.map((object) => ({ object, ref: refOf('Endpoints', object) }));
  snapshot.endpointSlices = objects.endpointSlices.map((object) => ({ object, ref: refOf('EndpointSlice', object) }));
  snapshot.nodes = objects.nodes.map((object) => ({ object, ref: refOf('Node', object) }));
  snapshot.workloads = objects.workloads
    .filter((workload) => !isControlledWorkload(workload))
    .map((workload) => toWorkloadEntry(workload, refOf(workload.kind, workload)));
  snapshot.pods = objects.pods.map((pod) => {
    const ref = refOf('Pod', pod);
    const owner = resolveOwner(ref.namespace, pod.metadata.ownerReferences);
    return { ref, labels: pod.metadata.labels ?? {}, spec: pod.spec ?? {}, pod, ...(owner ? { owner } : {}) };
  });
  snapshot.networkPolicies = (objects.networkPolicies ?? []).map((object) => ({ object, ref: refOf('NetworkPolicy', object) }));
  snapshot.namespaces = (objects.namespaces ?? []).map((object) => ({ object, ref: refOf('Namespace', object) }));
  if (objects.serviceMonitors) snapshot.serviceMonitors = objects.serviceMonitors.map((object) => ({ object, ref: refOf('ServiceMonitor', object) }));
  if (objects.podMonitors) snapshot.podMonitors = objects.podMonitors.map((object) => ({ object, ref: refOf('PodMonitor', object) }));
  if (objects.podDisruptionBudgets) snapshot.podDisruptionBudgets = objects.podDisruptionBudgets.map((object) => ({ object, ref: refOf('PodDisruptionBudget', object) }));
  addRouteEntries(snapshot, objects);
  snapshot.unavailable = [...objects.forbidden];
  return snapshot;
}
