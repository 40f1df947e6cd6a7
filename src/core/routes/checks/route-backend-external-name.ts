import { serviceType } from '../../selector.js';
import { formatRef } from '../../snapshot.js';
import { hopCheck, hopLabel, serviceOfHop } from './route-helpers.js';

/** A route backend that is an ExternalName Service: a DNS alias, which most controllers do not follow. */
export const routeBackendExternalName = hopCheck(
  {
    id: 'route-backend-external-name',
    severity: 'info',
    title: 'Ingress or Gateway route sends traffic to an ExternalName Service',
    modes: ['manifests', 'cluster'],
    help:
      'An ExternalName Service is a CNAME in cluster DNS: it has no Pods, no EndpointSlices and no kube-proxy rules. ' +
      'Whether a route to it works depends on the implementation: many Ingress controllers and most Gateway API ' +
      'implementations do not support ExternalName backends (the Gateway API leaves them implementation-specific and ' +
      'warns that they can be used to reach services the route owner should not reach, CVE-2021-25740), some resolve ' +
      'the name themselves. Check your controller\'s documentation, or point the route at a Service with endpoints.',
  },
  (context, backend) => {
    const analysis = serviceOfHop(context, backend);
    if (!analysis || serviceType(analysis.entry.object) !== 'ExternalName') return null;
    const target = analysis.entry.object.spec?.externalName ?? '';
    return { message: `${hopLabel(backend)} sends traffic to ${formatRef(analysis.entry.ref)}, an ExternalName Service (a DNS alias for ${target || 'nothing: spec.externalName is empty'}) without endpoints: most Ingress controllers and Gateway implementations do not follow it.` };
  },
);
