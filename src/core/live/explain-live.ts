import type { ServiceAnalysis } from '../check.js';
import type { Endpoints, EndpointSlice, Pod, Service } from '../kubernetes-types.js';
import { diffEndpoints, diffEndpointSlices, slicesOfService, type Difference } from '../predict/compare.js';
import { predictMirroredSlices } from '../predict/mirror-endpoints.js';
import { isPodReady, isTerminating } from '../predict/pod-conditions.js';
import { predictEndpointSlices, type SkippedPod } from '../predict/predict-endpoint-slices.js';
import { predictEndpoints } from '../predict/predict-endpoints.js';
import { computeProxyTargets, type ProxyTargets } from '../predict/proxy-targets.js';
import { ENDPOINTSLICE_CONTROLLER, MIRRORING_CONTROLLER } from '../predict/service-facts.js';
import type { Snapshot, ObjectRef } from '../snapshot.js';
import { nameKey, type SnapshotIndex } from '../snapshot-index.js';

/** One selected Pod as `explain` lists it. */
export interface LivePod {
  name: string;
  phase: string;
  ready: boolean;
  terminating: boolean;
  ip: string | null;
  node: string | null;
  workload: ObjectRef | null;
}

/** Predicted against actual objects of one kind, with every difference named. */
export interface Comparison<T> {
  /** False when the controller leaves this kind alone for the Service (no selector, ExternalName). */
  managed: boolean;
  predicted: T;
  actual: T;
  differences: Difference[];
  /** True when the actual objects could not be read (forbidden): there is nothing to compare. */
  unavailable: boolean;
}

/** What `explain SERVICE` shows beyond the Report: Pods, endpoint objects and kube-proxy's view. */
export interface LiveExplanation {
  pods: LivePod[];
  endpointSlices: Comparison<EndpointSlice[]> & { skippedPods: SkippedPod[] };
  endpoints: Comparison<Endpoints | null>;
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
  };
}

/** Predicted and actual EndpointSlices of a Service: controller-built for a selector, mirrored without one. */
export function compareEndpointSlices(snapshot: Snapshot, index: SnapshotIndex, analysis: ServiceAnalysis) {
  const service = analysis.entry.object;
  const { namespace, name } = analysis.entry.ref;
  const unavailable = snapshot.unavailable.includes('endpointslices');
  const allSlices = (index.slicesByService.get(nameKey(namespace, name)) ?? []).map((entry) => entry.object);
  if (analysis.selector) {
    const pods = analysis.matched.flatMap((pod) => (pod.pod ? [pod.pod] : []));
    const prediction = predictEndpointSlices({ service, pods, nodes: snapshot.nodes.map((node) => node.object) });
    const actual = slicesOfService(allSlices, namespace, name, ENDPOINTSLICE_CONTROLLER);
    const differences = unavailable ? [] : diffEndpointSlices(prediction.slices, actual, { ignoreHints: !prediction.hintsPredicted });
    return { managed: true, predicted: prediction.slices, actual, differences, unavailable, skippedPods: prediction.skippedPods };
  }
  const endpoints = index.endpointsByName.get(nameKey(namespace, name))?.object;
  const predicted = endpoints && service.spec?.type !== 'ExternalName' ? predictMirroredSlices(service, endpoints).slices : [];
  const actual = slicesOfService(allSlices, namespace, name, MIRRORING_CONTROLLER);
  const managed = endpoints !== undefined && service.spec?.type !== 'ExternalName';
  const differences = unavailable || !managed ? [] : diffEndpointSlices(predicted, actual);
  return { managed, predicted, actual, differences, unavailable, skippedPods: [] };
}

/** Predicted and actual legacy Endpoints object of a selector Service. */
export function compareEndpoints(snapshot: Snapshot, index: SnapshotIndex, analysis: ServiceAnalysis): Comparison<Endpoints | null> {
  const service: Service = analysis.entry.object;
  const { namespace, name } = analysis.entry.ref;
  const unavailable = snapshot.unavailable.includes('endpoints');
  const actual = index.endpointsByName.get(nameKey(namespace, name))?.object ?? null;
  const pods = analysis.matched.flatMap((pod) => (pod.pod ? [pod.pod] : []));
  const prediction = predictEndpoints({ service, pods });
  if (!prediction.managed) return { managed: false, predicted: null, actual, differences: [], unavailable };
  const differences = unavailable ? [] : diffEndpoints(prediction.endpoints, actual);
  return { managed: true, predicted: prediction.endpoints, actual, differences, unavailable };
}

/** Everything `explain` adds to the Report for one Service; pure, from a cluster Snapshot. */
export function explainLive(snapshot: Snapshot, index: SnapshotIndex, analysis: ServiceAnalysis, options: { nodeName?: string } = {}): LiveExplanation {
  const pods = analysis.matched.flatMap((pod) => (pod.pod ? [toLivePod(pod.pod, pod.owner)] : []));
  const endpointSlices = compareEndpointSlices(snapshot, index, analysis);
  const endpoints = compareEndpoints(snapshot, index, analysis);
  const proxySource = endpointSlices.unavailable ? 'predicted' : 'actual';
  const slices = proxySource === 'actual' ? endpointSlices.actual : endpointSlices.predicted;
  const node = options.nodeName ? index.nodesByName.get(options.nodeName)?.object : undefined;
  const proxy = computeProxyTargets(analysis.entry.object, slices, {
    ...(options.nodeName ? { nodeName: options.nodeName } : {}),
    ...(node?.metadata.labels ? { nodeLabels: node.metadata.labels } : {}),
  });
  return { pods, endpointSlices, endpoints, proxy, proxySource };
}
