import type { ServiceAnalysis } from '../check.js';
import { explainPodNotReady } from '../checks/live/pod-readiness.js';
import { compareEndpointObjects, type ComparisonOptions, type EndpointObjectsComparison } from '../checks/live/find-endpoint-drift.js';
import type { EndpointSlice, Pod } from '../kubernetes-types.js';
import { isPodReady, isTerminating } from '../predict/pod-conditions.js';
import { computeProxyTargetsByFamily, type ProxyMode, type ProxyTargets } from '../predict/proxy-targets.js';
import type { ObjectRef, Snapshot } from '../snapshot.js';
import { nameKey, type SnapshotIndex } from '../snapshot-index.js';
import { minorNumber } from '../version/kubernetes-version.js';

/** One selected Pod as `explain` lists it. */
export interface LivePod {
  name: string;
  phase: string;
  ready: boolean;
  terminating: boolean;
  ip: string | null;
  node: string | null;
  /** Whether the Pod's Node exists: 'unknown' when Nodes could not be read, null for an unscheduled Pod. */
  nodeStatus: 'present' | 'missing' | 'unknown' | null;
  workload: ObjectRef | null;
  /** Why the Pod gets no ready endpoint (empty when it does). */
  notReadyReasons: string[];
}

/** What `explain SERVICE` shows beyond the Report: Pods, endpoint objects and kube-proxy's view. */
export interface LiveExplanation {
  pods: LivePod[];
  endpointSlices: EndpointObjectsComparison['slices'];
  endpoints: EndpointObjectsComparison['endpoints'];
  /** Every EndpointSlice kube-proxy reads for the Service (its service-name label), whoever manages it. */
  proxySlices: EndpointSlice[];
  /** Where kube-proxy sends traffic in the Service's primary family, from the actual EndpointSlices (or the predicted ones when unreadable). */
  proxy: ProxyTargets;
  /** The same for every family in spec.ipFamilies (primary first): one proxier, chains and backends each. */
  proxyByFamily: ProxyTargets[];
  proxySource: 'actual' | 'predicted';
  /** True when Nodes could not be read: zones and the per-node parts of the proxy view are unknown. */
  nodesUnknown: boolean;
}

function toLivePod(pod: Pod, workload: ObjectRef | undefined, nodeStatus: (name: string) => LivePod['nodeStatus']): LivePod {
  return {
    name: pod.metadata.name ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    ready: isPodReady(pod),
    terminating: isTerminating(pod),
    ip: pod.status?.podIP ?? null,
    node: pod.spec?.nodeName ?? null,
    nodeStatus: pod.spec?.nodeName ? nodeStatus(pod.spec.nodeName) : null,
    workload: workload ?? null,
    notReadyReasons: explainPodNotReady(pod),
  };
}

/** Everything `explain` adds to the Report for one Service; pure, from a cluster Snapshot. */
export function explainLive(
  snapshot: Snapshot,
  index: SnapshotIndex,
  analysis: ServiceAnalysis,
  options: { nodeName?: string; proxyMode?: ProxyMode } & ComparisonOptions = {},
): LiveExplanation {
  const nodesUnknown = snapshot.unavailable.includes('nodes');
  const nodeStatus = (name: string): LivePod['nodeStatus'] => (nodesUnknown ? 'unknown' : index.nodesByName.has(name) ? 'present' : 'missing');
  const pods = analysis.matched.flatMap((pod) => (pod.pod ? [toLivePod(pod.pod, pod.owner, nodeStatus)] : []));
  const { slices: endpointSlices, endpoints } = compareEndpointObjects({ snapshot, index }, analysis, options);
  const proxySource = snapshot.unavailable.includes('endpointslices') ? 'predicted' : 'actual';
  const { namespace, name } = analysis.entry.ref;
  // kube-proxy merges every slice with the Service's service-name label, not only the controllers' own.
  const proxySlices = proxySource === 'actual'
    ? (index.slicesByService.get(nameKey(namespace, name)) ?? []).map((entry) => entry.object)
    : endpointSlices.predicted;
  const node = options.nodeName ? index.nodesByName.get(options.nodeName)?.object : undefined;
  const proxyByFamily = computeProxyTargetsByFamily(analysis.entry.object, proxySlices, {
    ...(options.nodeName ? { nodeName: options.nodeName } : {}),
    ...(node?.metadata.labels ? { nodeLabels: node.metadata.labels } : {}),
    ...(options.proxyMode ? { mode: options.proxyMode } : {}),
    ...(nodesUnknown ? { nodesUnknown } : {}),
    kubernetesMinor: minorNumber(snapshot.kubernetesVersion),
  });
  return { pods, endpointSlices, endpoints, proxySlices, proxy: proxyByFamily[0], proxyByFamily, proxySource, nodesUnknown };
}
