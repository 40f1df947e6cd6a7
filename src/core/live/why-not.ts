/**
 * Why is this Pod (not) behind this Service? Walks the rules the endpoint controllers apply to one Pod
 * (spec sections 1, 2, 4 and 5), predicts where the Pod should appear, finds where it does appear in
 * the Service's EndpointSlices and Endpoints, and says it in one sentence plus a checklist. Pure.
 */
import { explainPodNotReady } from '../checks/live/pod-readiness.js';
import type { EndpointPort, Endpoints, EndpointSlice, Node, Pod, Service, SliceEndpoint } from '../kubernetes-types.js';
import { differenceFor } from '../near-miss.js';
import {
  addressTypesForService, effectiveSelector, findPort, isPodReady, isTerminal, isTerminating, podIPsForFamily, predictEndpointSlices,
  predictEndpoints, predictMirroredSlices, servicePortProtocol, serviceTargetPort,
} from '../predict/index.js';
import { describeDeclaredPorts, resolveTargetPort } from '../find-port.js';
import { formatSelector, matchesSelector } from '../selector.js';

/** ✓ helps the Pod get traffic, ✗ keeps it out, ! worth knowing, ? could not be read. */
export type Mark = 'ok' | 'fail' | 'warn' | 'unknown';

/** One line of the checklist; `blocking` marks the rule failures the one-sentence answer is made of. */
export interface WhyNotItem {
  topic: 'selector' | 'namespace' | 'label' | 'phase' | 'ip' | 'node' | 'ready' | 'terminating' | 'port' | 'endpointslices' | 'endpoints';
  mark: Mark;
  text: string;
  details?: string[];
  /** The reason in answer form ("it is terminating"), set on rule failures that keep the Pod out. */
  reason?: string;
}

/** Where the Pod is (or should be) in the Service's EndpointSlices; ports as "http 8080/TCP". */
export interface SlicePresence {
  present: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  ports: string[];
  /** Names of the Service ports the Pod is published for ("" for an unnamed port). */
  portNames: string[];
  slices: string[];
}

/** Where the Pod is (or should be) in the Service's Endpoints object. */
export interface EndpointsPresence {
  list: 'addresses' | 'notReadyAddresses' | null;
  ports: string[];
}

/** What the why-not core needs: the two objects, the Pod's Node if it exists, the Service's endpoint objects. */
export interface WhyNotInput {
  service: Service;
  pod: Pod;
  /** The Pod's Node when it exists (other Nodes are ignored). */
  nodes: Node[];
  endpointSlices: EndpointSlice[];
  endpoints: Endpoints | null;
  /** Resources that could not be read (forbidden): "nodes", "endpointslices", "endpoints". */
  unavailable: string[];
}

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

function portText(port: EndpointPort): string {
  return `${port.name ? `${port.name} ` : ''}${port.port}/${port.protocol || 'TCP'}`;
}

function isThisPod(pod: Pod, ref: { kind?: string; namespace?: string; name?: string; uid?: string } | undefined, addresses: string[]): boolean {
  if (ref && (ref.kind ?? 'Pod') === 'Pod' && ref.name) {
    if (ref.uid && pod.metadata.uid) return ref.uid === pod.metadata.uid;
    return ref.name === pod.metadata.name && (ref.namespace ?? pod.metadata.namespace) === pod.metadata.namespace;
  }
  const ips = new Set([pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((entry) => entry.ip)].filter(Boolean));
  return addresses.some((ip) => ips.has(ip));
}

/** Where the Pod stands in these slices; kube-proxy reads unset ready/serving as true. */
export function slicePresence(pod: Pod, slices: EndpointSlice[]): SlicePresence {
  const found: { slice: EndpointSlice; endpoint: SliceEndpoint }[] = [];
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) if (isThisPod(pod, endpoint.targetRef, endpoint.addresses)) found.push({ slice, endpoint });
  }
  const ready = found.some(({ endpoint }) => endpoint.conditions?.ready !== false);
  return {
    present: found.length > 0,
    ready,
    serving: found.some(({ endpoint }) => (endpoint.conditions?.serving ?? endpoint.conditions?.ready) !== false),
    terminating: found.some(({ endpoint }) => endpoint.conditions?.terminating === true),
    ports: [...new Set(found.flatMap(({ slice }) => (slice.ports ?? []).map(portText)))].sort(),
    portNames: [...new Set(found.flatMap(({ slice }) => (slice.ports ?? []).map((port) => port.name ?? '')))].sort(),
    slices: [...new Set(found.map(({ slice }) => slice.metadata.name ?? slice.metadata.generateName ?? ''))],
  };
}

/** Where the Pod stands in an Endpoints object: ready addresses win over not-ready ones. */
export function endpointsPresence(pod: Pod, endpoints: Endpoints | null): EndpointsPresence {
  let list: EndpointsPresence['list'] = null;
  const ports = new Set<string>();
  for (const subset of endpoints?.subsets ?? []) {
    const ready = (subset.addresses ?? []).some((address) => isThisPod(pod, address.targetRef, [address.ip]));
    const notReady = (subset.notReadyAddresses ?? []).some((address) => isThisPod(pod, address.targetRef, [address.ip]));
    if (!ready && !notReady) continue;
    list = ready || list === 'addresses' ? 'addresses' : 'notReadyAddresses';
    for (const port of subset.ports ?? []) ports.add(portText(port));
  }
  return { list, ports: [...ports].sort() };
}

