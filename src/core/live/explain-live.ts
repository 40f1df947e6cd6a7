import type { ServiceAnalysis } from '../check.js';
import { explainPodNotReady } from '../checks/live/pod-readiness.js';
import { compareEndpointObjects, type ComparisonOptions, type EndpointObjectsComparison } from '../checks/live/find-endpoint-drift.js';
import type { Pod } from '../kubernetes-types.js';
import { isPodReady, isTerminating } from '../predict/pod-conditions.js';
import { computeProxyTargets, type ProxyMode, type ProxyTargets } from '../predict/proxy-targets.js';
import type { ObjectRef, Snapshot } from '../snapshot.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { minorNumber } from '../version/kubernetes-version.js';

/** One selected Pod as `explain` lists it. */
export interface LivePod {
  name: string;
  phase: string;
  ready: boolean;
  terminating: boolean;
  ip: string | null;
  node: string | null;
  workload: ObjectRef | null;
  /** Why the Pod gets no ready endpoint (empty when it does). */
  notReadyReasons: string[];
}

/** What `explain SERVICE` shows beyond the Report: Pods, endpoint objects and kube-proxy's view. */
export interface LiveExplanation {
  pods: LivePod[];
  endpointSlices: EndpointObjectsComparison['slices'];
  endpoints: EndpointObjectsComparison['endpoints'];
  /** Where kube-proxy sends traffic, from the actual EndpointSlices (or the predicted ones when unreadable). */
  proxy: ProxyTargets;
  proxySource: 'actual' | 'predicted';
}

function toLivePod(pod: Pod, workload: ObjectRef | undefined): LivePod {
  return {
    name: pod.metadata.name ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    ready: isPodReady(pod),
    terminating: isTerminating(pod),
    ip: pod.status?.podIP ?? null,
    node: pod.spec?.nodeName ?? null,
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
  const pods = analysis.matched.flatMap((pod) => (pod.pod ? [toLivePod(pod.pod, pod.owner)] : []));
  const { slices: endpointSlices, endpoints } = compareEndpointObjects({ snapshot, index }, analysis, options);
  const proxySource = endpointSlices.unavailable ? 'predicted' : 'actual';
  const slices = proxySource === 'actual' ? endpointSlices.actual : endpointSlices.predicted;
  const node = options.nodeName ? index.nodesByName.get(options.nodeName)?.object : undefined;
  const proxy = computeProxyTargets(analysis.entry.object, slices, {
    ...(options.nodeName ? { nodeName: options.nodeName } : {}),
    ...(node?.metadata.labels ? { nodeLabels: node.metadata.labels } : {}),
    ...(options.proxyMode ? { mode: options.proxyMode } : {}),
    kubernetesMinor: minorNumber(snapshot.kubernetesVersion),
  });
  return { pods, endpointSlices, endpoints, proxy, proxySource };
}
