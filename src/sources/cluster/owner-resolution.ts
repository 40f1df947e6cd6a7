import type { OwnerReference, Workload } from '../../core/kubernetes-types.js';
import type { ObjectRef } from '../../core/snapshot.js';

function controllerOf(owners: OwnerReference[] | undefined): OwnerReference | undefined {
  return owners?.find((owner) => owner.controller) ?? owners?.[0];
}

/**
 * Finds the workload a user thinks of as owning a Pod: a Deployment rather than its ReplicaSet, a
 * CronJob rather than its Job. Without the intermediate objects (not listed, or forbidden), the
 * direct controller is the answer.
 */
export function createOwnerResolver(workloads: Workload[]): (namespace: string, owners: OwnerReference[] | undefined) => ObjectRef | undefined {
  const byKindAndName = new Map<string, Workload>();
  for (const workload of workloads) byKindAndName.set(`${workload.kind}\0${workload.metadata.namespace}\0${workload.metadata.name}`, workload);
  return function resolve(namespace, owners) {
    let owner = controllerOf(owners);
    if (!owner) return undefined;
    for (let depth = 0; depth < 3; depth += 1) {
      const parent = controllerOf(byKindAndName.get(`${owner.kind}\0${namespace}\0${owner.name}`)?.metadata.ownerReferences);
      if (!parent) break;
      owner = parent;
    }
    return { kind: owner.kind, namespace, name: owner.name };
  };
}

/** True for workloads that another workload controls (a Deployment's ReplicaSets, a CronJob's Jobs). */
export function isControlledWorkload(workload: Workload): boolean {
  return (workload.metadata.ownerReferences ?? []).some((owner) => owner.controller);
}
