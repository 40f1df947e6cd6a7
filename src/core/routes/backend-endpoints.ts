import type { CheckContext, ServiceAnalysis } from '../check.js';
import { receivesTraffic } from '../checks/live/pod-readiness.js';
import type { ServicePort } from '../kubernetes-types.js';
import { nameKey } from '../snapshot-index.js';

/** How many ready endpoints a Service port has, and where that was read from. */
export interface PortEndpoints {
  ready: number;
  total: number;
  source: 'endpointslices' | 'pods';
}

/**
 * The ready endpoints behind one Service port as kube-proxy and Ingress controllers see them: the
 * endpoints of the Service's EndpointSlices that carry the port's name (unset ready counts as ready);
 * from the selected Pods' readiness when EndpointSlices could not be read.
 */
export function portEndpoints(context: CheckContext, analysis: ServiceAnalysis, port: ServicePort): PortEndpoints {
  if (!context.snapshot.unavailable.includes('endpointslices')) {
    const slices = context.index.slicesByService.get(nameKey(analysis.entry.ref.namespace, analysis.entry.ref.name)) ?? [];
    const endpoints = slices
      .filter((slice) => (slice.object.ports ?? []).some((candidate) => (candidate.name ?? '') === (port.name ?? '')))
      .flatMap((slice) => slice.object.endpoints ?? []);
    return { ready: endpoints.filter((endpoint) => endpoint.conditions?.ready !== false).length, total: endpoints.length, source: 'endpointslices' };
  }
  const pods = analysis.matched.flatMap((selected) => (selected.pod ? [selected.pod] : []));
  const publish = Boolean(analysis.entry.object.spec?.publishNotReadyAddresses);
  return { ready: pods.filter((pod) => receivesTraffic(pod, publish)).length, total: pods.length, source: 'pods' };
}

/** "2 Pods selected, none ready" / "no endpoints": what is behind the port, in words. */
export function describePortEndpoints(analysis: ServiceAnalysis, endpoints: PortEndpoints): string {
  if (analysis.selector && analysis.matched.length === 0) return 'its selector matches no Pod';
  if (endpoints.total === 0) return endpoints.source === 'endpointslices' ? 'its EndpointSlices list no endpoint for the port' : 'no Pod is selected';
  return `${endpoints.total} endpoint${endpoints.total === 1 ? '' : 's'}, none ready`;
}
