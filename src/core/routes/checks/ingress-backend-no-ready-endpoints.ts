import { serviceType } from '../../selector.js';
import { formatRef } from '../../snapshot.js';
import { describePortEndpoints, portEndpoints } from '../backend-endpoints.js';
import { hopCheck, hopLabel, serviceOfHop, servicePortOfHop } from './route-helpers.js';

/** An Ingress path whose Service port has no ready endpoint: the controller answers 503 for it. */
export const ingressBackendNoReadyEndpoints = hopCheck(
  {
    id: 'ingress-backend-no-ready-endpoints',
    severity: 'error',
    title: "Ingress path or defaultBackend leads to a Service port without ready endpoints",
    modes: ['cluster'],
    help:
      "Ingress controllers send a path's requests to the ready endpoints of the backend Service port (most read its " +
      'EndpointSlices, as kube-proxy does). When the port has none, because the selector matches no Pod, no Pod is ready, ' +
      'or the targetPort resolves on no Pod, every request to that host and path gets 503. The message says which of ' +
      "these it is; `explain ingress/NAME` walks the whole chain. Fix the Service's Pods (see no-ready-endpoints and " +
      'selector-matches-nothing on the Service). Live only: it reads EndpointSlices (or Pod readiness when they are forbidden).',
  },
  (context, backend) => {
    if (backend.route.kind !== 'Ingress') return null;
    const analysis = serviceOfHop(context, backend);
    if (!analysis || serviceType(analysis.entry.object) === 'ExternalName') return null;
    const port = servicePortOfHop(analysis.entry.object, backend);
    if (!port) return null;
    if (context.snapshot.unavailable.includes('endpointslices') && context.snapshot.unavailable.includes('pods')) return null;
    if (context.snapshot.unavailable.includes('endpointslices') && !analysis.selector) return null;
    const endpoints = portEndpoints(context, analysis, port);
    if (endpoints.ready > 0) return null;
    return { message: `${hopLabel(backend)} sends requests to ${formatRef(analysis.entry.ref)} port ${port.name ?? port.port}, which has no ready endpoint (${describePortEndpoints(analysis, endpoints)}): the Ingress controller answers 503.` };
  },
);
