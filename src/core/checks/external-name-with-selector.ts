import type { Check } from '../check.js';
import { serviceType } from '../selector.js';
import { onService, serviceName } from './check-helpers.js';

/** An ExternalName Service is a DNS CNAME: selector and ports look meaningful but do nothing. */
export const externalNameWithSelector: Check = {
  id: 'external-name-with-selector',
  severity: 'warning',
  title: 'ExternalName Service has a selector or ports',
  modes: ['manifests', 'cluster'],
  help:
    'type: ExternalName makes cluster DNS return a CNAME to spec.externalName; no endpoints are built and no proxying ' +
    'happens, so spec.selector and spec.ports are ignored. Remove them, or use type: ClusterIP if Pods should serve it.',
  run(context) {
    return context.services.flatMap((analysis) => {
      const service = analysis.entry.object;
      if (serviceType(service) !== 'ExternalName') return [];
      const ignored: string[] = [];
      if (Object.keys(service.spec?.selector ?? {}).length > 0) ignored.push('selector');
      if ((service.spec?.ports ?? []).length > 0) ignored.push('ports');
      if (ignored.length === 0) return [];
      return [
        onService(
          analysis,
          `${serviceName(analysis)} is type ExternalName (${service.spec?.externalName ?? 'no externalName'}): its ${ignored.join(' and ')} ${ignored.length > 1 ? 'are' : 'is'} ignored. Remove ${ignored.length > 1 ? 'them' : 'it'} or change the type.`,
        ),
      ];
    });
  },
};