function sameSlicePresence(a: SlicePresence, b: SlicePresence): boolean {
  if (!a.present || !b.present) return a.present === b.present;
  return a.ready === b.ready && a.serving === b.serving && a.terminating === b.terminating && a.ports.join() === b.ports.join();
}

function sameEndpointsPresence(a: EndpointsPresence, b: EndpointsPresence): boolean {
  return a.list === b.list && (a.list === null || a.ports.join() === b.ports.join());
}

/** The selector, namespace and label lines (spec section 1). */
function selectorItems(service: Service, pod: Pod): WhyNotItem[] {
  const serviceName = service.metadata.name ?? '';
  if (service.spec?.type === 'ExternalName') {
    return [{ topic: 'selector', mark: 'fail', text: 'Service is ExternalName: Kubernetes keeps no endpoints for it', reason: 'the Service is of type ExternalName and has no endpoints' }];
  }
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) {
    return [{
      topic: 'selector', mark: 'warn', text: 'Service has no selector: its endpoints are written by hand, not by Kubernetes',
      reason: `Service ${serviceName} has no selector, so only hand-written Endpoints can name the Pod`,
    }];
  }
  const items: WhyNotItem[] = [{ topic: 'selector', mark: 'ok', text: `selector ${formatSelector(selector)}` }];
  const serviceNamespace = service.metadata.namespace ?? '';
  const podNamespace = pod.metadata.namespace ?? '';
  items.push(serviceNamespace === podNamespace
    ? { topic: 'namespace', mark: 'ok', text: `namespace ${podNamespace}` }
    : {
        topic: 'namespace', mark: 'fail', text: `namespace ${podNamespace}, but the Service selects only in ${serviceNamespace}`,
        reason: `the Pod is in namespace ${podNamespace}, the Service in ${serviceNamespace}`,
      });
  const labels = pod.metadata.labels ?? {};
  for (const key of Object.keys(selector)) {
    const difference = differenceFor(labels, key, selector[key]);
    if (!difference) {
      items.push({ topic: 'label', mark: 'ok', text: `label ${key}=${selector[key]}` });
    } else if (difference.actualKey === key) {
      const reason = `label ${key} is "${difference.actualValue}", the selector wants "${difference.want}"`;
      items.push({ topic: 'label', mark: 'fail', text: reason, reason });
    } else {
      const lookAlike = difference.actualKey === null ? '' : ` (it has the look-alike ${difference.actualKey}=${difference.actualValue})`;
      const reason = `the Pod has no label ${key}${lookAlike}, the selector wants ${key}=${difference.want}`;
      items.push({ topic: 'label', mark: 'fail', text: `label ${key} missing${lookAlike}: the selector wants ${key}=${difference.want}`, reason });
    }
  }
  return items;
}

/** The readiness line, with the colleague-shared reasons minus what other lines already say. */
function readinessItem(pod: Pod, publishNotReady: boolean, selected: boolean): WhyNotItem {
  if (isPodReady(pod)) return { topic: 'ready', mark: 'ok', text: 'Ready' };
  if (isTerminal(pod)) return { topic: 'ready', mark: 'fail', text: 'not Ready: the Pod has finished' };
  // Deletion, phase, IP and scheduling have lines of their own.
  const details = explainPodNotReady(pod).filter((reason) => !/^(terminating|phase |no Pod IP)|not scheduled to a node/.test(reason));
  const because = details.length > 0 ? details.join('; ') : 'the Ready condition is not True';
  if (publishNotReady) return { topic: 'ready', mark: 'warn', text: `not Ready (${because}), but publishNotReadyAddresses publishes it as ready`, details };
  return {
    topic: 'ready', mark: 'fail', details,
    text: selected ? 'not Ready: EndpointSlices list it with ready=false, Endpoints under notReadyAddresses' : 'not Ready',
    reason: `it is not ready (${because})`,
  };
}

