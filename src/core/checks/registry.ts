import type { Check } from '../check.js';
import { conflictingDefinitions } from './conflicting-definitions.js';
import { deprecatedExternalIps } from './deprecated-external-ips.js';
import { deprecatedPreferClose } from './deprecated-prefer-close.js';
import { deprecatedTopologyAwareHints } from './deprecated-topology-aware-hints.js';
import { externalNameWithSelector } from './external-name-with-selector.js';
import { invalidService } from './invalid-service.js';
import { invalidEndpoints } from './invalid-endpoints.js';
import { manualEndpointsNoBackend } from './manual-endpoints-no-backend.js';
import { endpointsWithSelector } from './endpoints-with-selector.js';
import { selectorInOtherNamespace } from './selector-in-other-namespace.js';
import { selectorMatchesNothing } from './selector-matches-nothing.js';
import { selectorMatchesScaledToZero } from './selector-matches-scaled-to-zero.js';
import { selectorMatchesWorkloadLabelsOnly } from './selector-matches-workload-labels-only.js';
import { selectorSpansWorkloads } from './selector-spans-workloads.js';
import { serviceWithoutSelector } from './service-without-selector.js';
import { statefulSetServiceMissing } from './statefulset-service-missing.js';
import { statefulSetServiceNotHeadless } from './statefulset-service-not-headless.js';
import { targetPortNameNotFound } from './target-port-name-not-found.js';
import { targetPortNamePartial } from './target-port-name-partial.js';
import { targetPortNotDeclared } from './target-port-not-declared.js';
import { targetPortProtocolMismatch } from './target-port-protocol-mismatch.js';
import { probePortNotDeclared } from './probe-port-not-declared.js';
import { workloadSelectorMismatch } from './workload-selector-mismatch.js';
import { containerPortNameInvalid } from './container-port-name-invalid.js';
import { invalidPodSpec } from './invalid-pod-spec.js';
import { containerPortNameDuplicate } from './container-port-name-duplicate.js';
import { servicePodsWithoutReadinessProbe } from './service-pods-without-readiness-probe.js';
import { readinessProbeSameAsLiveness } from './readiness-probe-same-as-liveness.js';
import { serviceMonitorMatchesNoService } from './servicemonitor-matches-no-service.js';
import { serviceMonitorPortNotFound } from './servicemonitor-port-not-found.js';
import { singleEndpoint } from './live/single-endpoint.js';
import { endpointSlicesMissing } from './live/endpointslices-missing.js';
import { endpointsDrift } from './live/endpoints-drift.js';
import { foreignEndpointSlices } from './live/foreign-endpointslices.js';
import { endpointsOverCapacity } from './live/endpoints-over-capacity.js';
import { loadBalancerPending } from './live/load-balancer-pending.js';
import { localTrafficPolicyWithoutLocalEndpoints } from './live/local-traffic-policy-without-local-endpoints.js';
import { noReadyEndpoints } from './live/no-ready-endpoints.js';
import { noProxyBackends } from './live/no-proxy-backends.js';
import { podsNotReady } from './live/pods-not-ready.js';
import { networkPolicyDeniesAll } from '../network-policy/checks/network-policy-denies-all.js';
import { networkPolicyPeerSelectsNothing } from '../network-policy/checks/network-policy-peer-selects-nothing.js';
import { networkPolicyPortNotDeclared } from '../network-policy/checks/network-policy-port-not-declared.js';
import { networkPolicySelectsNoPod } from '../network-policy/checks/network-policy-selects-no-pod.js';
import { ROUTE_CHECKS } from '../routes/checks/route-checks.js';
import { podSubdomainWithoutHeadlessService } from '../dns/checks/pod-subdomain-without-headless-service.js';
import { servicePortWithoutSrvName } from '../dns/checks/service-port-without-srv-name.js';

/** Every check svc-explain runs, in the order the docs list them. Ids are stable: users ignore by id. */
export const CHECKS: readonly Check[] = [
  selectorMatchesNothing,
  selectorMatchesScaledToZero,
  selectorMatchesWorkloadLabelsOnly,
  selectorInOtherNamespace,
  selectorSpansWorkloads,
  serviceWithoutSelector,
  manualEndpointsNoBackend,
  endpointsWithSelector,
  externalNameWithSelector,
  targetPortNameNotFound,
  targetPortNamePartial,
  targetPortProtocolMismatch,
  targetPortNotDeclared,
  invalidService,
  invalidEndpoints,
  statefulSetServiceMissing,
  statefulSetServiceNotHeadless,
  // NetworkPolicy: who may connect (src/core/network-policy).
  networkPolicyDeniesAll,
  networkPolicyPortNotDeclared,
  networkPolicyPeerSelectsNothing,
  networkPolicySelectsNoPod,
  // Ingress and Gateway API routes in front of Services (src/core/routes).
  ...ROUTE_CHECKS,
  conflictingDefinitions,
  // Next to the Service: probes, workload selectors, container port names, monitors.
  probePortNotDeclared,
  workloadSelectorMismatch,
  containerPortNameInvalid,
  containerPortNameDuplicate,
  invalidPodSpec,
  servicePodsWithoutReadinessProbe,
  readinessProbeSameAsLiveness,
  serviceMonitorMatchesNoService,
  serviceMonitorPortNotFound,
  // Deprecated fields, for the Kubernetes minor of the server or of lint --kubernetes-version.
  deprecatedPreferClose,
  deprecatedTopologyAwareHints,
  deprecatedExternalIps,
  // Live only: they read Pod status, endpoint objects and Nodes.
  noReadyEndpoints,
  noProxyBackends,
  podsNotReady,
  endpointSlicesMissing,
  endpointsDrift,
  foreignEndpointSlices,
  endpointsOverCapacity,
  localTrafficPolicyWithoutLocalEndpoints,
  loadBalancerPending,
  singleEndpoint,
  // DNS: the names CoreDNS' kubernetes plugin serves (src/core/dns).
  podSubdomainWithoutHeadlessService,
  servicePortWithoutSrvName,
];

/** The check with this id, for --ignore validation and renderers. */
export function findCheck(id: string): Check | undefined {
  return CHECKS.find((check) => check.id === id);
}
