import type { Check, CheckContext, ServiceAnalysis } from '../../check.js';
import type { PodDisruptionBudget } from '../../kubernetes-types.js';
import { formatLabelSelector, matchesLabelSelector } from '../../label-selector.js';
import { formatRef, type Entry, type SnapshotPod } from '../../snapshot.js';
import { refKey } from '../../snapshot-index.js';
import { onService, serviceName } from '../check-helpers.js';
import { isReadyEndpoint } from './pod-readiness.js';

/** The budget's status once the disruption controller has written it (before that its counts are all 0). */
function controllerStatus(budget: PodDisruptionBudget): PodDisruptionBudget['status'] | undefined {
  return (budget.status?.observedGeneration ?? 0) > 0 ? budget.status : undefined;
}

/** How many Pods a budget keeps healthy, as the disruption controller computes it (percentages round up). */
function desiredHealthy(budget: PodDisruptionBudget, expected: number): number {
  const status = controllerStatus(budget);
  if (status?.desiredHealthy !== undefined) return status.desiredHealthy;
  const scaled = (value: number | string) => (typeof value === 'number' ? value : Math.ceil((Number.parseFloat(value) / 100) * expected));
  const spec = budget.spec ?? {};
  if (spec.minAvailable !== undefined) return scaled(spec.minAvailable);
  if (spec.maxUnavailable !== undefined) return Math.max(0, expected - scaled(spec.maxUnavailable));
  return 0;
}

/** What asks for more than one Pod: the workloads' replicas, and the PodDisruptionBudgets covering the Pod. */
function expectations(context: CheckContext, analysis: ServiceAnalysis, ready: SnapshotPod): string[] {
  const namespace = analysis.entry.ref.namespace;
  const workloads = new Map(
    (context.index.workloadsByNamespace.get(namespace) ?? []).map((workload) => [refKey(workload.ref), workload]),
  );
  const owners = [...new Set(analysis.matched.flatMap((pod) => (pod.owner ? [refKey(pod.owner)] : [])))].flatMap((key) => workloads.get(key) ?? []);
  const replicas = owners.reduce((sum, workload) => sum + (workload.replicas ?? 0), 0);
  const reasons = owners.filter((workload) => (workload.replicas ?? 0) > 1).map((workload) => `${formatRef(workload.ref)} asks for ${workload.replicas} replicas`);
  const budgets = (context.snapshot.podDisruptionBudgets ?? []).filter(
    (budget: Entry<PodDisruptionBudget>) => budget.ref.namespace === namespace && matchesLabelSelector(budget.object.spec?.selector, ready.labels),
  );
  for (const budget of budgets) {
    const expected = controllerStatus(budget.object)?.expectedPods ?? Math.max(replicas, 1);
    const healthy = desiredHealthy(budget.object, expected);
    if (healthy > 1 || expected > 1) reasons.push(`${formatRef(budget.ref)} (${formatLabelSelector(budget.object.spec?.selector)}) keeps ${healthy} ${healthy === 1 ? 'Pod' : 'Pods'} available of ${expected} expected`);
  }
  return reasons;
}

/** popeye's single-endpoint finding, only where more was asked for: one restart leaves the Service empty. */
export const singleEndpoint: Check = {
  id: 'single-endpoint',
  severity: 'info',
  title: 'Service has one ready endpoint where more are expected',
  modes: ['cluster'],
  help:
    'The Service has exactly one ready endpoint while the workloads behind it ask for more than one replica, or a ' +
    'PodDisruptionBudget (policy/v1) covering its Pods expects more than one. One container restart, eviction or ' +
    'node drain then leaves the Service with no endpoint at all. Find out why the other replicas are missing or not ' +
    'ready (kubectl get pods, the workload\'s events: quota, scheduling, image pulls). Services whose workloads ' +
    'deliberately run one replica are not reported. Info by default, a warning with --profile strict.',
  run(context) {
    return context.services.flatMap((analysis) => {
      if (!analysis.selector) return [];
      const ready = analysis.matched.filter((pod) => pod.pod && isReadyEndpoint(pod.pod));
      if (ready.length !== 1) return [];
      const reasons = expectations(context, analysis, ready[0]);
      if (reasons.length === 0) return [];
      const pod = ready[0];
      const node = pod.pod?.spec?.nodeName ? ` on node ${pod.pod.spec.nodeName}` : '';
      return [
        onService(
          analysis,
          `${serviceName(analysis)} has a single ready endpoint, Pod ${pod.ref.name}${node}, while ${reasons.join('; ')}: one restart, eviction or node drain leaves it without endpoints. Check why the other replicas are missing or not ready.`,
        ),
      ];
    });
  },
};
