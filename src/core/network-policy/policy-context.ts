import { servingContainers } from '../find-port.js';
import type { LabelMap } from '../kubernetes-types.js';
import type { Snapshot, SnapshotPod } from '../snapshot.js';
import type { PolicyContext, PolicyPod } from './evaluate.js';

/** The label the API server puts on every Namespace (NamespaceDefaultLabelName), the one selectors can rely on. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The NetworkPolicies and Namespace labels of a snapshot, in the form evaluation reads them. */
export function policyContextOf(snapshot: Snapshot): PolicyContext {
  const labels = new Map<string, LabelMap>();
  for (const entry of snapshot.namespaces) {
    labels.set(entry.ref.name, { ...(entry.object.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: entry.ref.name });
  }
  return {
    policies: snapshot.networkPolicies,
    namespaceLabels: (namespace) => labels.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace },
  };
}

/** Whether the snapshot knows a namespace's labels (manifests often hold no Namespace objects). */
export function knowsNamespace(snapshot: Snapshot, namespace: string): boolean {
  return snapshot.namespaces.some((entry) => entry.ref.name === namespace);
}

/** A Pod or pod template as policies see it: labels, IPs (none for templates) and declared ports. */
export function policyPodOf(pod: SnapshotPod): PolicyPod {
  const status = pod.pod?.status;
  const ips = (status?.podIPs ?? []).map((entry) => entry.ip).filter(Boolean);
  if (ips.length === 0 && status?.podIP) ips.push(status.podIP);
  return {
    ref: pod.ref,
    namespace: pod.ref.namespace,
    labels: pod.labels,
    ips,
    ports: servingContainers(pod.spec).flatMap((container) => container.ports ?? []),
  };
}
