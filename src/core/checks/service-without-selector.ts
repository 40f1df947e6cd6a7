import type { Check } from '../check.js';
import { nameKey } from '../snapshot-index.js';
import { serviceType } from '../selector.js';
import { onService, serviceName } from './check-helpers.js';

/** Without a selector nothing fills the endpoints unless someone writes them by hand. */
export const serviceWithoutSelector: Check = {
  id: 'service-without-selector',
  severity: 'warning',
  title: 'Service has no selector and no hand-written endpoints',
  modes: ['manifests', 'cluster'],
  help:
    'A Service without spec.selector gets no endpoints from Kubernetes: someone must create an Endpoints object (or ' +
    'EndpointSlices labelled kubernetes.io/service-name) of the same name, for example to point at an external ' +
    'database. Add a selector, add the endpoints, or use type: ExternalName for a DNS alias.',
  run(context) {
    if (context.snapshot.unavailable.includes('endpoints') && context.snapshot.unavailable.includes('endpointslices')) return [];
    return context.services.flatMap((analysis) => {
      const service = analysis.entry.object;
      if (serviceType(service) === 'ExternalName' || analysis.selector) return [];
      const key = nameKey(analysis.entry.ref.namespace, analysis.entry.ref.name);
      if (context.index.endpointsByName.has(key) || context.index.slicesByService.has(key)) return [];
      return [
        onService(
          analysis,
          `${serviceName(analysis)} has no selector and no Endpoints or EndpointSlice of its own, so it has no endpoints: add spec.selector, or an Endpoints object named ${analysis.entry.ref.name} listing the backend addresses.`,
        ),
      ];
    });
  },
};
