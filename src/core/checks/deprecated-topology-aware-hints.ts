import type { Check } from '../check.js';
import { onService, serviceName } from './check-helpers.js';

const DEPRECATED_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';

/** The old topology annotation still works, but the API server warns on every apply of it. */
export const deprecatedTopologyAwareHints: Check = {
  id: 'deprecated-topology-aware-hints',
  severity: 'info',
  title: 'Annotation service.kubernetes.io/topology-aware-hints is deprecated',
  modes: ['manifests', 'cluster'],
  help:
    'The annotation service.kubernetes.io/topology-aware-hints is deprecated in favour of ' +
    'service.kubernetes.io/topology-mode (same values: Auto, Disabled); the API server of every supported minor ' +
    '(1.33 and later) warns about it. Rename the annotation, or use spec.trafficDistribution: PreferSameZone, which ' +
    'keeps traffic in the zone without the proportional-CPU heuristics. topology-mode itself is not deprecated.',
  run(context) {
    return context.services.flatMap((analysis) => {
      const value = analysis.entry.object.metadata.annotations?.[DEPRECATED_ANNOTATION];
      if (value === undefined) return [];
      return [
        onService(
          analysis,
          `${serviceName(analysis)} has the deprecated annotation ${DEPRECATED_ANNOTATION}: ${JSON.stringify(value)}; write service.kubernetes.io/topology-mode: ${JSON.stringify(value)} instead (or spec.trafficDistribution: PreferSameZone).`,
        ),
      ];
    });
  },
};
