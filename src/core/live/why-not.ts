/**
 * Why is this Pod (not) behind this Service? Walks the rules the endpoint controllers apply to one Pod
 * (why-not-rules), predicts where the Pod should appear, finds where it does appear in the Service's
 * EndpointSlices and Endpoints (endpoint-presence), and says it in one sentence plus a checklist. Pure.
 */
import { matchesLabelSelector } from '../label-selector.js';
import { policyTypes } from '../network-policy/policy-defaults.js';
import {
  describeEndpointsPresence, describeSlicePresence, endpointsPresence, sameEndpointsPresence, sameSlicePresence, slicePresence,
  type EndpointsPresence, type SlicePresence,
} from './endpoint-presence.js';
import { podItems, portItems, selectorItems, type WhyNotInput, type WhyNotItem } from './why-not-rules.js';
import type { Service } from '../kubernetes-types.js';
import { effectiveSelector, isPodReady, isTerminating, predictEndpointSlices, predictEndpoints, predictMirroredSlices } from '../predict/index.js';
import { matchesSelector } from '../selector.js';

export type { EndpointsPresence, SlicePresence } from './endpoint-presence.js';
export type { Mark, WhyNotInput, WhyNotItem } from './why-not-rules.js';

/** The verdict: behind (and ready) on every port, on some, or not at all, and why. */
export interface WhyNotVerdict {
  namespace: string;
  service: string;
  pod: string;
  behind: 'yes' | 'partly' | 'no';
  selected: boolean;
  /** "is not behind Service web: it is terminating", the answer without the Pod's name. */
  summary: string;
  /** The first line: "Pod web-3 is not behind Service web: it is terminating". */
  answer: string;
  predicted: { slices: SlicePresence; endpoints: EndpointsPresence };
  actual: { slices: SlicePresence | null; endpoints: EndpointsPresence | null };
  items: WhyNotItem[];
}

/** The lines comparing what Kubernetes should publish with what it does. */
function actualItems(predicted: WhyNotVerdict['predicted'], actual: WhyNotVerdict['actual']): WhyNotItem[] {
  const items: WhyNotItem[] = [];
  if (!actual.slices) {
    items.push({ topic: 'endpointslices', mark: 'unknown', text: `EndpointSlices: cannot be read (forbidden); should be ${describeSlicePresence(predicted.slices)}` });
  } else {
    const agrees = sameSlicePresence(predicted.slices, actual.slices);
    const inSlices = actual.slices.slices.length > 0 ? ` (${actual.slices.slices.join(', ')})` : '';
    items.push({
      topic: 'endpointslices', mark: actual.slices.present && actual.slices.ready ? 'ok' : 'fail',
      text: `EndpointSlices: ${describeSlicePresence(actual.slices)}${inSlices}${agrees ? ', as expected' : ''}`,
    });
    if (!agrees) {
      items.push({
        topic: 'endpointslices', mark: 'warn',
        text: `EndpointSlices disagree: Kubernetes should have it ${describeSlicePresence(predicted.slices)}; the controller may not have caught up yet`,
      });
    }
  }
  if (!actual.endpoints) {
    items.push({ topic: 'endpoints', mark: 'unknown', text: `Endpoints: cannot be read (forbidden); should be ${describeEndpointsPresence(predicted.endpoints)}` });
  } else {
    const agrees = sameEndpointsPresence(predicted.endpoints, actual.endpoints);
    items.push({
      topic: 'endpoints', mark: actual.endpoints.list === 'addresses' ? 'ok' : 'fail',
      text: `Endpoints: ${describeEndpointsPresence(actual.endpoints)}${agrees ? ', as expected' : ''}`,
    });
    if (!agrees) {
      items.push({ topic: 'endpoints', mark: 'warn', text: `Endpoints disagree: Kubernetes should have it ${describeEndpointsPresence(predicted.endpoints)}` });
    }
  }
  return items;
}

/** Where the controllers should put the Pod: the prediction core run on this one Pod (absent when not selected). */
function predict(input: WhyNotInput, selected: boolean): WhyNotVerdict['predicted'] {
  const { service, pod } = input;
  const pods = selected ? [pod] : [];
  const nodeName = pod.spec?.nodeName;
  // When Nodes cannot be read, assume the Pod's Node exists rather than predict a skip nobody can confirm.
  const nodes = input.unavailable.includes('nodes') && nodeName ? [{ metadata: { name: nodeName } }] : input.nodes;
  if (!effectiveSelector(service)) {
    // No selector: the hand-written Endpoints are the truth, mirrored into slices (spec section 3).
    const mirrored = input.endpoints && service.spec?.type !== 'ExternalName' ? predictMirroredSlices(service, input.endpoints).slices : [];
    return { slices: slicePresence(pod, mirrored), endpoints: endpointsPresence(pod, input.endpoints) };
  }
  const slices = predictEndpointSlices({ service, pods, nodes }).slices;
  const endpoints = predictEndpoints({ service, pods }).endpoints;
  return { slices: slicePresence(pod, slices), endpoints: endpointsPresence(pod, endpoints) };
}

