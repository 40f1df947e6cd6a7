import type { Check } from '../check.js';
import { minorNumber, minorText, versionFacts } from '../version/index.js';
import { onService, serviceName } from './check-helpers.js';

/** PreferClose still works but is deprecated from 1.35; PreferSameZone means the same and will stay. */
export const deprecatedPreferClose: Check = {
  id: 'deprecated-prefer-close',
  severity: 'info',
  title: 'trafficDistribution PreferClose is deprecated (Kubernetes 1.35 and later)',
  modes: ['manifests', 'cluster'],
  help:
    'From Kubernetes 1.35 the value PreferClose of spec.trafficDistribution is deprecated in favour of PreferSameZone, ' +
    'which has exactly the same meaning (k8s.io/api core/v1; the API server warns about it). Replace the value; ' +
    'routing does not change. Reported only for 1.35 and later (the server version, or lint --kubernetes-version).',
  run(context) {
    const version = context.snapshot.kubernetesVersion;
    if (!versionFacts(version).preferCloseDeprecated) return [];
    return context.services.flatMap((analysis) =>
      analysis.entry.object.spec?.trafficDistribution === 'PreferClose'
        ? [onService(analysis, `${serviceName(analysis)} uses trafficDistribution: PreferClose, deprecated from Kubernetes 1.35 (this is ${minorText(minorNumber(version))}): write PreferSameZone instead (same routing).`)]
        : [],
    );
  },
};
