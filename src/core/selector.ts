import type { LabelMap, Service } from './kubernetes-types.js';
import type { SnapshotPod, WorkloadEntry } from './snapshot.js';
import { ANY_NAMESPACE } from './label-index.js';
import { podLabelsAnyNamespace, type SnapshotIndex } from './snapshot-index.js';
import { ownValue } from './own-keys.js';

/**
 * The selector the endpoints controllers act on, or null when they ignore the Service:
 * ExternalName, a nil selector, and an empty map (stored as no selector) all select nothing.
 */
export function effectiveSelector(service: Service): LabelMap | null {
  if (serviceType(service) === 'ExternalName') return null;
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return null;
  return selector;
}

/** The Service type with its API default. */
export function serviceType(service: Service): string {
  // An empty type is defaulted like a missing one (SetDefaults_Service).
  return service.spec?.type || 'ClusterIP';
}

/** True when the labels contain every selector pair with exactly the same value. */
export function matchesSelector(labels: LabelMap | undefined, selector: LabelMap): boolean {
  if (!labels) return false;
  for (const key of Object.keys(selector)) if (ownValue(labels, key) !== selector[key]) return false;
  return true;
}

/** The Pods or pod templates in the namespace that the selector selects. */
export function selectPods(index: SnapshotIndex, namespace: string, selector: LabelMap): SnapshotPod[] {
  return index.podLabels.candidates(namespace, selector).filter((pod) => matchesSelector(pod.labels, selector));
}

/** Objects the selector would select if the Service lived in their namespace. */
export function selectPodsInOtherNamespaces(index: SnapshotIndex, namespace: string, selector: LabelMap): SnapshotPod[] {
  return podLabelsAnyNamespace(index).candidates(ANY_NAMESPACE, selector).filter(
    (pod) => pod.ref.namespace !== namespace && matchesSelector(pod.labels, selector),
  );
}

/** Workloads whose own metadata.labels (not their pod template's) match the selector. */
export function selectWorkloadsByOwnLabels(index: SnapshotIndex, namespace: string, selector: LabelMap): WorkloadEntry[] {
  return index.workloadOwnLabels.candidates(namespace, selector).filter((workload) =>
    matchesSelector(workload.object.metadata.labels, selector),
  );
}

/** "k=v,k=v" sorted by key, the way kubectl describe prints a selector. */
export function formatSelector(selector: LabelMap | null | undefined): string {
  if (!selector || Object.keys(selector).length === 0) return '<none>';
  return Object.keys(selector)
    .sort()
    .map((key) => `${key}=${selector[key]}`)
    .join(',');
}
