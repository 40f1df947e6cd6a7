import type { CheckContext, CheckResult, ServiceAnalysis } from '../check.js';
import type { Severity } from '../report.js';
import { formatRef, type ObjectRef, type SnapshotPod } from '../snapshot.js';
import { refKey } from '../snapshot-index.js';
import { listSome } from './check-helpers.js';

/** One problem with one Pod or pod template; `key` makes the same problem on sibling Pods one finding. */
export interface PodIssue {
  key: string;
  severity?: Severity;
  /** The message, given the subject ("Deployment shop/web" or "Deployment shop/web (Pods web-1, web-2)"). */
  message(subject: string): string;
}

/** Four checks ask for the same map: it is built once per analysis. */
const servicesByPodCache = new WeakMap<CheckContext, Map<SnapshotPod, ServiceAnalysis[]>>();

/** The Services (with a selector) that select each Pod or template, for checks whose severity depends on it. */
export function servicesByPod(context: CheckContext): Map<SnapshotPod, ServiceAnalysis[]> {
  const cached = servicesByPodCache.get(context);
  if (cached) return cached;
  const byPod = new Map<SnapshotPod, ServiceAnalysis[]>();
  servicesByPodCache.set(context, byPod);
  for (const analysis of context.services) {
    if (!analysis.selector) continue;
    for (const pod of analysis.matched) {
      const list = byPod.get(pod);
      if (list) list.push(analysis);
      else byPod.set(pod, [analysis]);
    }
  }
  return byPod;
}

/** "Service shop/web, Service shop/web-internal". */
export function nameServices(services: readonly ServiceAnalysis[]): string {
  return listSome(services.map((analysis) => formatRef(analysis.entry.ref)), 3);
}

/** The object a finding about this Pod names: the template's workload, or a live Pod's owning workload. */
function findingObject(pod: SnapshotPod): ObjectRef {
  return pod.template ? pod.ref : (pod.owner ?? pod.ref);
}

/**
 * Runs `issuesOf` on every Pod and template and turns the issues into findings, one per workload and
 * issue: live Pods of one Deployment share a finding that names them, instead of one finding each.
 */
export function podFindings(context: CheckContext, issuesOf: (pod: SnapshotPod) => PodIssue[]): CheckResult[] {
  const groups = new Map<string, { object: ObjectRef; pods: SnapshotPod[]; issue: PodIssue }>();
  for (const pod of context.snapshot.pods) {
    for (const issue of issuesOf(pod)) {
      const object = findingObject(pod);
      const key = `${refKey(object)}\0${issue.key}`;
      const group = groups.get(key);
      if (group) group.pods.push(pod);
      else groups.set(key, { object, pods: [pod], issue });
    }
  }
  return [...groups.values()].map(({ object, pods, issue }) => {
    const first = pods[0];
    const subject = first.template || !first.owner
      ? formatRef(object)
      : `${formatRef(object)} (${pods.length === 1 ? 'Pod' : 'Pods'} ${listSome(pods.map((pod) => pod.ref.name), 3)})`;
    const result: CheckResult = { object, message: issue.message(subject) };
    if (first.location) result.location = first.location;
    if (issue.severity) result.severity = issue.severity;
    return result;
  });
}
