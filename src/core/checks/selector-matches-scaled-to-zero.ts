import type { Check } from '../check.js';
import { formatSelector } from '../selector.js';
import { listSome, onService, scaledToZeroWorkloads, serviceName } from './check-helpers.js';

/** A Service whose only backends are scaled to zero is usually deliberate, but worth a note. */
export const selectorMatchesScaledToZero: Check = {
  id: 'selector-matches-scaled-to-zero',
  severity: 'info',
  title: 'Service selects only workloads scaled to zero',
  modes: ['manifests', 'cluster'],
  help:
    'Every workload the selector matches has replicas: 0, so the Service has no endpoints until one is scaled up. ' +
    'This is often intended (a paused environment); scale the workload up if the Service should serve traffic.',
  run(context) {
    return context.services.flatMap((analysis) => {
      const workloads = scaledToZeroWorkloads(context, analysis);
      if (workloads.length === 0) return [];
      const names = listSome(workloads.map((ref) => `${ref.kind} ${ref.name}`));
      return [
        onService(
          analysis,
          `${serviceName(analysis)} selector ${formatSelector(analysis.selector)} matches only ${names}, scaled to 0 replicas: the Service has no endpoints until it is scaled up.`,
        ),
      ];
    });
  },
};
