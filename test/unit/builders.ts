import type { Container, LabelMap, Service, ServicePort } from '../../src/core/kubernetes-types.js';
import { emptySnapshot, type Snapshot, type SnapshotPod, type WorkloadEntry } from '../../src/core/snapshot.js';
import { templatePodOf, toWorkloadEntry } from '../../src/core/workloads.js';

/** A Service entry with a selector and ports, in namespace "default" unless given. */
export function service(name: string, selector: LabelMap | null, ports: ServicePort[] = [{ port: 80 }], namespace = 'default') {
  const object: Service = { kind: 'Service', metadata: { name, namespace }, spec: { ...(selector ? { selector } : {}), ports } };
  return { object, ref: { kind: 'Service', namespace, name } };
}

/** A Deployment entry whose pod template has these labels and containers. */
export function deployment(name: string, templateLabels: LabelMap, containers: Container[] = [{ name: 'app' }], options: { namespace?: string; replicas?: number; labels?: LabelMap } = {}): WorkloadEntry {
  const namespace = options.namespace ?? 'default';
  return toWorkloadEntry(
    {
      kind: 'Deployment',
      metadata: { name, namespace, ...(options.labels ? { labels: options.labels } : {}) },
      spec: { replicas: options.replicas ?? 1, template: { metadata: { labels: templateLabels }, spec: { containers } } },
    },
    { kind: 'Deployment', namespace, name },
  );
}

/** A bare Pod as a selectable object. */
export function pod(name: string, labels: LabelMap, containers: Container[] = [{ name: 'app' }], namespace = 'default'): SnapshotPod {
  return { ref: { kind: 'Pod', namespace, name }, labels, spec: { containers }, pod: { metadata: { name, namespace, labels }, spec: { containers } } };
}

/** A manifest snapshot of these Services, workloads and Pods. */
export function snapshotOf(parts: { services?: ReturnType<typeof service>[]; workloads?: WorkloadEntry[]; pods?: SnapshotPod[] }): Snapshot {
  const snapshot = emptySnapshot('manifests');
  snapshot.services.push(...(parts.services ?? []));
  for (const workload of parts.workloads ?? []) {
    snapshot.workloads.push(workload);
    snapshot.pods.push(templatePodOf(workload));
  }
  snapshot.pods.push(...(parts.pods ?? []));
  return snapshot;
}
