import type { EndpointSlice, Endpoints, LabelMap, Node, Service } from './kubernetes-types.js';
import { ANY_NAMESPACE, LabelIndex, type LabelKeyPostings } from './label-index.js';
import { LABEL_SERVICE_NAME } from './predict/service-facts.js';
import type { SimilarValueIndex } from './similar-values.js';
import type { Entry, ObjectRef, Snapshot, SnapshotPod, WorkloadEntry } from './snapshot.js';

/** Lookups the checks share, built once per analysis so that no check scans the whole snapshot. */
export interface SnapshotIndex {
  /** Selectable objects (Pods and pod templates) by label pair within each namespace. */
  podLabels: LabelIndex<SnapshotPod>;
  /** Selectable objects by label pair across namespaces (ANY_NAMESPACE); built on first use (only Services that match nothing need it). */
  podLabelsAnyNamespace?: LabelIndex<SnapshotPod>;
  /** For one label key in one namespace, an index of its values for finding look-alike values; filled on first use. */
  similarValues: Map<LabelKeyPostings<SnapshotPod>, SimilarValueIndex>;
  podsByNamespace: Map<string, SnapshotPod[]>;
  /** Workloads by their own metadata.labels (not their pod template's). */
  workloadOwnLabels: LabelIndex<WorkloadEntry>;
  workloadsByNamespace: Map<string, WorkloadEntry[]>;
  /** Services by "namespace\0name". */
  servicesByName: Map<string, Entry<Service>>;
  endpointsByName: Map<string, Entry<Endpoints>>;
  /** EndpointSlices by "namespace\0service name" from the kubernetes.io/service-name label. */
  slicesByService: Map<string, Entry<EndpointSlice>[]>;
  nodesByName: Map<string, Entry<Node>>;
  /** The svc-explain/ignore annotation by refKey, for the objects that carry it (suppression). */
  ignoreAnnotations: Map<string, string>;
}

/** The annotation users put on a Service (or workload) to silence checks for it: "id[,id]". */
export const IGNORE_ANNOTATION = 'svc-explain/ignore';

/** Records an object's svc-explain/ignore annotation, if it has one. */
function noteIgnore(index: SnapshotIndex, ref: ObjectRef, annotations: LabelMap | undefined): void {
  if (annotations && Object.hasOwn(annotations, IGNORE_ANNOTATION)) index.ignoreAnnotations.set(refKey(ref), annotations[IGNORE_ANNOTATION]);
}

/** A map key for a namespaced name. */
export function nameKey(namespace: string, name: string): string {
  return `${namespace}\0${name}`;
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

/** Selectable objects by label pair across all namespaces (look up ANY_NAMESPACE), built once on first use. */
export function podLabelsAnyNamespace(index: SnapshotIndex): LabelIndex<SnapshotPod> {
  if (!index.podLabelsAnyNamespace) {
    const labels = new LabelIndex<SnapshotPod>();
    for (const pods of index.podsByNamespace.values()) for (const pod of pods) labels.add(ANY_NAMESPACE, pod.labels, pod);
    index.podLabelsAnyNamespace = labels;
  }
  return index.podLabelsAnyNamespace;
}

/** Builds every index in one pass over the snapshot. */
export function buildIndex(snapshot: Snapshot): SnapshotIndex {
  const index: SnapshotIndex = {
    podLabels: new LabelIndex(),
    similarValues: new Map(),
    podsByNamespace: new Map(),
    workloadOwnLabels: new LabelIndex(),
    workloadsByNamespace: new Map(),
    servicesByName: new Map(),
    endpointsByName: new Map(),
    slicesByService: new Map(),
    nodesByName: new Map(),
    ignoreAnnotations: new Map(),
  };
  for (const pod of snapshot.pods) {
    const namespace = pod.ref.namespace;
    push(index.podsByNamespace, namespace, pod);
    index.podLabels.add(namespace, pod.labels, pod);
  }
  for (const workload of snapshot.workloads) {
    push(index.workloadsByNamespace, workload.ref.namespace, workload);
    index.workloadOwnLabels.add(workload.ref.namespace, workload.object.metadata.labels ?? {}, workload);
    noteIgnore(index, workload.ref, workload.object.metadata.annotations);
  }
  for (const service of snapshot.services) {
    index.servicesByName.set(nameKey(service.ref.namespace, service.ref.name), service);
    noteIgnore(index, service.ref, service.object.metadata.annotations);
  }
  for (const endpoints of snapshot.endpoints) {
    index.endpointsByName.set(nameKey(endpoints.ref.namespace, endpoints.ref.name), endpoints);
  }
  for (const slice of snapshot.endpointSlices) {
    const serviceName = slice.object.metadata.labels?.[LABEL_SERVICE_NAME];
    if (serviceName) push(index.slicesByService, nameKey(slice.ref.namespace, serviceName), slice);
  }
  for (const node of snapshot.nodes) index.nodesByName.set(node.ref.name, node);
  for (const route of [...(snapshot.ingresses ?? []), ...(snapshot.gatewayRoutes ?? [])]) {
    noteIgnore(index, route.ref, route.object.metadata?.annotations);
  }
  for (const monitor of [...(snapshot.serviceMonitors ?? []), ...(snapshot.podMonitors ?? [])]) {
    noteIgnore(index, monitor.ref, monitor.object.metadata.annotations);
  }
  return index;
}
