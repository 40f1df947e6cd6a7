import type { CheckContext, CheckResult, ServiceAnalysis } from '../check.js';
import type { NearMiss } from '../report.js';
import type { Entry, ObjectRef, SnapshotPod, WorkloadEntry } from '../snapshot.js';
import { formatRef, workloadOf } from '../snapshot.js';
import { matchesSelector, selectPodsInOtherNamespaces, selectWorkloadsByOwnLabels } from '../selector.js';

/** How many objects a message names before it says "and N more". */
const LIST_LIMIT = 5;

/** "a, b, c and 4 more": keeps messages one readable line on large inputs. */
export function listSome(items: string[], limit = LIST_LIMIT): string {
  const unique = [...new Set(items)];
  if (unique.length <= limit) return unique.join(', ');
  return `${unique.slice(0, limit).join(', ')} and ${unique.length - limit} more`;
}

/** "Deployment web (3 replicas)", "Pod web-1", "DaemonSet agent (one per node)". */
export function describeSelected(pod: SnapshotPod): string {
  const name = `${pod.ref.kind} ${pod.ref.name}`;
  if (!pod.template) return name;
  const replicas = pod.template.replicas;
  if (replicas === null) return `${name} (one per node)`;
  return `${name} (${replicas} ${replicas === 1 ? 'replica' : 'replicas'})`;
}

/** The distinct workloads behind the selected objects; standalone Pods form one group. */
export function groupByWorkload(pods: SnapshotPod[]): Map<string, { workload: ObjectRef; pods: SnapshotPod[] }> {
  const groups = new Map<string, { workload: ObjectRef; pods: SnapshotPod[] }>();
  for (const pod of pods) {
    const standalone = !pod.template && !pod.owner;
    const workload = standalone ? { kind: 'Pod', namespace: pod.ref.namespace, name: '(standalone)' } : workloadOf(pod);
    const key = `${workload.kind}\0${workload.name}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { workload, pods: [] }));
    group.pods.push(pod);
  }
  return groups;
}

/** A finding on the Service itself, located where the Service is defined. */
export function onService(analysis: ServiceAnalysis, message: string, severity?: CheckResult['severity']): CheckResult {
  const result: CheckResult = { object: analysis.entry.ref, message };
  if (analysis.entry.location) result.location = analysis.entry.location;
  if (severity) result.severity = severity;
  return result;
}

/** A finding on any object of the snapshot, located where it is defined. */
export function onEntry(entry: Entry<unknown>, message: string, severity?: CheckResult['severity']): CheckResult {
  const result: CheckResult = { object: entry.ref, message };
  if (entry.location) result.location = entry.location;
  if (severity) result.severity = severity;
  return result;
}

/** "Service default/web", for the start of a message. */
export function serviceName(analysis: ServiceAnalysis): string {
  return formatRef(analysis.entry.ref);
}

/** "port http (80/TCP)" or "port 80/TCP", naming a Service port in messages. */
export function describeServicePort(port: { name?: string; port: number; protocol: string }): string {
  return port.name ? `port ${port.name} (${port.port}/${port.protocol})` : `port ${port.port}/${port.protocol}`;
}

/** "Deployment web has app=frontnd where the selector wants app=frontend". */
export function describeNearMiss(nearMiss: NearMiss): string {
  const object = `${nearMiss.object.kind} ${nearMiss.object.name}`;
  const parts = nearMiss.differences.map((difference) => {
    const want = `${difference.selectorKey}=${difference.want}`;
    if (difference.actualKey === null) return `${object} has no label ${difference.selectorKey} (selector wants ${want})`;
    return `${object} has ${difference.actualKey}=${difference.actualValue} where the selector wants ${want}`;
  });
  return parts.join('; ');
}

/** Workloads whose own labels match the selector while their pod templates do not. */
export function workloadsMatchedByOwnLabelsOnly(context: CheckContext, analysis: ServiceAnalysis): WorkloadEntry[] {
  if (!analysis.selector) return [];
  const selector = analysis.selector;
  return selectWorkloadsByOwnLabels(context.index, analysis.entry.ref.namespace, selector).filter(
    (workload) => !matchesSelector(workload.templateLabels, selector),
  );
}

/** Objects in other namespaces that the selector matches, when none in the Service's own does. */
export function matchesInOtherNamespaces(context: CheckContext, analysis: ServiceAnalysis): SnapshotPod[] {
  if (!analysis.selector || analysis.matched.length > 0) return [];
  return selectPodsInOtherNamespaces(context.index, analysis.entry.ref.namespace, analysis.selector);
}

/**
 * The workloads behind a Service when every one of them is scaled to zero: in manifests the matched
 * templates all have replicas 0; in a cluster no Pod matches but a workload's template would.
 */
export function scaledToZeroWorkloads(context: CheckContext, analysis: ServiceAnalysis): ObjectRef[] {
  const selector = analysis.selector;
  if (!selector) return [];
  if (context.snapshot.source === 'manifests') {
    const templates = analysis.matched;
    if (templates.length === 0 || !templates.every((pod) => pod.template?.replicas === 0)) return [];
    return templates.map((pod) => pod.ref);
  }
  if (analysis.matched.length > 0) return [];
  return (context.index.workloadsByNamespace.get(analysis.entry.ref.namespace) ?? [])
    .filter((workload) => workload.replicas === 0 && matchesSelector(workload.templateLabels, selector))
    .map((workload) => workload.ref);
}
