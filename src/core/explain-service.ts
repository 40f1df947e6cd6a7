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
export function explainPorts(service: Service, matched: readonly SnapshotPod[]): PortExplanation[] {
  return (service.spec?.ports ?? []).map((port) => {
    // Field by field in the JSON contract's order: conditional object spreads cost several times more.
    const explanation = {} as PortExplanation;
    if (port.name) explanation.name = port.name;
    explanation.port = port.port;
    explanation.protocol = servicePortProtocol(port);
    explanation.targetPort = serviceTargetPort(port);
    if (port.nodePort) explanation.nodePort = port.nodePort;
    explanation.resolutions = matched.map((pod) => Object.assign({ object: pod.ref }, resolveTargetPort(pod.spec, port)));
    return explanation;
  });
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
  const { kind, namespace, name } = pod.ref;
  if (pod.template) return { kind, namespace, name, replicas: pod.template.replicas };
  const matched: MatchedObject = { kind, namespace, name };
  if (pod.owner) matched.workload = pod.owner;
  if (pod.pod) matched.ready = isPodReady(pod.pod);
  return matched;
}

/** The report's view of one analysed Service. */
export function toServiceExplanation(analysis: ServiceAnalysis): ServiceExplanation {
  const { entry } = analysis;
  const explanation: ServiceExplanation = {
    namespace: entry.ref.namespace,
    name: entry.ref.name,
    type: serviceType(entry.object),
    selector: analysis.selector,
    matches: analysis.matched.map(toMatchedObject),
    nearMisses: analysis.nearMisses,
    nearMissTotal: analysis.nearMissTotal,
    nearMissKind: analysis.nearMisses.length === 0 ? null : analysis.tellingNearMisses > 0 ? 'telling' : 'weak',
    ports: analysis.ports,
  };
  if (entry.location) explanation.location = entry.location;
  return explanation;
}
