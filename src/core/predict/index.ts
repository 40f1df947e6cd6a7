/**
 * The prediction core in one import: what the endpoint controllers and kube-proxy should produce for a
 * Service, and how to compare that with what the cluster shows. Pure functions over plain objects.
 */
export { findPort, servicePortProtocol, serviceTargetPort, containerPortProtocol, type ResolvedPort } from '../find-port.js';
export {
  isPodReady, isTerminating, isTerminal, podExclusionReason, podIPsForFamily, shouldPodBeInEndpoints, shouldSetHostname,
  type PodExclusion,
} from './pod-conditions.js';
export {
  predictEndpointSlices, type EndpointSlicePrediction, type PredictEndpointSlicesInput, type SkippedPod,
} from './predict-endpoint-slices.js';
export { predictEndpoints, type EndpointsPrediction, type PredictEndpointsInput } from './predict-endpoints.js';
export { predictMirroredSlices, mirrorSkipReason, type MirrorPrediction, type MirrorSkipReason } from './mirror-endpoints.js';
export { diffEndpointSlices, diffEndpoints, slicesOfService, type Difference, type DifferenceKind, type DiffOptions } from './compare.js';
export {
  servicePortName, proxyProtocol, serviceChainName, endpointChainName, endpointChainNameFor, iptablesProbability,
} from './proxy-names.js';
export {
  computeProxyTargets, predictIptablesRules, type ProxyTargets, type ProxyTargetOptions, type ServicePortTargets,
  type ProxyFrontend, type ProxyBackend,
} from './proxy-targets.js';
export type { IptablesPrediction, IptablesRuleOptions } from './iptables-rules.js';
export type { LocalDetector } from './iptables-format.js';
export { effectiveSelector } from '../selector.js';
export { addressTypesForService, isHeadless, isServiceIPSet } from './service-facts.js';
