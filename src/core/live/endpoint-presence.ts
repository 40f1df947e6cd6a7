/**
 * Where one Pod stands in a Service's EndpointSlices and Endpoints (listed, ready, with which ports),
 * so why-not can compare what the controllers should publish with what they did. Pure.
 */
import type { EndpointPort, Endpoints, EndpointSlice, Pod, SliceEndpoint } from '../kubernetes-types.js';

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

/** "http 8080/TCP": an endpoint port as the checklist shows it. */
export function portText(port: EndpointPort): string {
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

/** True when two slice presences say the same about the Pod. */
export function sameSlicePresence(a: SlicePresence, b: SlicePresence): boolean {
  if (!a.present || !b.present) return a.present === b.present;
  return a.ready === b.ready && a.serving === b.serving && a.terminating === b.terminating && a.ports.join() === b.ports.join();
}

/** True when two Endpoints presences say the same about the Pod. */
export function sameEndpointsPresence(a: EndpointsPresence, b: EndpointsPresence): boolean {
  return a.list === b.list && (a.list === null || a.ports.join() === b.ports.join());
}

/** "listed as ready with ports [http 8080/TCP]" or "not listed". */
export function describeSlicePresence(presence: SlicePresence): string {
  if (!presence.present) return 'not listed';
  const state = presence.ready ? 'ready' : presence.terminating ? `terminating (serving=${presence.serving})` : 'not ready';
  return `listed as ${state} with ports [${presence.ports.join(', ')}]`;
}

/** "in addresses with ports [...]" or "not listed". */
export function describeEndpointsPresence(presence: EndpointsPresence): string {
  if (!presence.list) return 'not listed';
  return `in ${presence.list} with ports [${presence.ports.join(', ')}]`;
}
