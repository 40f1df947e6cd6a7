import type { Check } from '../../check.js';
import { ANNOTATION_OVER_CAPACITY } from '../../predict/predict-endpoints.js';
import { nameKey } from '../../snapshot-index.js';
import { onService, serviceName } from '../check-helpers.js';
import { anyUnavailable } from './live-helpers.js';

/** How many addresses the Endpoints controller keeps before it truncates. */
const ENDPOINTS_CAPACITY = 1000;

/** Consumers of the legacy Endpoints API see only part of a large Service. */
export const endpointsOverCapacity: Check = {
  id: 'endpoints-over-capacity',
  severity: 'warning',
  title: 'Endpoints object truncated at 1000 addresses',
  modes: ['cluster'],
  help:
    'The Endpoints controller keeps at most 1000 addresses per Endpoints object and marks it with the annotation ' +
    'endpoints.kubernetes.io/over-capacity: truncated. The EndpointSlices are complete, and kube-proxy reads only ' +
    'those, but anything still reading the legacy Endpoints API (older ingress controllers, service meshes, ' +
    'monitoring) sees only 1000 backends. Move those consumers to EndpointSlices (discovery.k8s.io/v1).',
  run(context) {
    if (anyUnavailable(context, 'endpoints')) return [];
    return context.services.flatMap((analysis) => {
      const { namespace, name } = analysis.entry.ref;
      const endpoints = context.index.endpointsByName.get(nameKey(namespace, name))?.object;
      if (endpoints?.metadata.annotations?.[ANNOTATION_OVER_CAPACITY] !== 'truncated') return [];
      const sliceEndpoints = (context.index.slicesByService.get(nameKey(namespace, name)) ?? []).reduce(
        (total, slice) => total + (slice.object.endpoints ?? []).length,
        0,
      );
      const complete = sliceEndpoints > 0 ? `its EndpointSlices are complete (${sliceEndpoints} endpoints)` : 'its EndpointSlices are complete';
      return [
        onService(
          analysis,
          `Endpoints ${namespace}/${name} of ${serviceName(analysis)} is truncated to ${ENDPOINTS_CAPACITY} addresses (${ANNOTATION_OVER_CAPACITY}: truncated): ${complete}, but consumers of the Endpoints API see only ${ENDPOINTS_CAPACITY}; move them to EndpointSlices (discovery.k8s.io/v1).`,
        ),
      ];
    });
  },
};
