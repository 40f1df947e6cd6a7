import type { CheckContext, CheckResult } from '../check.js';
import type { Service } from '../kubernetes-types.js';
import type { WorkloadEntry } from '../snapshot.js';
import { nameKey } from '../snapshot-index.js';

/** StatefulSets that name a governing Service, with that Service when the input has it. */
export function statefulSetsWithServiceName(context: CheckContext): { workload: WorkloadEntry; serviceName: string; service?: Service }[] {
  return context.snapshot.workloads
    .filter((workload) => workload.ref.kind === 'StatefulSet' && workload.object.spec?.serviceName)
    .map((workload) => {
      const serviceName = workload.object.spec?.serviceName as string;
      const service = context.index.servicesByName.get(nameKey(workload.ref.namespace, serviceName))?.object;
      return { workload, serviceName, ...(service ? { service } : {}) };
    });
}

/** A finding on the StatefulSet, located where it is defined. */
export function onWorkload(workload: WorkloadEntry, message: string): CheckResult {
  return { object: workload.ref, message, ...(workload.location ? { location: workload.location } : {}) };
}
