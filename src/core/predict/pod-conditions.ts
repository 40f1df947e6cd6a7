/**
 * The Pod facts the endpoint controllers look at: phase, readiness, deletion and IPs
 * (endpointslice/util ShouldPodBeInEndpoints, IsPodReady; spec sections 2 and 5).
 */
import type { Pod, Service } from '../kubernetes-types.js';
import { ipFamilyOf, type IpFamily } from './ip-address.js';

/** Why a Pod is left out of endpoints, so reports can say it in words. */
export type PodExclusion = 'terminal-phase' | 'no-ip' | 'terminating';

/** True when the Pod's Ready condition is True; this is the endpoint's "serving" condition. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** True when the Pod is being deleted (deletionTimestamp set), which makes its endpoint "terminating". */
export function isTerminating(pod: Pod): boolean {
  return Boolean(pod.metadata.deletionTimestamp);
}

/** True for Succeeded or Failed Pods, which never come back and are never endpoints. */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Why ShouldPodBeInEndpoints(pod, includeTerminating) would say no, or null when the Pod is in. */
export function podExclusionReason(pod: Pod, includeTerminating: boolean): PodExclusion | null {
  if (isTerminal(pod)) return 'terminal-phase';
  if (!pod.status?.podIP && (pod.status?.podIPs ?? []).length === 0) return 'no-ip';
  if (!includeTerminating && isTerminating(pod)) return 'terminating';
  return null;
}

/** ShouldPodBeInEndpoints: the EndpointSlice controller passes true, the Endpoints controller passes publishNotReadyAddresses. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  return podExclusionReason(pod, includeTerminating) === null;
}

/** The Pod's IPs of one family, in status.podIPs order; the controllers read podIPs only, never podIP. */
export function podIPsForFamily(pod: Pod, family: IpFamily): string[] {
  return (pod.status?.podIPs ?? []).map((entry) => entry.ip).filter((ip) => ipFamilyOf(ip) === family);
}

/** ShouldSetHostname: spec.hostname is published only when spec.subdomain names the Service (same namespace). */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  return (
    Boolean(pod.spec?.hostname) &&
    pod.spec?.subdomain === service.metadata.name &&
    (pod.metadata.namespace ?? '') === (service.metadata.namespace ?? '')
  );
}
