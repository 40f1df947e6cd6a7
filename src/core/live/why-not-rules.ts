/**
 * The checklist of why-not: each rule the endpoint controllers apply to one Pod (spec sections 1, 2,
 * 4 and 5) as a line that helps the Pod get traffic, keeps it out, or is worth knowing. Pure.
 */
import type { NetworkPolicy } from '../network-policy/types.js';
import { podNotReadyReasons, type NotReadyCause } from '../checks/live/pod-readiness.js';
import type { Endpoints, EndpointSlice, Node, Pod, Service } from '../kubernetes-types.js';
import { differenceFor, isLookAlikeKey } from '../label-difference.js';
import { addressTypesForService, findPort, isPodReady, isTerminal, isTerminating, podIPsForFamily, servicePortProtocol, serviceTargetPort } from '../predict/index.js';
import { describeDeclaredPorts, resolveTargetPort } from '../find-port.js';
import { listSome } from '../checks/check-helpers.js';
import { formatSelector } from '../selector.js';
import { portText } from './endpoint-presence.js';

/** ✓ helps the Pod get traffic, ✗ keeps it out, ! worth knowing, ? could not be read. */
export type Mark = 'ok' | 'fail' | 'warn' | 'unknown';

/** One line of the checklist; `blocking` marks the rule failures the one-sentence answer is made of. */
export interface WhyNotItem {
  topic: 'selector' | 'namespace' | 'label' | 'phase' | 'ip' | 'node' | 'ready' | 'terminating' | 'port' | 'endpointslices' | 'endpoints' | 'network-policy';
  mark: Mark;
  text: string;
  details?: string[];
  /** The reason in answer form ("it is terminating"), set on rule failures that keep the Pod out. */
  reason?: string;
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
  /** The NetworkPolicies of the Pod's namespace, when read: an isolated Pod takes connections only from the peers they allow. */
  networkPolicies?: NetworkPolicy[];
}

/** Not-ready reasons that have checklist lines of their own (deletion, phase, IP, scheduling). */
const OWN_LINES: ReadonlySet<NotReadyCause> = new Set(['terminating', 'phase', 'ip', 'scheduling']);

/** The selector, namespace and label lines (spec section 1). */
export function selectorItems(service: Service, pod: Pod): WhyNotItem[] {
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
      const instead = `${difference.actualKey}=${difference.actualValue}`;
      const lookAlike =
        difference.actualKey === null ? '' : isLookAlikeKey(key, difference.actualKey) ? ` (it has the look-alike ${instead})` : ` (it has ${instead}: that value under another key)`;
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
  const details = podNotReadyReasons(pod).filter((reason) => !OWN_LINES.has(reason.cause)).map((reason) => reason.text);
  const because = details.length > 0 ? details.join('; ') : 'the Ready condition is not True';
  if (publishNotReady) return { topic: 'ready', mark: 'warn', text: `not Ready (${because}), but publishNotReadyAddresses publishes it as ready`, details };
  return {
    topic: 'ready', mark: 'fail', details,
    text: selected ? 'not Ready: EndpointSlices list it with ready=false, Endpoints under notReadyAddresses' : 'not Ready',
    reason: `it is not ready (${because})`,
  };
}

/** Phase, IP, Node, readiness and deletion (spec sections 2 and 5). */
export function podItems(input: WhyNotInput, selected: boolean): WhyNotItem[] {
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
export function portItems(service: Service, pod: Pod): WhyNotItem[] {
  const spec = pod.spec ?? {};
  const declared = describeDeclaredPorts(spec);
  // Once per Pod, not per Service port: at most six named, so 5,000 ports do not print 5,000 x 5,000.
  const declaredText = listSome([...declared], 6);
  return (service.spec?.ports ?? []).map((servicePort) => {
    const target = serviceTargetPort(servicePort);
    const label = `port ${portText({ name: servicePort.name, port: servicePort.port, protocol: servicePortProtocol(servicePort) })}`;
    const resolved = findPort(pod.spec, servicePort);
    const explained = resolveTargetPort(spec, servicePort);
    if (resolved) {
      const container = resolved.container ? ` (container ${resolved.container})` : '';
      if (typeof target === 'number' && explained.status === 'protocol-mismatch') {
        return { topic: 'port', mark: 'warn', text: `${label} → ${resolved.port}, but the Pod declares ${resolved.port}/${explained.declaredProtocol}` } satisfies WhyNotItem;
      }
      if (typeof target === 'number' && explained.status === 'not-declared' && declared.length > 0) {
        return { topic: 'port', mark: 'warn', text: `${label} → ${resolved.port}, which no container declares`, details: [`declared: ${declaredText}`] } satisfies WhyNotItem;
      }
      return { topic: 'port', mark: 'ok', text: `${label} → ${resolved.port}${container}` } satisfies WhyNotItem;
    }
    const why = explained.status === 'protocol-mismatch'
      ? `targetPort "${target}" is declared with ${explained.declaredProtocol}, not ${servicePortProtocol(servicePort)}`
      : `targetPort "${target}" is not a port name of the Pod`;
    return {
      topic: 'port', mark: 'fail', text: `${label}: ${why}; this port is left out for this Pod`,
      details: declared.length > 0 ? [`declared: ${declaredText}`] : ['the Pod declares no ports'],
      reason: `port ${servicePort.name || servicePort.port}: ${why}`,
    } satisfies WhyNotItem;
  });
}
