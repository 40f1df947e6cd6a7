import { serviceType } from '../../selector.js';
import { formatRef } from '../../snapshot.js';
import { describePortEndpoints, portEndpoints } from '../backend-endpoints.js';
import { hopCheck, hopLabel, serviceOfHop, servicePortOfHop } from './route-helpers.js';

function shareText(share: number | undefined): string {
  return share === undefined ? '' : share >= 1 ? 'all of its rule\'s requests' : `${Math.round(share * 1000) / 10}% of its rule's requests`;
}

/** A backendRef with weight above 0 to a Service nothing stands behind: that share of requests fails. */
export const routeWeightToEmptyService = hopCheck(
  {
    id: 'route-weight-to-empty-service',
    severity: 'warning',
    title: 'Gateway route sends weighted traffic to a Service without endpoints',
    modes: ['manifests', 'cluster'],
    help:
      "A Gateway API backendRef's weight (default 1) says which share of its rule's requests it gets; weight 0 sends none. " +
      'When a backend with weight above 0 has no ready endpoint, implementations answer 500 (or 503) for that share: ' +
      'a canary or blue/green split whose one side is down silently fails a fraction of requests. Live: from the ' +
      "Service's EndpointSlices (error when the backend gets all of the rule's requests, warning for a share). In " +
      "manifests: the Service's selector matches no Pod or pod template of the input (quiet when the input holds no " +
      'workload of that namespace). Scale the workload up, fix its readiness, or set the weight to 0.',
  },
  (context, backend) => {
    if (backend.route.kind === 'Ingress' || (backend.weight ?? 1) <= 0) return null;
    const analysis = serviceOfHop(context, backend);
    if (!analysis || serviceType(analysis.entry.object) === 'ExternalName') return null;
    const port = servicePortOfHop(analysis.entry.object, backend);
    if (!port) return null;
    const gets = shareText(backend.share);
    if (context.snapshot.source === 'manifests') {
      if (!analysis.selector || analysis.matched.length > 0) return null;
      if (!context.snapshot.pods.some((pod) => pod.ref.namespace === analysis.entry.ref.namespace)) return null;
      return { message: `${hopLabel(backend)} (weight ${backend.weight}, ${gets}) sends traffic to ${formatRef(analysis.entry.ref)}, whose selector matches no Pod or workload of the input: those requests will fail.` };
    }
    if (context.snapshot.unavailable.includes('endpointslices') && !analysis.selector) return null;
    const endpoints = portEndpoints(context, analysis, port);
    if (endpoints.ready > 0) return null;
    return {
      ...((backend.share ?? 1) >= 1 ? { severity: 'error' as const } : {}),
      message: `${hopLabel(backend)} (weight ${backend.weight}, ${gets}) sends traffic to ${formatRef(analysis.entry.ref)} port ${port.name ?? port.port}, which has no ready endpoint (${describePortEndpoints(analysis, endpoints)}): those requests fail.`,
    };
  },
);
