import type { Check, CheckContext, ServiceAnalysis } from '../check.js';
import { workloadOf } from '../snapshot.js';
import { formatSelector } from '../selector.js';
import {
  describeNearMiss,
  matchesInOtherNamespaces,
  onService,
  scaledToZeroWorkloads,
  serviceName,
  workloadsMatchedByOwnLabelsOnly,
} from './check-helpers.js';

/**
 * In manifests, how sure we are that the Service's backend is part of the input: a near miss, or a
 * workload named like the Service or carrying one of the selector values, says it is ('related').
 */
function backendEvidence(context: CheckContext, analysis: ServiceAnalysis): 'related' | 'unrelated' | 'none-in-namespace' {
  const candidates = context.index.podsByNamespace.get(analysis.entry.ref.namespace) ?? [];
  if (candidates.length === 0) return 'none-in-namespace';
  if (analysis.tellingNearMisses > 0) return 'related';
  const selectorValues = new Set(Object.values(analysis.selector ?? {}));
  const name = analysis.entry.ref.name;
  const related = candidates.some(
    (pod) => workloadOf(pod).name === name || Object.values(pod.labels).some((value) => selectorValues.has(value)),
  );
  return related ? 'related' : 'unrelated';
}

/** The most common silent failure: a selector that selects nothing, so the Service has no endpoints. */
export const selectorMatchesNothing: Check = {
  id: 'selector-matches-nothing',
  severity: 'error',
  title: 'Service selector matches no Pod',
  modes: ['manifests', 'cluster'],
  help:
    'No Pod or pod template in the Service\'s namespace carries every label of its selector, so the Service gets no ' +
    'endpoints and connections to it fail. Compare the selector with spec.template.metadata.labels of the workload ' +
    'that should serve it; the near misses listed name objects that differ by one label. When a more specific cause ' +
    'is found (labels only on the workload, Pods in another namespace) that check reports instead. In manifests the ' +
    'input may not hold every workload: when no object in the input looks related (no near miss, no workload named ' +
    'like the Service or carrying a selector value) the finding is a warning, and when the namespace has no workload ' +
    'at all in the input it is info.',
  run(context) {
    return context.services.flatMap((analysis) => {
      if (!analysis.selector || analysis.matched.length > 0) return [];
      if (workloadsMatchedByOwnLabelsOnly(context, analysis).length > 0) return [];
      if (matchesInOtherNamespaces(context, analysis).length > 0) return [];
      if (scaledToZeroWorkloads(context, analysis).length > 0) return [];
      const selector = formatSelector(analysis.selector);
      const where = `namespace ${analysis.entry.ref.namespace}`;
      const shown = analysis.nearMisses.slice(0, 3).map(describeNearMiss);
      const remaining = analysis.nearMissTotal - shown.length;
      const listed = `${shown.join('; ')}${remaining > 0 ? ` (and ${remaining} more)` : ''}`;
      const notClose = ` No object in ${where} has labels close to it`;
      const advice =
        analysis.tellingNearMisses > 0
          ? ` Near misses: ${listed}. Make the selector and the pod template labels agree.`
          : `${notClose}${shown.length > 0 ? ` (the nearest: ${listed})` : ''}: check that the workload is ${context.snapshot.source === 'manifests' ? 'in this input' : `running in ${where}`} and that its pod template labels match the selector.`;
      const message = `${serviceName(analysis)} selector ${selector} matches no Pod or pod template in ${where}.${advice}`;
      if (context.snapshot.source === 'manifests') {
        const evidence = backendEvidence(context, analysis);
        if (evidence === 'none-in-namespace') {
          return [onService(analysis, `${message} Reported as info: the input has no workload in namespace ${analysis.entry.ref.namespace}, so its Pods may be deployed separately.`, 'info')];
        }
        if (evidence === 'unrelated') {
          return [onService(analysis, `${message} Reported as a warning: no workload in the input looks like its backend, so its Pods may be deployed separately (suppress with svc-explain/ignore if so).`, 'warning')];
        }
      }
      return [onService(analysis, message)];
    });
  },
};
