import type { Check } from '../../check.js';
import { listSome, onService, serviceName } from '../check-helpers.js';
import { selectedPods } from './live-helpers.js';
import { describePodNotReady, isReadyEndpoint } from './pod-readiness.js';

/** Some selected Pods serve and some do not: capacity is lower than intended, or a rollout is stuck. */
export const podsNotReady: Check = {
  id: 'pods-not-ready',
  severity: 'info',
  title: 'Some of the Pods a Service selects are not ready',
  modes: ['cluster'],
  help:
    'The Service has ready endpoints, but some Pods it selects are not ready and get no traffic (or, with ' +
    'publishNotReadyAddresses: true, get traffic although not ready). This is normal during a rollout; when it ' +
    'persists, capacity is lower than intended. The finding names each Pod and why it is not ready; fix the Pods, ' +
    'or delete finished ones that still carry the Service\'s labels.',
  run(context) {
    return context.services.flatMap((analysis) => {
      if (!analysis.selector) return [];
      const pods = selectedPods(analysis);
      const notReady = pods.filter((pod) => !isReadyEndpoint(pod));
      if (notReady.length === 0 || notReady.length === pods.length) return [];
      const publishNotReady = Boolean(analysis.entry.object.spec?.publishNotReadyAddresses);
      const one = notReady.length === 1;
      const effect = publishNotReady
        ? `yet publishNotReadyAddresses: true still sends ${one ? 'it' : 'them'} traffic`
        : `and ${one ? 'gets' : 'get'} no traffic`;
      const listed = listSome(notReady.map(describePodNotReady), 3);
      return [
        onService(
          analysis,
          `${notReady.length} of the ${pods.length} Pods ${serviceName(analysis)} selects ${one ? 'is' : 'are'} not ready ${effect}: ${listed}. If this persists, fix ${one ? 'it' : 'them'} (kubectl describe pod, kubectl logs).`,
        ),
      ];
    });
  },
};
