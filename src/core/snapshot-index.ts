import type { EndpointSlice, Endpoints, LabelMap, Node, Service } from './kubernetes-types.js';
import { LABEL_SERVICE_NAME } from './predict/service-facts.js';
import type { SimilarValueIndex } from './similar-values.js';
import type { Entry, ObjectRef, Snapshot, SnapshotPod, WorkloadEntry } from './snapshot.js';

/** Lookups the checks share, built once per analysis so that no check scans the whole snapshot. */
export interface SnapshotIndex {
  /** Selectable objects by "namespace\0key\0value". */
  podsByLabel: Map<string, SnapshotPod[]>;
  /** Selectable objects by "key\0value", across namespaces; built on first use (only Services that match nothing need it). */
  podsByLabelAnyNamespace?: Map<string, SnapshotPod[]>;
  /** Selectable objects by "namespace\0key", whatever the value. */
  podsByLabelKey: Map<string, SnapshotPod[]>;
  /** Per "namespace\0key", an index of its values for finding look-alike values; filled on first use. */
  similarValues: Map<string, SimilarValueIndex>;
  /** The label keys used on selectable objects in each namespace. */
  labelKeysByNamespace: Map<string, Set<string>>;
  podsByNamespace: Map<string, SnapshotPod[]>;
  /** Workloads by a pair of their own metadata.labels: "namespace\0key\0value". */
  workloadsByOwnLabel: Map<string, WorkloadEntry[]>;
  workloadsByNamespace: Map<string, WorkloadEntry[]>;
  /** Services by "namespace\0name". */
  servicesByName: Map<string, Entry<Service>>;
  endpointsByName: Map<string, Entry<Endpoints>>;
  /** EndpointSlices by "namespace\0service name" from the kubernetes.io/service-name label. */
  slicesByService: Map<string, Entry<EndpointSlice>[]>;
  nodesByName: Map<string, Entry<Node>>;
  /** Annotations of Services and workloads by refKey, for suppression. */
  annotationsByRef: Map<string, LabelMap>;
}

/** A map key for a namespaced name. */
export function nameKey(namespace: string, name: string): string {
  return `${namespace}\0${name}`;
}

/** A map key for one label pair, optionally within a namespace. */
export function labelKey(namespace: string | null, key: string, value: string): string {
  return namespace === null ? `${key}\0${value}` : `${namespace}\0${key}\0${value}`;
}

/** A map key that identifies an object. */
export function refKey(ref: ObjectRef): string {
  return `${ref.kind}\0${ref.namespace}\0${ref.name}`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Selectable objects by label pair across all namespaces, built once on first use. */
export function podsByLabelAnyNamespace(index: SnapshotIndex): Map<string, SnapshotPod[]> {
  if (!index.podsByLabelAnyNamespace) {
    const byPair = new Map<string, SnapshotPod[]>();
    for (const pods of index.podsByNamespace.values()) {
      for (const pod of pods) for (const [key, value] of Object.entries(pod.labels)) push(byPair, labelKey(null, key, value), pod);
    }
    index.podsByLabelAnyNamespace = byPair;
  }
  return index.podsByLabelAnyNamespace;
}

/** Builds every index in one pass over the snapshot. */
export function buildIndex(snapshot: Snapshot): SnapshotIndex {
  const index: SnapshotIndex = {
    podsByLabel: new Map(),
    podsByLabelKey: new Map(),
    similarValues: new Map(),
    labelKeysByNamespace: new Map(),
    podsByNamespace: new Map(),
    workloadsByOwnLabel: new Map(),
    workloadsByNamespace: new Map(),
    servicesByName: new Map(),
    endpointsByName: new Map(),
    slicesByService: new Map(),
    nodesByName: new Map(),
    annotationsByRef: new Map(),
  };
  for (const pod of snapshot.pods) {
    const namespace = pod.ref.namespace;
    push(index.podsByNamespace, namespace, pod);
    let keys = index.labelKeysByNamespace.get(namespace);
    if (!keys) index.labelKeysByNamespace.set(namespace, (keys = new Set()));
    for (const [key, value] of Object.entries(pod.labels)) {
      push(index.podsByLabel, labelKey(namespace, key, value), pod);
      push(index.podsByLabelKey, nameKey(namespace, key), pod);
      keys.add(key);
    }
  }
  for (const workload of snapshot.workloads) {
    push(index.workloadsByNamespace, workload.ref.namespace, workload);
    for (const [key, value] of Object.entries(workload.object.metadata.labels ?? {})) {
      push(index.workloadsByOwnLabel, labelKey(workload.ref.namespace, key, value), workload);
    }
    index.annotationsByRef.set(refKey(workload.ref), workload.object.metadata.annotations ?? {});
  }
  for (const service of snapshot.services) {
    index.servicesByName.set(nameKey(service.ref.namespace, service.ref.name), service);
    index.annotationsByRef.set(refKey(service.ref), service.object.metadata.annotations ?? {});
  }
  for (const endpoints of snapshot.endpoints) {
    index.endpointsByName.set(nameKey(endpoints.ref.namespace, endpoints.ref.name), endpoints);
  }
  for (const slice of snapshot.endpointSlices) {
    const serviceName = slice.object.metadata.labels?.[LABEL_SERVICE_NAME];
    if (serviceName) push(index.slicesByService, nameKey(slice.ref.namespace, serviceName), slice);
  }
  for (const node of snapshot.nodes) index.nodesByName.set(node.ref.name, node);
  return index;
}