/** Names of the Service ports the Pod is published for, by the slices that decide (actual, else predicted). */
function coveredPorts(service: Service, presence: SlicePresence): { covered: string[]; missing: string[] } {
  const names = new Set(presence.portNames);
  const covered: string[] = [];
  const missing: string[] = [];
  for (const port of service.spec?.ports ?? []) (names.has(port.name ?? '') ? covered : missing).push(port.name || String(port.port));
  return { covered, missing };
}

/** A note when NetworkPolicies isolate the Pod for ingress: being an endpoint does not mean every client may connect. */
function isolationItems(input: WhyNotInput): WhyNotItem[] {
  if (input.unavailable.includes('networkpolicies')) return [{ topic: 'network-policy', mark: 'unknown', text: 'NetworkPolicies: cannot be read (forbidden)' }];
  const namespace = input.pod.metadata.namespace ?? '';
  const isolating = (input.networkPolicies ?? []).filter(
    (policy) => (policy.metadata.namespace ?? '') === namespace && policyTypes(policy).includes('Ingress') && matchesLabelSelector(policy.spec?.podSelector ?? {}, input.pod.metadata.labels),
  );
  if (isolating.length === 0) return [];
  const names = isolating.map((policy) => policy.metadata.name ?? '').join(', ');
  const service = input.service.metadata.name ?? '';
  return [{ topic: 'network-policy', mark: 'warn', text: `NetworkPolicies isolate it for ingress (${names}): only the peers and ports they allow can connect; see kubectl svc-explain can-reach --from CLIENT ${service}` }];
}

/** Why-not for one Service and one Pod: the checklist, the prediction, the actual state and the answer. */
export function explainWhyNot(input: WhyNotInput): WhyNotVerdict {
  const { service, pod } = input;
  const serviceName = service.metadata.name ?? '';
  const podName = pod.metadata.name ?? '';
  const rules = selectorItems(service, pod);
  const selector = effectiveSelector(service);
  const selected = selector !== null && rules.every((item) => item.mark !== 'fail') && matchesSelector(pod.metadata.labels, selector);
  const ruleItems = [...rules, ...podItems(input, selected), ...portItems(service, pod)];
  const predicted = predict(input, selected);
  const actual = {
    slices: input.unavailable.includes('endpointslices') ? null : slicePresence(pod, input.endpointSlices),
    endpoints: input.unavailable.includes('endpoints') ? null : endpointsPresence(pod, input.endpoints),
  };
  const deciding = actual.slices ?? predicted.slices;
  const { covered, missing } = coveredPorts(service, deciding);
  const hasPorts = (service.spec?.ports ?? []).length > 0;
  const readyEndpoint = deciding.present && deciding.ready;
  const behind = !readyEndpoint || (hasPorts && covered.length === 0) ? 'no' : missing.length > 0 ? 'partly' : 'yes';

  // Without a selector only the hand-written Endpoints decide; the Pod's own state is shown but is no reason.
  const reasons = (selector ? ruleItems : rules).flatMap((item) => (item.reason ? [item.reason] : []));
  const portReasons = ruleItems.filter((item) => item.topic === 'port' && item.reason).map((item) => item.reason as string);
  let summary: string;
  if (behind === 'yes') {
    const onlyByPublishing = selected && service.spec?.publishNotReadyAddresses && (!isPodReady(pod) || isTerminating(pod));
    const notReadyItself = onlyByPublishing ? ', though only because publishNotReadyAddresses is set' : '';
    summary = `is behind Service ${serviceName} and ready${notReadyItself}`;
  } else if (behind === 'partly') {
    summary = `is behind Service ${serviceName} only for port ${covered.join(', ')}: ${portReasons.join('; ') || `port ${missing.join(', ')} is not published for it`}`;
  } else if (readyEndpoint) {
    summary = `is not behind Service ${serviceName}: ${portReasons.length > 0 ? `no Service port resolves on it (${portReasons.join('; ')})` : 'it is published without ports'}`;
  } else if (reasons.length > 0) {
    summary = `is not behind Service ${serviceName}: ${reasons.join('; ')}`;
  } else {
    summary = `is not behind Service ${serviceName}: it should be a ready endpoint, but the EndpointSlices ${deciding.present ? 'list it as not ready' : 'do not list it'} (the controller may not have caught up yet)`;
  }
  return {
    namespace: service.metadata.namespace ?? '',
    service: serviceName,
    pod: podName,
    behind,
    selected,
    summary,
    answer: `Pod ${podName} ${summary}`,
    predicted,
    actual,
    items: [...ruleItems, ...actualItems(predicted, actual), ...isolationItems(input)],
  };
}
