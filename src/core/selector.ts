import type { LabelMap, Service } from './kubernetes-types.js';
import type { SnapshotPod, WorkloadEntry } from './snapshot.js';
import { labelKey, podsByLabelAnyNamespace, type SnapshotIndex } from './snapshot-index.js';

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
  return service.spec?.type ?? 'ClusterIP';
}

/** True when the labels contain every selector pair with exactly the same value. */
export function matchesSelector(labels: LabelMap | undefined, selector: LabelMap): boolean {
  if (!labels) return false;
  for (const [key, value] of Object.entries(selector)) {
    if (labels[key] !== value) return false;
  }
  return true;
}

/**
 * The candidates behind the rarest selector pair, so matching never scans a whole namespace; the
 * caller still checks the other pairs. The list belongs to the index: do not modify it.
 */
export function smallestPostingList<T>(map: Map<string, T[]>, namespace: string | null, selector: LabelMap): T[] {
  let smallest: T[] | undefined;
  for (const [key, value] of Object.entries(selector)) {
    const list = map.get(labelKey(namespace, key, value));
    if (!list) return [];
    if (!smallest || list.length < smallest.length) smallest = list;
  }
  return smallest ?? [];
}

/** The Pods or pod templates in the namespace that the selector selects. */
export function selectPods(index: SnapshotIndex, namespace: string, selector: LabelMap): SnapshotPod[] {
  return smallestPostingList(index.podsByLabel, namespace, selector).filter((pod) => matchesSelector(pod.labels, selector));
}

/** Objects the selector would select if the Service lived in their namespace. */
export function selectPodsInOtherNamespaces(index: SnapshotIndex, namespace: string, selector: LabelMap): SnapshotPod[] {
  return smallestPostingList(podsByLabelAnyNamespace(index), null, selector).filter(
    (pod) => pod.ref.namespace !== namespace && matchesSelector(pod.labels, selector),
  );
}

/** Workloads whose own metadata.labels (not their pod template's) match the selector. */
export function selectWorkloadsByOwnLabels(index: SnapshotIndex, namespace: string, selector: LabelMap): WorkloadEntry[] {
  return smallestPostingList(index.workloadsByOwnLabel, namespace, selector).filter((workload) =>
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
