/**
 * What the EndpointSlice controller should publish for a selector Service (spec section 2;
 * staging/src/k8s.io/endpointslice reconciler.go reconcileByAddressType, read at v1.34).
 * Pure: the caller passes the Service, the Pods its selector matches in its namespace, and all Nodes.
 */
import type { EndpointPort, EndpointSlice, Node, Pod, Service, SliceEndpoint } from '../kubernetes-types.js';
import type { IpFamily } from './ip-address.js';
import { podExclusionReason, type PodExclusion } from './pod-conditions.js';
import { effectiveSelector } from '../selector.js';
import { ENDPOINTSLICE_CONTROLLER, addressTypesForService, endpointSliceLabels } from './service-facts.js';
import {
  applyHints,
  podEndpointPorts,
  podToSliceEndpoint,
  portSetKey,
  topologyAnnotationEnabled,
  trafficDistributionHints,
} from './slice-endpoint.js';

/** Input of predictEndpointSlices; pods are those matching the selector in the Service's namespace. */
export interface PredictEndpointSlicesInput {
  service: Service;
  pods: Pod[];
  nodes: Node[];
  /** Nodes could not be read: Pods are not skipped for a missing Node and zones are not predicted. */
  nodesUnknown?: boolean;
  /** --max-endpoints-per-slice of kube-controller-manager (default 100). */
  maxEndpointsPerSlice?: number;
  /** Feature gate PreferSameTrafficDistribution (beta and on from 1.34): enables PreferSameZone/PreferSameNode. */
  preferSameTrafficDistribution?: boolean;
}

/** A Pod that gets no endpoint, and why, so the report can name it. */
export interface SkippedPod {
  pod: string;
  reason: PodExclusion | 'node-not-found' | 'no-address-of-family';
  /** Set when the Pod is skipped for one address type only. */
  addressType?: IpFamily;
}

/** The predicted slices plus what the prediction could not or did not include. */
export interface EndpointSlicePrediction {
  /** False for ExternalName and selectorless Services: the controller leaves their slices alone. */
  managed: boolean;
  slices: EndpointSlice[];
  skippedPods: SkippedPod[];
  /** False when topology-mode Auto hints apply: they depend on node CPU, so compare with ignoreHints. */
  hintsPredicted: boolean;
}

function sliceFor(service: Service, family: IpFamily, ports: EndpointPort[], endpoints: SliceEndpoint[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${service.metadata.name}-`,
      namespace: service.metadata.namespace,
      labels: endpointSliceLabels(service, ENDPOINTSLICE_CONTROLLER),
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Service', name: service.metadata.name ?? '', uid: service.metadata.uid, controller: true },
      ],
    },
    addressType: family,
    ports,
    endpoints,
  };
}

function byAddressThenName(a: SliceEndpoint, b: SliceEndpoint): number {
  const left = `${a.addresses[0] ?? ''}\u0000${a.targetRef?.name ?? ''}`;
  const right = `${b.addresses[0] ?? ''}\u0000${b.targetRef?.name ?? ''}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Predicts the EndpointSlices for a selector Service, one group of slices per address type and port set. */
export function predictEndpointSlices(input: PredictEndpointSlicesInput): EndpointSlicePrediction {
  const { service, pods, nodes, maxEndpointsPerSlice = 100, preferSameTrafficDistribution = true } = input;
  const hintsMode = trafficDistributionHints(service, preferSameTrafficDistribution);
  const prediction: EndpointSlicePrediction = { managed: true, slices: [], skippedPods: [], hintsPredicted: true };
  if (!effectiveSelector(service)) return { ...prediction, managed: false };
  const nodesByName = new Map(nodes.map((node) => [node.metadata.name ?? '', node]));
  const publishNotReady = Boolean(service.spec?.publishNotReadyAddresses);
  prediction.hintsPredicted = !topologyAnnotationEnabled(service);
  const families = addressTypesForService(service);

  for (const family of families) {
    const groups = new Map<string, { ports: EndpointPort[]; endpoints: SliceEndpoint[] }>();
    for (const pod of pods) {
      const name = pod.metadata.name ?? '';
      const exclusion = podExclusionReason(pod, true);
      if (exclusion) {
        if (family === families[0]) prediction.skippedPods.push({ pod: name, reason: exclusion });
        continue;
      }
      const node = nodesByName.get(pod.spec?.nodeName ?? '');
      if (!node && !publishNotReady && !input.nodesUnknown) {
        prediction.skippedPods.push({ pod: name, reason: 'node-not-found', addressType: family });
        continue;
      }
      const endpoint = applyHints(podToSliceEndpoint(pod, node, service, family), hintsMode);
      if (endpoint.addresses.length === 0) {
        prediction.skippedPods.push({ pod: name, reason: 'no-address-of-family', addressType: family });
        continue;
      }
      const ports = podEndpointPorts(service, pod);
      const key = portSetKey(ports);
      const group = groups.get(key) ?? { ports, endpoints: [] };
      group.endpoints.push(endpoint);
      groups.set(key, group);
    }
    const before = prediction.slices.length;
    for (const group of groups.values()) {
      const sorted = [...group.endpoints].sort(byAddressThenName);
      for (let i = 0; i < sorted.length; i += maxEndpointsPerSlice) {
        prediction.slices.push(sliceFor(service, family, group.ports, sorted.slice(i, i + maxEndpointsPerSlice)));
      }
    }
    if (prediction.slices.length === before) prediction.slices.push(sliceFor(service, family, [], []));
  }
  return prediction;
}
