/**
 * `pod POD`: the Services that select a Pod or miss it by one telling label, and for each whether the
 * Pod is behind it and why not. Pure: the reader passes the objects, the renderer prints the result.
 */
import { explainPodNotReady } from '../checks/live/pod-readiness.js';
import type { Endpoints, EndpointSlice, Node, Pod, Service } from '../kubernetes-types.js';
import { differenceFor, isTellingDifference } from '../label-difference.js';
import { isPodReady, isTerminating } from '../predict/index.js';
import { LABEL_SERVICE_NAME } from '../predict/service-facts.js';
import { effectiveSelector } from '../selector.js';
import type { LabelDifference } from '../report.js';
import { explainWhyNot, type WhyNotVerdict } from './why-not.js';
import type { NetworkPolicy } from '../network-policy/types.js';

/** How a Service relates to the Pod: its selector matches, or misses by exactly one telling label. */
export interface ServiceRelation {
  service: Service;
  relation: 'selects' | 'nearly-selects';
  /** Empty when the Service selects the Pod; the one differing label otherwise. */
  differences: LabelDifference[];
}

/** One Service in the `pod` output. */
export interface PodServiceEntry {
  service: string;
  relation: ServiceRelation['relation'];
  differences: LabelDifference[];
  verdict: WhyNotVerdict;
}

/** What `pod POD` prints. */
export interface PodServicesView {
  pod: {
    name: string;
    namespace: string;
    phase: string;
    ip: string | null;
    node: string | null;
    ready: boolean;
    terminating: boolean;
    /** Why the Pod is not a ready endpoint anywhere (empty when it is one). */
    notReadyReasons: string[];
  };
  services: PodServiceEntry[];
  /** Services of the namespace the controllers ignore (no selector or ExternalName), not listed above. */
  servicesWithoutSelector: number;
  unavailable: string[];
}

/**
 * The Services of the Pod's namespace that select it, then those that miss it by one label that looks
 * like a mistake (a typo'd value, a missing or look-alike key), as near-miss.ts judges it. Used twice:
 * to decide which Services' endpoints to read, and to build the view.
 */
export function relatedServices(pod: Pod, services: Service[]): ServiceRelation[] {
  const labels = pod.metadata.labels ?? {};
  const related: ServiceRelation[] = [];
  for (const service of services) {
    if ((service.metadata.namespace ?? '') !== (pod.metadata.namespace ?? '')) continue;
    const selector = effectiveSelector(service);
    if (!selector) continue;
    const differences = Object.keys(selector).flatMap((key) => differenceFor(labels, key, selector[key]) ?? []);
    if (differences.length === 0) related.push({ service, relation: 'selects', differences });
    else if (differences.length === 1 && isTellingDifference(differences[0])) related.push({ service, relation: 'nearly-selects', differences });
  }
  const order = (relation: ServiceRelation) => `${relation.relation === 'selects' ? 0 : 1}\u0000${relation.service.metadata.name ?? ''}`;
  return related.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** Input of podServices: the Pod, every Service of its namespace, and the endpoint objects of the related ones. */
export interface PodServicesInput {
  pod: Pod;
  services: Service[];
  nodes: Node[];
  endpointSlices: EndpointSlice[];
  endpoints: Endpoints[];
  unavailable: string[];
  networkPolicies?: NetworkPolicy[];
}

/** Every related Service with its why-not verdict, plus the Pod's own state. */
export function podServices(input: PodServicesInput): PodServicesView {
  const { pod } = input;
  const entries = relatedServices(pod, input.services).map(({ service, relation, differences }) => {
    const name = service.metadata.name ?? '';
    const verdict = explainWhyNot({
      service,
      pod,
      nodes: input.nodes,
      endpointSlices: input.endpointSlices.filter((slice) => slice.metadata.labels?.[LABEL_SERVICE_NAME] === name),
      endpoints: input.endpoints.find((endpoints) => endpoints.metadata.name === name) ?? null,
      unavailable: input.unavailable,
      ...(input.networkPolicies ? { networkPolicies: input.networkPolicies } : {}),
    });
    return { service: name, relation, differences, verdict };
  });
  return {
    pod: {
      name: pod.metadata.name ?? '',
      namespace: pod.metadata.namespace ?? '',
      phase: pod.status?.phase ?? 'Unknown',
      ip: pod.status?.podIP ?? null,
      node: pod.spec?.nodeName ?? null,
      ready: isPodReady(pod),
      terminating: isTerminating(pod),
      notReadyReasons: explainPodNotReady(pod),
    },
    services: entries,
    servicesWithoutSelector: input.services.filter((service) => !effectiveSelector(service)).length,
    unavailable: [...input.unavailable].sort(),
  };
}
