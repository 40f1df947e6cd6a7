/**
 * One Pod as one EndpointSlice endpoint (endpointslice utils.go podToEndpoint) and the trafficDistribution
 * hints (trafficdist.go). Kept apart from the slice grouping so each reads against its own Go file.
 */
import type { EndpointPort, Node, Pod, Service, SliceEndpoint } from '../kubernetes-types.js';
import { findPort, servicePortProtocol } from '../find-port.js';
import { canonicalIp, type IpFamily } from './ip-address.js';
import { isPodReady, isTerminating, podIPsForFamily, shouldSetHostname } from './pod-conditions.js';
import { isHeadless } from './service-facts.js';
import { hasOwnKey, ownValue } from '../own-keys.js';

/** Node label whose value becomes the endpoint's zone. */
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** podToEndpoint: conditions, addresses of one family, targetRef, nodeName, zone and hostname. */
export function podToSliceEndpoint(pod: Pod, node: Node | undefined, service: Service, family: IpFamily): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = isTerminating(pod);
  const ready = Boolean(service.spec?.publishNotReadyAddresses) || (serving && !terminating);
  const endpoint: SliceEndpoint = {
    // getEndpointAddresses parses and re-stringifies each Pod IP (ParseIPSloppy(ip).String()): a Pod
    // status "fd00:10:244::0" is published as "fd00:10:244::", "010.0.0.1" as "10.0.0.1".
    addresses: podIPsForFamily(pod, family).map((ip) => canonicalIp(ip) ?? ip),
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec?.nodeName) endpoint.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) endpoint.zone = zone;
  if (shouldSetHostname(pod, service)) endpoint.hostname = pod.spec?.hostname;
  return endpoint;
}

/** getEndpointPorts: every Service port that resolves on this Pod, with name, protocol and appProtocol. */
export function podEndpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const ports: EndpointPort[] = [];
  if ((service.spec?.ports ?? []).length === 0 && isHeadless(service)) return ports;
  for (const servicePort of service.spec?.ports ?? []) {
    const resolved = findPort(pod.spec, servicePort);
    if (!resolved) continue;
    const port: EndpointPort = { name: servicePort.name ?? '', port: resolved.port, protocol: servicePortProtocol(servicePort) };
    if (servicePort.appProtocol) port.appProtocol = servicePort.appProtocol;
    ports.push(port);
  }
  return ports;
}

/** An order-free identity for a port list, used to group Pods into slices and to compare slices. */
export function portSetKey(ports: readonly EndpointPort[] | null | undefined): string {
  const parts = (ports ?? []).map((p) => `${p.name ?? ''}/${p.protocol || 'TCP'}/${p.port}/${p.appProtocol ?? ''}`);
  return parts.sort().join(',');
}

const TOPOLOGY_ANNOTATIONS = ['service.kubernetes.io/topology-aware-hints', 'service.kubernetes.io/topology-mode'];

/** hintsEnabled: the topology annotation (deprecated one first) set to Auto/auto selects the CPU heuristic. */
export function topologyAnnotationEnabled(service: Service): boolean {
  const annotations = service.metadata.annotations ?? {};
  const key = TOPOLOGY_ANNOTATIONS.find((k) => hasOwnKey(annotations, k));
  const value = key ? ownValue(annotations, key) : undefined;
  return value === 'Auto' || value === 'auto';
}

/** Which trafficDistribution hints the controller writes: 'zone', 'node' (node + zone) or none. */
export function trafficDistributionHints(service: Service, preferSameTrafficDistribution: boolean): 'zone' | 'node' | null {
  if (topologyAnnotationEnabled(service)) return null;
  const value = service.spec?.trafficDistribution;
  if (value === 'PreferClose') return 'zone';
  if (!preferSameTrafficDistribution) return null;
  if (value === 'PreferSameZone') return 'zone';
  if (value === 'PreferSameNode') return 'node';
  return null;
}

/** Adds hints to ready endpoints as trafficdist.go does: forZones = own zone; PreferSameNode adds forNodes = own node. */
export function applyHints(endpoint: SliceEndpoint, mode: 'zone' | 'node' | null): SliceEndpoint {
  if (!mode || endpoint.conditions?.ready !== true) return endpoint;
  const forZones = endpoint.zone ? [{ name: endpoint.zone }] : undefined;
  const forNodes = mode === 'node' && endpoint.nodeName ? [{ name: endpoint.nodeName }] : undefined;
  if (!forZones && !forNodes) return endpoint;
  return { ...endpoint, hints: { ...(forZones ? { forZones } : {}), ...(forNodes ? { forNodes } : {}) } };
}
