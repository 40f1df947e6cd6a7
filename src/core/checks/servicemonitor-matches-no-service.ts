import type { Check, CheckResult } from '../check.js';
import { formatLabelSelector } from '../label-selector.js';
import { formatRef } from '../snapshot.js';
import { describeNamespaces, listHints, monitoredPods, monitoredServices, monitorNearMisses, monitorsOf, objectsInScope } from './monitor-helpers.js';

/** kube-linter's dangling-servicemonitor: the same selector problem as a Service's, one hop further. */
export const serviceMonitorMatchesNoService: Check = {
  id: 'servicemonitor-matches-no-service',
  severity: 'warning',
  title: 'ServiceMonitor or PodMonitor selects nothing',
  modes: ['manifests', 'cluster'],
  help:
    'A Prometheus-operator ServiceMonitor (monitoring.coreos.com/v1) scrapes the endpoints of the Services its ' +
    'spec.selector matches (matchLabels and matchExpressions) in the namespaces of spec.namespaceSelector (any: true, ' +
    'matchNames, or by default its own namespace); a PodMonitor does the same with Pods. When nothing matches, ' +
    'Prometheus has no target and the metrics silently stop. The message lists near misses: objects one label ' +
    'away, and matches outside the namespaces it looks in. Compare spec.selector with the Service\'s own ' +
    'metadata.labels (not its selector), or fix spec.namespaceSelector. In manifests, info when the input holds no ' +
    'Service (or Pod) in those namespaces at all. Live where the CRDs are served.',
  run(context) {
    const results: CheckResult[] = [];
    for (const monitor of monitorsOf(context)) {
      const services = monitor.kind === 'ServiceMonitor';
      const matched = services ? monitoredServices(context, monitor).length : monitoredPods(context, monitor).length;
      if (matched > 0) continue;
      const what = services ? 'Service' : 'Pod or pod template';
      const hints = monitorNearMisses(context, monitor);
      const empty = context.snapshot.source === 'manifests' && objectsInScope(context, monitor) === 0;
      const near = hints.length > 0 ? ` Near misses: ${listHints(hints)}.` : '';
      const scope = empty ? ` The input holds no ${what} in ${describeNamespaces(monitor)}; if it is deployed separately, this is fine.` : '';
      results.push({
        object: monitor.ref,
        ...(monitor.location ? { location: monitor.location } : {}),
        ...(empty ? { severity: 'info' as const } : {}),
        message: `${formatRef(monitor.ref)}: selector ${formatLabelSelector(monitor.selector)} matches no ${what} in ${describeNamespaces(monitor)}, so Prometheus gets no target from it.${near}${scope}`,
      });
    }
    return results;
  },
};
