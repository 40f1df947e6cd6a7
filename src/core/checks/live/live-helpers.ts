/** Small helpers the live-only checks share: the real Pods a Service selects and what could not be read. */
import type { CheckContext, ServiceAnalysis } from '../../check.js';
import type { Pod } from '../../kubernetes-types.js';

/** The real Pods the Service's selector matches; pod templates (manifest mode) are left out. */
export function selectedPods(analysis: ServiceAnalysis): Pod[] {
  return analysis.matched.flatMap((selected) => (selected.pod ? [selected.pod] : []));
}

/** True when any of these resources (plural names, e.g. "endpointslices") could not be read, so a check must stay quiet. */
export function anyUnavailable(context: Pick<CheckContext, 'snapshot'>, ...resources: string[]): boolean {
  return resources.some((resource) => context.snapshot.unavailable.includes(resource));
}

/** "1 Pod" or "3 Pods". */
export function countPods(count: number): string {
  return `${count} ${count === 1 ? 'Pod' : 'Pods'}`;
}
