import type { Check } from '../check.js';
import { formatSelector } from '../selector.js';
import { listSome, matchesInOtherNamespaces, onService, serviceName } from './check-helpers.js';

/** A Service only ever selects Pods in its own namespace; matches elsewhere mean one side is misplaced. */
export const selectorInOtherNamespace: Check = {
  id: 'selector-in-other-namespace',
  severity: 'error',
  title: 'Selector matches Pods only in other namespaces',
  modes: ['manifests', 'cluster'],
  help:
    'A Service selects Pods in its own namespace only. The matching Pods or templates live in another namespace: ' +
    'move the Service (or the workload) so both share a namespace, or set metadata.namespace explicitly on both.',
  run(context) {
    return context.services.flatMap((analysis) => {
      const elsewhere = matchesInOtherNamespaces(context, analysis);
      if (elsewhere.length === 0) return [];
      const names = listSome(elsewhere.map((pod) => `${pod.ref.kind} ${pod.ref.namespace}/${pod.ref.name}`));
      return [
        onService(
          analysis,
          `${serviceName(analysis)} selector ${formatSelector(analysis.selector)} matches nothing in namespace ${analysis.entry.ref.namespace} but matches ${names}: a Service only selects Pods in its own namespace.`,
        ),
      ];
    });
  },
};
