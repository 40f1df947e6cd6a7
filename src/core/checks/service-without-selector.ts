import type { Check, CheckContext, ServiceAnalysis } from '../check.js';
import { isSimilarValue } from '../label-difference.js';
import { LABEL_SERVICE_NAME } from '../predict/service-facts.js';
import { nameKey } from '../snapshot-index.js';
import { serviceType } from '../selector.js';
import { listSome, onService, serviceName } from './check-helpers.js';

/**
 * Hand-written endpoints that were meant for this Service but are not found by it: an Endpoints object
 * whose name looks like the Service's, an EndpointSlice named after it without the service-name label
 * (kube-proxy and the API find slices by that label only), or one whose label names a look-alike.
 */
function missedEndpoints(context: CheckContext, analysis: ServiceAnalysis): string[] {
  const { namespace, name } = analysis.entry.ref;
  const found: string[] = [];
  for (const entry of context.snapshot.endpoints) {
    if (entry.ref.namespace === namespace && entry.ref.name !== name && isSimilarValue(name, entry.ref.name)) {
      found.push(`Endpoints ${entry.ref.name} (an Endpoints object must have exactly the Service's name)`);
    }
  }
  for (const entry of context.snapshot.endpointSlices) {
    if (entry.ref.namespace !== namespace) continue;
    const label = entry.object.metadata.labels?.[LABEL_SERVICE_NAME];
    if (label === undefined && (entry.ref.name === name || entry.ref.name.startsWith(`${name}-`))) {
      found.push(`EndpointSlice ${entry.ref.name} (it has no label ${LABEL_SERVICE_NAME}=${name}, and slices are found by that label only)`);
    } else if (label !== undefined && label !== name && isSimilarValue(name, label)) {
      found.push(`EndpointSlice ${entry.ref.name} (its label ${LABEL_SERVICE_NAME}=${label} names another Service)`);
    }
  }
  return found;
}

/** Without a selector nothing fills the endpoints unless someone writes them by hand. */
export const serviceWithoutSelector: Check = {
  id: 'service-without-selector',
  severity: 'warning',
  title: 'Service has no selector and no hand-written endpoints',
  modes: ['manifests', 'cluster'],
  help:
    'A Service without spec.selector gets no endpoints from Kubernetes: someone must create an Endpoints object (or ' +
    'EndpointSlices labelled kubernetes.io/service-name) of the same name, for example to point at an external ' +
    'database. Add a selector, add the endpoints, or use type: ExternalName for a DNS alias. When endpoints that look ' +
    'meant for the Service exist under a look-alike name, or an EndpointSlice named after it lacks the ' +
    'kubernetes.io/service-name label, the finding names them.',
  run(context) {
    if (context.snapshot.unavailable.includes('endpoints') && context.snapshot.unavailable.includes('endpointslices')) return [];
    return context.services.flatMap((analysis) => {
      const service = analysis.entry.object;
      if (serviceType(service) === 'ExternalName' || analysis.selector) return [];
      const key = nameKey(analysis.entry.ref.namespace, analysis.entry.ref.name);
      if (context.index.endpointsByName.has(key) || context.index.slicesByService.has(key)) return [];
      const missed = missedEndpoints(context, analysis);
      const hint = missed.length > 0 ? ` Not counted: ${listSome(missed, 3)}.` : '';
      return [
        onService(
          analysis,
          `${serviceName(analysis)} has no selector and no Endpoints or EndpointSlice of its own, so it has no endpoints: add spec.selector, or an Endpoints object named ${analysis.entry.ref.name} listing the backend addresses.${hint}`,
        ),
      ];
    });
  },
};
