/**
 * What the legacy Endpoints controller should write for a selector Service (spec section 5;
 * pkg/controller/endpoint/endpoints_controller.go syncService, read at v1.34). Still worth predicting:
 * older tools and some ingress controllers read Endpoints, not EndpointSlices.
 */
import type { EndpointAddress, EndpointSubset, Endpoints, LabelMap, Pod, Service } from '../kubernetes-types.js';
import { findPort, servicePortProtocol } from '../find-port.js';
import { canonicalIp, ipFamilyOf, type IpFamily } from './ip-address.js';
import { isPodReady, podExclusionReason, shouldSetHostname } from './pod-conditions.js';
import type { SkippedPod } from './predict-endpoint-slices.js';
import { repackSubsets } from './repack-subsets.js';
import { effectiveSelector } from '../selector.js';
import { LABEL_HEADLESS, isHeadless, isServiceIPSet } from './service-facts.js';
import { truncateSubsets } from './truncate-endpoints.js';

/** Annotation the controller sets when it dropped addresses beyond 1000. */
export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
/** Label the Endpoints controller adds from 1.33 on. */
export const LABEL_ENDPOINTS_MANAGED_BY = 'endpoints.kubernetes.io/managed-by';

/** Input of predictEndpoints; pods are those matching the selector in the Service's namespace. */
export interface PredictEndpointsInput {
  service: Service;
  pods: Pod[];
  /** Whether to expect the 1.33+ managed-by label (default true). */
  managedByLabel?: boolean;
}

/** The predicted Endpoints object, or managed=false when the controller leaves it alone. */
export interface EndpointsPrediction {
  managed: boolean;
  endpoints: Endpoints | null;
  skippedPods: SkippedPod[];
  truncated: boolean;
}

/** The family the controller publishes: ipFamilies[0], else the ClusterIP's family, else the Pod IP's. */
function familyFor(service: Service, pod: Pod): IpFamily {
  const families = service.spec?.ipFamilies ?? [];
  if (families.length > 0) return families[0] === 'IPv6' ? 'IPv6' : 'IPv4';
  if (isServiceIPSet(service)) return ipFamilyOf(service.spec?.clusterIP) === 'IPv6' ? 'IPv6' : 'IPv4';
  return ipFamilyOf(pod.status?.podIP) === 'IPv6' ? 'IPv6' : 'IPv4';
}

function podAddress(service: Service, pod: Pod): EndpointAddress | null {
  const family = familyFor(service, pod);
  const ip = (pod.status?.podIPs ?? []).map((p) => p.ip).find((candidate) => ipFamilyOf(candidate) === family);
  if (!ip) return null;
  const address: EndpointAddress = {
    // podToEndpointAddressForService re-stringifies the Pod IP (ParseIPSloppy(ip).String()).
    ip: canonicalIp(ip) ?? ip,
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
  if (shouldSetHostname(pod, service)) address.hostname = pod.spec?.hostname;
  return address;
}

/** Predicts the Endpoints object of a selector Service, repacked and truncated as the controller does. */
export function predictEndpoints(input: PredictEndpointsInput): EndpointsPrediction {
  const { service, pods, managedByLabel = true } = input;
  if (!effectiveSelector(service)) return { managed: false, endpoints: null, skippedPods: [], truncated: false };
  const publishNotReady = Boolean(service.spec?.publishNotReadyAddresses);
  const servicePorts = service.spec?.ports ?? [];
  const skippedPods: SkippedPod[] = [];
  const raw: EndpointSubset[] = [];

  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    const exclusion = podExclusionReason(pod, publishNotReady);
    if (exclusion) {
      skippedPods.push({ pod: name, reason: exclusion });
      continue;
    }
    const address = podAddress(service, pod);
    if (!address) {
      skippedPods.push({ pod: name, reason: 'no-address-of-family' });
      continue;
    }
    const ready = publishNotReady || isPodReady(pod);
    const place = (ports: EndpointSubset['ports']): void => {
      raw.push(ready ? { addresses: [address], ports } : { notReadyAddresses: [address], ports });
    };
    if (servicePorts.length === 0) {
      if (isHeadless(service)) place([]);
      continue;
    }
    for (const servicePort of servicePorts) {
      const resolved = findPort(pod.spec, servicePort);
      if (!resolved) continue;
      const port = { name: servicePort.name ?? '', port: resolved.port, protocol: servicePortProtocol(servicePort) };
      place([servicePort.appProtocol ? { ...port, appProtocol: servicePort.appProtocol } : port]);
    }
  }

  const { subsets, truncated } = truncateSubsets(repackSubsets(raw));
  const labels: LabelMap = { ...(service.metadata.labels ?? {}) };
  delete labels[LABEL_HEADLESS];
  if (!isServiceIPSet(service)) labels[LABEL_HEADLESS] = '';
  if (managedByLabel) labels[LABEL_ENDPOINTS_MANAGED_BY] = 'endpoint-controller';
  const endpoints: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: service.metadata.name,
      namespace: service.metadata.namespace,
      labels,
      ...(truncated ? { annotations: { [ANNOTATION_OVER_CAPACITY]: 'truncated' } } : {}),
    },
    subsets,
  };
  return { managed: true, endpoints, skippedPods, truncated };
}
