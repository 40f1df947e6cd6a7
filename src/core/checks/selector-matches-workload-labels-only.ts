import type { Check } from '../check.js';
import { formatSelector } from '../selector.js';
import { listSome, onService, serviceName, workloadsMatchedByOwnLabelsOnly } from './check-helpers.js';

/** Labels on the Deployment instead of its pod template: the selector looks right but selects nothing. */
export const selectorMatchesWorkloadLabelsOnly: Check = {
  id: 'selector-matches-workload-labels-only',
  severity: 'error',
  title: 'Selector matches a workload\'s own labels, not its pod template',
  modes: ['manifests', 'cluster'],
  help:
    'A Service selects Pods, and Pods get their labels from the workload\'s spec.template.metadata.labels, not from ' +
    'the workload\'s own metadata.labels. Copy the selector labels into the pod template labels.',
  run(context) {
    return context.services.flatMap((analysis) => {
      const workloads = workloadsMatchedByOwnLabelsOnly(context, analysis);
      if (workloads.length === 0) return [];
      const names = listSome(
        workloads.map((workload) => {
          const at = workload.location ? ` (${workload.location.file}:${workload.location.line})` : '';
          return `${workload.ref.kind} ${workload.ref.name}${at}`;
        }),
      );
      return [
        onService(
          analysis,
          `${serviceName(analysis)} selector ${formatSelector(analysis.selector)} matches the metadata.labels of ${names} but not its pod template: add the labels to spec.template.metadata.labels.`,
        ),
      ];
    });
  },
};
