import type { Check, CheckResult } from '../check.js';
import type { LabelMap, LabelSelector } from '../kubernetes-types.js';
import { formatLabelSelector, isEmptyLabelSelector, labelSelectorProblem, unmetRequirements } from '../label-selector.js';
import { formatSelector } from '../selector.js';
import { formatRef, type WorkloadEntry } from '../snapshot.js';

const APPS_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'];

/** The selector as the API server sees it, or why there is nothing to compare; null when defaulting makes it right. */
function selectorOf(workload: WorkloadEntry): { selector: LabelSelector; field: string } | { problem: string } | null {
  const spec = workload.object.spec;
  const kind = workload.ref.kind;
  if (kind === 'CronJob') {
    const selector = (workload.object.spec as { jobTemplate?: { spec?: { selector?: unknown } } } | undefined)?.jobTemplate?.spec?.selector;
    return selector && typeof selector === 'object' ? { selector: selector as LabelSelector, field: 'spec.jobTemplate.spec.selector' } : null;
  }
  const raw = spec?.selector;
  if (kind === 'ReplicationController') {
    // A map; when empty the API fills it in from the template labels.
    if (!raw || typeof raw !== 'object' || Object.keys(raw).length === 0) return null;
    return { selector: { matchLabels: raw as LabelMap }, field: 'spec.selector' };
  }
  if (APPS_KINDS.includes(kind)) {
    if (!raw || typeof raw !== 'object') return { problem: `has no spec.selector, which apps/v1 requires` };
    if (isEmptyLabelSelector(raw as LabelSelector)) return { problem: 'has an empty spec.selector, which apps/v1 rejects' };
  }
  if (!raw || typeof raw !== 'object') return null; // Job: generated from the Job's uid
  return { selector: raw as LabelSelector, field: 'spec.selector' };
}

/** "app=web (the template has app=web-v2)": an unmet requirement with what the template has instead. */
function describeUnmet(requirement: string, selector: LabelSelector, templateLabels: LabelMap): string {
  const key = Object.keys(selector.matchLabels ?? {}).find((candidate) => requirement === `${candidate}=${selector.matchLabels?.[candidate]}`);
  if (key === undefined) return requirement;
  return key in templateLabels ? `${requirement} (the template has ${key}=${templateLabels[key]})` : `${requirement} (the template has no ${key} label)`;
}

/** A workload whose selector misses its own template: the API server refuses it, so it never runs. */
export const workloadSelectorMismatch: Check = {
  id: 'workload-selector-mismatch',
  severity: 'error',
  title: "Workload selector does not match its own pod template's labels",
  modes: ['manifests'],
  help:
    'A workload owns the Pods its spec.selector matches (matchLabels and matchExpressions together), and the API server ' +
    'rejects a Deployment, ReplicaSet, StatefulSet, DaemonSet, ReplicationController or Job whose selector does not match ' +
    'its own spec.template.metadata.labels ("`selector` does not match template `labels`"), or an apps/v1 one without a ' +
    'selector, so kubectl apply fails and no Pod is created. Make the selector and the template labels agree; a ' +
    "workload's selector cannot be changed after creation for apps/v1. Offline only: a cluster never holds such a workload.",
  run(context) {
    const results: CheckResult[] = [];
    for (const workload of context.snapshot.workloads) {
      const found = selectorOf(workload);
      if (!found) continue;
      const location = workload.location ? { location: workload.location } : {};
      const name = formatRef(workload.ref);
      if ('problem' in found) {
        results.push({ object: workload.ref, ...location, message: `${name} ${found.problem}: the API server rejects it. Set spec.selector.matchLabels to labels of its pod template (${formatSelector(workload.templateLabels)}).` });
        continue;
      }
      const problem = labelSelectorProblem(found.selector);
      if (problem) {
        results.push({ object: workload.ref, ...location, message: `${name}: ${found.field} is invalid (${problem}): the API server rejects it.` });
        continue;
      }
      const unmet = unmetRequirements(found.selector, workload.templateLabels);
      if (unmet.length === 0) continue;
      const listed = unmet.map((requirement) => describeUnmet(requirement, found.selector, workload.templateLabels)).join(', ');
      results.push({
        object: workload.ref,
        ...location,
        message: `${name}: ${found.field} (${formatLabelSelector(found.selector)}) does not match its pod template's labels (${formatSelector(workload.templateLabels)}); unmet: ${listed}. The API server rejects it, so no Pod is created.`,
      });
    }
    return results;
  },
};
