/**
 * Service ports for which kube-proxy ends up with no backend although the selector matches Pods, and the
 * reason for each Pod: its Node does not exist, it has no IP (of the family), it lacks the target port,
 * the controller has not published it, or it is not ready. Read from the slices kube-proxy reads.
 */
import type { CheckContext, ServiceAnalysis } from '../../check.js';
import type { EndpointSlice, Pod, ServicePort } from '../../kubernetes-types.js';
import type { SkippedPod } from '../../predict/predict-endpoint-slices.js';
import type { IpFamily } from '../../predict/ip-address.js';
import { proxyEndpointsForPort } from '../../predict/proxy-endpoints.js';
import { minorNumber } from '../../version/index.js';
import { addressTypesForService, isServiceIPSet, LABEL_SERVICE_PROXY_NAME } from '../../predict/service-facts.js';
import { nameKey } from '../../snapshot-index.js';
import { compareEndpointObjects } from './find-endpoint-drift.js';
import { anyUnavailable, selectedPods } from './live-helpers.js';
import { describePodNotReady, isReadyEndpoint } from './pod-readiness.js';

/** One Service port and family with no usable backend, and why each selected Pod is not one. */
export interface MissingBackends {
  port: ServicePort;
  family: IpFamily;
  causes: Array<{ pod: string; cause: string }>;
}

const SKIP_TEXT: Record<SkippedPod['reason'], (pod: Pod, family: IpFamily) => string> = {
  'node-not-found': (pod) => `its Node ${pod.spec?.nodeName ?? ''} does not exist, so the EndpointSlice controller skips it`,
  'no-address-of-family': (_, family) => `it has no ${family} address`,
  'no-ip': () => 'it has no IP yet',
  'terminal-phase': (pod) => `it is ${pod.status?.phase ?? 'finished'}`,
  terminating: () => 'it is being deleted',
};

function publishes(slices: readonly EndpointSlice[], pod: Pod, family: IpFamily, port: ServicePort): 'port' | 'no-port' | 'absent' {
  let found: 'no-port' | 'absent' = 'absent';
  for (const slice of slices) {
    if (slice.addressType !== family) continue;
    if (!(slice.endpoints ?? []).some((e) => e.targetRef?.name === pod.metadata.name)) continue;
    if ((slice.ports ?? []).some((p) => (p.name ?? '') === (port.name ?? ''))) return 'port';
    found = 'no-port';
  }
  return found;
}

function causeFor(pod: Pod, family: IpFamily, port: ServicePort, skipped: SkippedPod[], predicted: EndpointSlice[], actual: EndpointSlice[], nodesUnknown: boolean): string {
  const skip = skipped.find((s) => s.pod === pod.metadata.name && (!s.addressType || s.addressType === family));
  if (skip) return SKIP_TEXT[skip.reason](pod, family);
  if (publishes(predicted, pod, family, port) === 'no-port') return `it does not declare target port ${String(port.targetPort ?? port.port)}`;
  if (!isReadyEndpoint(pod)) return `not ready: ${describePodNotReady(pod)}`;
  const published = publishes(actual, pod, family, port);
  if (published === 'absent') {
    return nodesUnknown
      ? 'no EndpointSlice has it (its Node may not exist; nodes are not readable)'
      : 'no EndpointSlice has it: the EndpointSlice controller has not published it';
  }
  return 'its endpoint is published but not ready';
}

/** Ports (per family) with Pods selected but no backend kube-proxy may use; empty when any Pod is a ready endpoint and used. */
export function findMissingBackends(context: Pick<CheckContext, 'snapshot' | 'index'>, analysis: ServiceAnalysis): MissingBackends[] {
  const service = analysis.entry.object;
  const pods = selectedPods(analysis);
  // With no Pod ready, no-ready-endpoints names the cause; this covers ready Pods that still give no backend.
  if (!analysis.selector || !isServiceIPSet(service) || !pods.some(isReadyEndpoint)) return [];
  if (LABEL_SERVICE_PROXY_NAME in (service.metadata.labels ?? {})) return [];
  if (anyUnavailable(context, 'endpointslices', 'pods')) return [];
  const { namespace, name } = analysis.entry.ref;
  const actual = (context.index.slicesByService.get(nameKey(namespace, name)) ?? []).map((entry) => entry.object);
  // No slice at all is endpointslices-missing's to report.
  if (actual.length === 0) return [];
  const nodesUnknown = anyUnavailable(context, 'nodes');
  const found: MissingBackends[] = [];
  // The prediction (for each Pod's cause) is computed only once a port is found without backends.
  let comparison: ReturnType<typeof compareEndpointObjects>['slices'] | undefined;
  for (const family of addressTypesForService(service)) {
    for (const port of service.spec?.ports ?? []) {
      const endpoints = proxyEndpointsForPort(service, actual, port, { family, kubernetesMinor: minorNumber(context.snapshot.kubernetesVersion) });
      if (endpoints.some((e) => e.ready || (e.serving && e.terminating))) continue;
      comparison ??= compareEndpointObjects(context, analysis).slices;
      const { skippedPods, predicted } = comparison;
      const causes = pods.map((pod) => ({
        pod: pod.metadata.name ?? '',
        cause: causeFor(pod, family, port, skippedPods, predicted, actual, nodesUnknown),
      }));
      found.push({ port, family, causes });
    }
  }
  return found;
}