/** Phase, IP, Node, readiness and deletion (spec sections 2 and 5). */
function podItems(input: WhyNotInput, selected: boolean): WhyNotItem[] {
  const { service, pod } = input;
  const publishNotReady = Boolean(service.spec?.publishNotReadyAddresses);
  const phase = pod.status?.phase ?? 'Unknown';
  const items: WhyNotItem[] = [];
  items.push(isTerminal(pod)
    ? { topic: 'phase', mark: 'fail', text: `phase ${phase}: a finished Pod is never an endpoint`, reason: `it has phase ${phase}` }
    : { topic: 'phase', mark: 'ok', text: `phase ${phase}` });

  const families = addressTypesForService(service);
  const ips = families.flatMap((family) => podIPsForFamily(pod, family));
  const allIps = (pod.status?.podIPs ?? []).map((entry) => entry.ip);
  if (ips.length > 0) items.push({ topic: 'ip', mark: 'ok', text: `IP ${ips.join(', ')}` });
  else if (allIps.length > 0) {
    const reason = `it has no ${families.join(' or ')} address (only ${allIps.join(', ')})`;
    items.push({ topic: 'ip', mark: 'fail', text: `no ${families.join('/')} address: the Pod has ${allIps.join(', ')}`, reason });
  } else if (pod.status?.podIP) {
    items.push({ topic: 'ip', mark: 'fail', text: `status.podIP ${pod.status.podIP} but no status.podIPs, which is all the controllers read`, reason: 'it has no status.podIPs' });
  } else items.push({ topic: 'ip', mark: 'fail', text: 'no Pod IP yet', reason: 'it has no IP yet' });

  const nodeName = pod.spec?.nodeName;
  if (!nodeName) {
    items.push({ topic: 'node', mark: 'fail', text: 'not scheduled to a node', reason: 'it is not scheduled to a node' });
  } else if (input.unavailable.includes('nodes')) {
    items.push({ topic: 'node', mark: 'unknown', text: `node ${nodeName}: cannot tell whether it exists (reading nodes is forbidden)` });
  } else if (input.nodes.some((node) => node.metadata.name === nodeName)) {
    items.push({ topic: 'node', mark: 'ok', text: `node ${nodeName} exists` });
  } else if (publishNotReady) {
    items.push({ topic: 'node', mark: 'warn', text: `node ${nodeName} does not exist, but publishNotReadyAddresses keeps the Pod in EndpointSlices` });
  } else {
    items.push({
      topic: 'node', mark: 'fail', text: `node ${nodeName} does not exist: the EndpointSlice controller skips the Pod (Endpoints still list it)`,
      reason: `its node ${nodeName} does not exist, so the EndpointSlice controller skips it`,
    });
  }

  items.push(readinessItem(pod, publishNotReady, selected));
  if (!isTerminating(pod)) items.push({ topic: 'terminating', mark: 'ok', text: 'not terminating' });
  else if (publishNotReady) {
    items.push({ topic: 'terminating', mark: 'warn', text: `terminating since ${pod.metadata.deletionTimestamp}, but publishNotReadyAddresses keeps it ready` });
  } else {
    items.push({
      topic: 'terminating', mark: 'fail', reason: 'it is terminating',
      text: `terminating since ${pod.metadata.deletionTimestamp}${selected ? ': EndpointSlices keep it with ready=false, terminating=true; Endpoints drop it' : ''}`,
    });
  }
  return items;
}

/** One line per Service port: what FindPort gives on this Pod (spec section 4). */
function portItems(service: Service, pod: Pod): WhyNotItem[] {
  return (service.spec?.ports ?? []).map((servicePort) => {
    const target = serviceTargetPort(servicePort);
    const label = `port ${portText({ name: servicePort.name, port: servicePort.port, protocol: servicePortProtocol(servicePort) })}`;
    const resolved = findPort(pod.spec, servicePort);
    const explained = resolveTargetPort(pod.spec ?? {}, servicePort);
    const declared = describeDeclaredPorts(pod.spec ?? {});
    if (resolved) {
      const container = resolved.container ? ` (container ${resolved.container})` : '';
      if (typeof target === 'number' && explained.status === 'protocol-mismatch') {
        return { topic: 'port', mark: 'warn', text: `${label} → ${resolved.port}, but the Pod declares ${resolved.port}/${explained.declaredProtocol}` } satisfies WhyNotItem;
      }
      if (typeof target === 'number' && explained.status === 'not-declared' && declared.length > 0) {
        return { topic: 'port', mark: 'warn', text: `${label} → ${resolved.port}, which no container declares`, details: [`declared: ${declared.join(', ')}`] } satisfies WhyNotItem;
      }
      return { topic: 'port', mark: 'ok', text: `${label} → ${resolved.port}${container}` } satisfies WhyNotItem;
    }
    const why = explained.status === 'protocol-mismatch'
      ? `targetPort "${target}" is declared with ${explained.declaredProtocol}, not ${servicePortProtocol(servicePort)}`
      : `targetPort "${target}" is not a port name of the Pod`;
    return {
      topic: 'port', mark: 'fail', text: `${label}: ${why}; this port is left out for this Pod`,
      details: declared.length > 0 ? [`declared: ${declared.join(', ')}`] : ['the Pod declares no ports'],
      reason: `port ${servicePort.name || servicePort.port}: ${why}`,
    } satisfies WhyNotItem;
  });
}

function describeSlicePresence(presence: SlicePresence): string {
  if (!presence.present) return 'not listed';
  const state = presence.ready ? 'ready' : presence.terminating ? `terminating (serving=${presence.serving})` : 'not ready';
  return `listed as ${state} with ports [${presence.ports.join(', ')}]`;
}

function describeEndpointsPresence(presence: EndpointsPresence): string {
  if (!presence.list) return 'not listed';
  return `in ${presence.list} with ports [${presence.ports.join(', ')}]`;
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
    items: [...ruleItems, ...actualItems(predicted, actual)],
  };
}
