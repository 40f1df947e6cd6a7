/**
 * What the EndpointSlice mirroring controller should publish for a selectorless Service with a
 * hand-written Endpoints object (spec section 3; pkg/controller/endpointslicemirroring, read at v1.34).
 * Without it kube-proxy, which reads only slices, would never see those addresses.
 */
import type { EndpointAddress, EndpointPort, EndpointSlice, Endpoints, Service, SliceEndpoint } from '../kubernetes-types.js';
import { parseIp, formatIp, type IpFamily } from './ip-address.js';
import { repackSubsets } from './repack-subsets.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_SKIP_MIRROR, MIRRORING_CONTROLLER } from './service-facts.js';
import { portSetKey } from './slice-endpoint.js';
import { setOwn } from '../own-keys.js';

/** Annotation that marks an Endpoints object as a leader-election lock, which is never mirrored. */
export const ANNOTATION_LEADER_ELECTION = 'control-plane.alpha.kubernetes.io/leader';
/** --mirroring-max-endpoints-per-subset default. */
export const MAX_MIRRORED_PER_SUBSET = 1000;

/** Why nothing is mirrored, or null when mirroring applies. */
export type MirrorSkipReason = 'no-service' | 'service-has-selector' | 'skip-mirror-label' | 'leader-election-lock';

/** Predicted mirrored slices, plus the addresses dropped on the way. */
export interface MirrorPrediction {
  skipReason: MirrorSkipReason | null;
  slices: EndpointSlice[];
  invalidAddresses: string[];
  /** Addresses beyond the per-subset cap, which the controller drops with an event. */
  droppedOverCapacity: number;
}

/** Whether the mirroring controller acts on this Endpoints, and if not, why. */
export function mirrorSkipReason(service: Service | undefined, endpoints: Endpoints): MirrorSkipReason | null {
  if (!service) return 'no-service';
  const selector = service.spec?.selector;
  if (selector && Object.keys(selector).length > 0) return 'service-has-selector';
  if (endpoints.metadata.labels?.[LABEL_SKIP_MIRROR] === 'true') return 'skip-mirror-label';
  if (endpoints.metadata.annotations && ANNOTATION_LEADER_ELECTION in endpoints.metadata.annotations) return 'leader-election-lock';
  return null;
}

function toSliceEndpoint(address: EndpointAddress, ip: string, ready: boolean): SliceEndpoint {
  const endpoint: SliceEndpoint = { addresses: [ip], conditions: { ready } };
  if (address.targetRef) endpoint.targetRef = address.targetRef;
  if (address.nodeName) endpoint.nodeName = address.nodeName;
  if (address.hostname) endpoint.hostname = address.hostname;
  return endpoint;
}

function mirroredSlice(endpoints: Endpoints, family: IpFamily, ports: EndpointPort[], items: SliceEndpoint[]): EndpointSlice {
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(endpoints.metadata.annotations ?? {})) {
    if (key === 'endpoints.kubernetes.io/last-change-trigger-time') continue;
    if (key === 'kubectl.kubernetes.io/last-applied-configuration') continue;
    setOwn(annotations, key, value);
  }
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${endpoints.metadata.name}-`,
      namespace: endpoints.metadata.namespace,
      labels: { ...(endpoints.metadata.labels ?? {}), [LABEL_SERVICE_NAME]: endpoints.metadata.name ?? '', [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER },
      annotations,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: endpoints.metadata.name ?? '', uid: endpoints.metadata.uid, controller: true }],
    },
    addressType: family,
    ports,
    endpoints: items,
  };
}

/** Predicts the mirrored slices: one per (subset ports, address family), ready from which list an address is in. */
export function predictMirroredSlices(service: Service | undefined, endpoints: Endpoints): MirrorPrediction {
  const prediction: MirrorPrediction = { skipReason: mirrorSkipReason(service, endpoints), slices: [], invalidAddresses: [], droppedOverCapacity: 0 };
  if (prediction.skipReason) return prediction;
  const groups = new Map<string, { family: IpFamily; ports: EndpointPort[]; endpoints: Map<string, SliceEndpoint> }>();
  for (const subset of repackSubsets(endpoints.subsets ?? [])) {
    const ports = (subset.ports ?? []).map((p) => ({ ...p, name: p.name ?? '', protocol: p.protocol || 'TCP' }));
    const candidates = [
      ...(subset.addresses ?? []).map((address) => ({ address, ready: true })),
      ...(subset.notReadyAddresses ?? []).map((address) => ({ address, ready: false })),
    ];
    const portsKey = portSetKey(ports);
    let added = 0;
    let invalid = 0;
    for (const { address, ready } of candidates) {
      if (added >= MAX_MIRRORED_PER_SUBSET) break;
      const parsed = parseIp(address.ip);
      if (!parsed) {
        prediction.invalidAddresses.push(address.ip);
        invalid++;
        continue;
      }
      added++;
      const key = `${parsed.family}|${portsKey}`;
      const group = groups.get(key) ?? { family: parsed.family, ports, endpoints: new Map<string, SliceEndpoint>() };
      const endpoint = toSliceEndpoint(address, formatIp(parsed), ready);
      group.endpoints.set(endpointIdentity(endpoint), endpoint);
      groups.set(key, group);
    }
    prediction.droppedOverCapacity += candidates.length - added - invalid;
  }
  for (const group of groups.values()) {
    const items = [...group.endpoints.values()].slice(0, MAX_MIRRORED_PER_SUBSET);
    prediction.slices.push(mirroredSlice(endpoints, group.family, group.ports, items));
  }
  return prediction;
}

/** EndpointSet's hash (hashEndpoint): addresses, hostname and target namespace/name; a later duplicate replaces an earlier one. */
function endpointIdentity(endpoint: SliceEndpoint): string {
  return JSON.stringify([[...endpoint.addresses].sort(), endpoint.hostname ?? '', endpoint.targetRef?.namespace ?? '', endpoint.targetRef?.name ?? '']);
}
