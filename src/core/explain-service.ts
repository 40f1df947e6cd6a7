import type { Service } from './kubernetes-types.js';
import type { ServiceAnalysis } from './check.js';
import type { MatchedObject, PortExplanation, ServiceExplanation } from './report.js';
import type { Entry, SnapshotPod } from './snapshot.js';
import type { SnapshotIndex } from './snapshot-index.js';
import { findNearMisses } from './near-miss.js';
import { isPodReady } from './predict/pod-conditions.js';
import { resolveTargetPort, servicePortProtocol, serviceTargetPort } from './find-port.js';
import { effectiveSelector, selectPods, serviceType } from './selector.js';

/** What each Service port resolves to on each selected object. */
export function explainPorts(service: Service, matched: SnapshotPod[]): PortExplanation[] {
  return (service.spec?.ports ?? []).map((port) => ({
    ...(port.name ? { name: port.name } : {}),
    port: port.port,
    protocol: servicePortProtocol(port),
    targetPort: serviceTargetPort(port),
    ...(port.nodePort ? { nodePort: port.nodePort } : {}),
    resolutions: matched.map((pod) => ({ object: pod.ref, ...resolveTargetPort(pod.spec, port) })),
  }));
}

/** Selector matches, near misses and port resolutions of one Service, computed once for all checks. */
export function analyzeService(index: SnapshotIndex, entry: Entry<Service>): ServiceAnalysis {
  const selector = effectiveSelector(entry.object);
  const matched = selector ? selectPods(index, entry.ref.namespace, selector) : [];
  const { nearMisses, total, telling } = selector
    ? findNearMisses(index, entry.ref.namespace, selector, matched.length === 0)
    : { nearMisses: [], total: 0, telling: 0 };
  return { entry, selector, matched, nearMisses, nearMissTotal: total, tellingNearMisses: telling, ports: explainPorts(entry.object, matched) };
}

function toMatchedObject(pod: SnapshotPod): MatchedObject {
  if (pod.template) return { ...pod.ref, replicas: pod.template.replicas };
  return { ...pod.ref, ...(pod.owner ? { workload: pod.owner } : {}), ...(pod.pod ? { ready: isPodReady(pod.pod) } : {}) };
}

/** The report's view of one analysed Service. */
export function toServiceExplanation(analysis: ServiceAnalysis): ServiceExplanation {
  const { entry } = analysis;
  return {
    namespace: entry.ref.namespace,
    name: entry.ref.name,
    type: serviceType(entry.object),
    selector: analysis.selector,
    matches: analysis.matched.map(toMatchedObject),
    nearMisses: analysis.nearMisses,
    nearMissTotal: analysis.nearMissTotal,
    ports: analysis.ports,
    ...(entry.location ? { location: entry.location } : {}),
  };
}
