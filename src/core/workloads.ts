import type { PodTemplateSpec, Workload } from './kubernetes-types.js';
import type { ObjectRef, SnapshotPod, SourceLocation, WorkloadEntry } from './snapshot.js';

/** Kinds whose pod template a Service can end up selecting, and where that template lives. */
export const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] as const;

export function isWorkloadKind(kind: string): boolean {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

/** The pod template of any workload kind (a CronJob's sits inside its jobTemplate). */
export function podTemplateOf(workload: Workload): PodTemplateSpec | undefined {
  if (workload.kind === 'CronJob') return workload.spec?.jobTemplate?.spec?.template;
  return workload.spec?.template;
}

/** How many Pods the workload asks for, with each kind's default; null for a DaemonSet (one per node). */
export function desiredReplicas(workload: Workload): number | null {
  switch (workload.kind) {
    case 'DaemonSet':
      return null;
    case 'Job':
      return workload.spec?.parallelism ?? 1;
    case 'CronJob':
      return workload.spec?.jobTemplate?.spec?.parallelism ?? 1;
    default:
      return workload.spec?.replicas ?? 1;
  }
}

/** A workload with the facts the checks need, ready for the snapshot. */
export function toWorkloadEntry(workload: Workload, ref: ObjectRef, location?: SourceLocation): WorkloadEntry {
  return {
    object: workload,
    ref,
    templateLabels: podTemplateOf(workload)?.metadata?.labels ?? {},
    replicas: desiredReplicas(workload),
    ...(location ? { location } : {}),
  };
}

/** The selectable stand-in for the Pods a workload will create, for offline analysis. */
export function templatePodOf(entry: WorkloadEntry): SnapshotPod {
  return {
    ref: entry.ref,
    labels: entry.templateLabels,
    spec: podTemplateOf(entry.object)?.spec ?? {},
    template: { workload: entry.ref, replicas: entry.replicas },
    ...(entry.location ? { location: entry.location } : {}),
  };
}
