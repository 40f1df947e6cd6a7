import type { Check } from '../check.js';
import { formatSelector } from '../selector.js';
import { describeSelected, groupByWorkload, onService, serviceName } from './check-helpers.js';

/** A selector that also catches another app's Pods sends part of the traffic to the wrong program. */
export const selectorSpansWorkloads: Check = {
  id: 'selector-spans-workloads',
  severity: 'warning',
  title: 'Selector matches the Pods of several workloads',
  modes: ['manifests', 'cluster'],
  help:
    'Traffic is spread over the Pods of every matched workload. That is right for a deliberate canary, and a bug when ' +
    'a broad label (component: backend) also catches another app. Add a label unique to the intended workload to ' +
    'both its pod template and the selector, or suppress with the annotation svc-explain/ignore: selector-spans-workloads.',
  run(context) {
    return context.services.flatMap((analysis) => {
      // One object is one workload: no grouping needed (most Services).
      if (analysis.matched.length < 2) return [];
      const groups = [...groupByWorkload(analysis.matched).values()];
      if (groups.length < 2) return [];
      const described = groups.map(({ workload, pods }) =>
        pods[0].template ? describeSelected(pods[0]) : `${workload.kind} ${workload.name} (${pods.length} ${pods.length === 1 ? 'Pod' : 'Pods'})`,
      );
      return [
        onService(
          analysis,
          `${serviceName(analysis)} selector ${formatSelector(analysis.selector)} matches ${groups.length} workloads: ${described.join(', ')}. Traffic is spread over all of them; make the selector specific if that is not intended.`,
        ),
      ];
    });
  },
};
