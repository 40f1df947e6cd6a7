import type { Check } from '../check.js';
import { serviceType } from '../selector.js';
import { minorNumber, minorText, versionFacts } from '../version/index.js';
import { onService, serviceName } from './check-helpers.js';

/** spec.externalIPs is deprecated from 1.36 and may be switched off by cluster operators. */
export const deprecatedExternalIps: Check = {
  id: 'deprecated-external-ips',
  severity: 'info',
  title: 'spec.externalIPs is deprecated (Kubernetes 1.36 and later)',
  modes: ['manifests', 'cluster'],
  help:
    'From Kubernetes 1.36 the API server warns that spec.externalIPs "is deprecated and may no longer be implemented ' +
    'in some clusters" (pkg/api/service/warnings.go). kube-proxy still routes them today. Move the addresses to ' +
    'type: LoadBalancer (a load-balancer implementation assigns or accepts them) or to a Gateway. Reported only for ' +
    '1.36 and later, and not for headless or ExternalName Services, where the field is ignored anyway.',
  run(context) {
    const version = context.snapshot.kubernetesVersion;
    if (!versionFacts(version).externalIPsDeprecated) return [];
    return context.services.flatMap((analysis) => {
      const service = analysis.entry.object;
      const ips = Array.isArray(service.spec?.externalIPs) ? service.spec.externalIPs : [];
      if (ips.length === 0 || service.spec?.clusterIP === 'None' || serviceType(service) === 'ExternalName') return [];
      return [
        onService(
          analysis,
          `${serviceName(analysis)} sets spec.externalIPs (${ips.join(', ')}), deprecated from Kubernetes 1.36 (this is ${minorText(minorNumber(version))}): use type: LoadBalancer or a Gateway for these addresses.`,
        ),
      ];
    });
  },
};
