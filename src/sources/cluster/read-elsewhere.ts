/**
 * For Services whose selector matches nothing in their own namespace, one label-selector list of Pods over
 * all namespaces each, so `explain` and `check -n` can name Pods in another namespace as lint does
 * (selector-in-other-namespace). Skipped quietly when the user may not list Pods cluster-wide.
 */
import type { LabelMap, Pod, Service } from '../../core/kubernetes-types.js';
import { effectiveSelector, matchesSelector } from '../../core/selector.js';
import { ForbiddenError, type KubeApi } from './kube-api.js';
import { collectionPath } from './resources.js';

function selectorText(selector: LabelMap): string {
  return Object.entries(selector).map(([key, value]) => `${key}=${value}`).join(',');
}

/** At most this many distinct selectors are looked up elsewhere, so a namespace of broken Services stays cheap. */
const LOOKUP_LIMIT = 20;

/** Pods in other namespaces matching the selectors of Services that select nothing in their own namespace. */
export async function readMatchesElsewhere(api: KubeApi, services: readonly Service[], pods: readonly Pod[]): Promise<Pod[]> {
  const selectors = new Map<string, { namespace: string; selector: LabelMap }[]>();
  for (const service of services) {
    const selector = effectiveSelector(service);
    if (!selector || Object.keys(selector).length === 0) continue;
    const namespace = service.metadata.namespace ?? 'default';
    const matchesHere = pods.some((pod) => (pod.metadata.namespace ?? 'default') === namespace && matchesSelector(pod.metadata.labels, selector));
    if (matchesHere) continue;
    const key = selectorText(selector);
    selectors.set(key, [...(selectors.get(key) ?? []), { namespace, selector }]);
  }
  const keys = [...selectors.keys()].slice(0, LOOKUP_LIMIT);
  const found = await Promise.all(keys.map(async (key) => {
    try {
      const listed = await api.list<Pod>(collectionPath('pods', null), 'pods', { labelSelector: key });
      const namespaces = new Set(selectors.get(key)!.map((entry) => entry.namespace));
      return listed.filter((pod) => !namespaces.has(pod.metadata.namespace ?? 'default'));
    } catch (error) {
      if (error instanceof ForbiddenError) return [];
      throw error;
    }
  }));
  const byUid = new Map<string, Pod>();
  for (const pod of found.flat()) byUid.set(pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`, pod);
  return [...byUid.values()];
}
