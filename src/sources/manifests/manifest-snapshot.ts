import { InputError } from '../../errors.js';
import type { Endpoints, EndpointSlice, Node, Pod, PodDisruptionBudget, PodMonitor, Service, ServiceMonitor, Workload } from '../../core/kubernetes-types.js';
import type { Namespace, NetworkPolicy } from '../../core/network-policy/types.js';
import { emptySnapshot, type ObjectRef, type Snapshot, type SourceLocation } from '../../core/snapshot.js';
import { isWorkloadKind, templatePodOf, toWorkloadEntry } from '../../core/workloads.js';
import { checkManifestShape } from './manifest-shape.js';
import { addRouteObject, isClusterScopedManifestKind } from './route-manifests.js';
import type { ParsedObject } from './parse-manifests.js';

/** A parsed object and the file it came from. */
export interface ManifestObject extends ParsedObject {
  file: string;
  /** Set when the reader has already run checkManifestShape on it. */
  shapeChecked?: boolean;
}

function isKubernetesObject(value: Record<string, unknown>): boolean {
  return typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

/** JSON with sorted keys, so that two definitions differing only in key order compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
}

/** Prometheus-operator monitors are read only in the version the checks know. */
function isMonitoringV1(value: Record<string, unknown>): boolean {
  return value.apiVersion === 'monitoring.coreos.com/v1';
}

/**
 * The objects kubectl apply would leave behind: when one kind/namespace/name is defined several
 * times, the last definition wins. Identical copies get a note; differing ones are recorded in
 * snapshot.redefinitions, which the conflicting-definitions check turns into a warning, so that a
 * verdict that depends on argument order never goes unmentioned.
 */
function lastDefinitions(manifests: ManifestObject[], defaultNamespace: string, snapshot: Snapshot): ManifestObject[] {
  const byIdentity = new Map<string, ManifestObject[]>();
  const unnamed: ManifestObject[] = [];
  for (const manifest of manifests) {
    const metadata = manifest.value.metadata as { name?: unknown; namespace?: unknown } | undefined;
    if (typeof metadata?.name !== 'string' || !metadata.name) {
      unnamed.push(manifest);
      continue;
    }
    const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : defaultNamespace;
    const identity = `${manifest.value.kind} ${namespace}/${metadata.name}`;
    const definitions = byIdentity.get(identity);
    if (definitions) definitions.push(manifest);
    else byIdentity.set(identity, [manifest]);
  }
  for (const [identity, definitions] of byIdentity) {
    if (definitions.length < 2) continue;
    const places = definitions.map((definition) => `${definition.file}:${definition.line}`).join(', ');
    const first = canonical(definitions[0].value);
    if (definitions.every((definition) => canonical(definition.value) === first)) {
      snapshot.notes.push(`${identity} is defined ${definitions.length} times (${places}), identically each time`);
      continue;
    }
    const last = definitions[definitions.length - 1];
    const metadata = last.value.metadata as { name: string; namespace?: unknown };
    const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : defaultNamespace;
    (snapshot.redefinitions ??= []).push({
      ref: { kind: String(last.value.kind), namespace: last.value.kind === 'Node' || isClusterScopedManifestKind(String(last.value.kind)) ? '' : namespace, name: metadata.name },
      locations: definitions.map((definition) => ({ file: definition.file, line: definition.line })),
    });
  }
  return [...[...byIdentity.values()].map((definitions) => definitions[definitions.length - 1]), ...unnamed];
}

/**
 * Sorts manifest objects into a Snapshot: workloads become pod templates that remember their
 * workload, replicas and file:line. Objects that are not Kubernetes objects (no apiVersion and
 * kind) are skipped; if nothing is left, that is an input error.
 */
export function buildManifestSnapshot(objects: ManifestObject[], defaultNamespace: string, inputFiles: string[] = [], errors?: string[]): Snapshot {
  const snapshot = emptySnapshot('manifests');
  const manifests: ManifestObject[] = [];
  for (const object of objects) {
    const problem = apiVersionProblem(object);
    if (problem && errors) errors.push(problem);
    else if (problem) throw new InputError(problem);
    else if (isKubernetesObject(object.value)) manifests.push(object);
  }
  if (manifests.length === 0 && errors && errors.length > 0) return snapshot;
  if (manifests.length === 0) {
    const files = [...new Set([...inputFiles, ...objects.map((object) => object.file)])];
    const where = files.length === 0 ? 'the input' : files.length <= 3 ? files.join(', ') : `${files.length} files`;
    throw new InputError(`no Kubernetes objects found in ${where} (documents need apiVersion and kind)`);
  }
  for (const manifest of lastDefinitions(manifests, defaultNamespace, snapshot)) {
    try {
      addObject(snapshot, manifest, defaultNamespace);
    } catch (error) {
      if (!(error instanceof InputError) || !errors) throw error;
      errors.push(error.message);
    }
  }
  return snapshot;
}

/** An object with apiVersion and kind of which one is not a string: Kubernetes refuses it, so it is not skipped silently. */
function apiVersionProblem({ value, file, line }: ManifestObject): string | undefined {
  const both = value.apiVersion !== undefined && value.apiVersion !== null && value.kind !== undefined && value.kind !== null;
  if (!both || isKubernetesObject(value)) return undefined;
  const field = typeof value.apiVersion !== 'string' ? 'apiVersion' : 'kind';
  const given = value[field];
  const scalar = typeof given === 'number' || typeof given === 'boolean';
  return `${file}:${line}: ${field} must be a string, not ${scalar ? `the ${typeof given} ${String(given)}: quote it` : Array.isArray(given) ? 'a list' : 'a mapping'}`;
}

function addObject(snapshot: Snapshot, manifest: ManifestObject, defaultNamespace: string): void {
  {
    const { value, line, file } = manifest;
    const kind = value.kind as string;
    const where = `${file}:${line}`;
    if (!manifest.shapeChecked) checkManifestShape(value, kind, `${where}: ${kind}`, manifest.spellingAt);
    const metadata = (value.metadata ?? {}) as { name?: unknown; generateName?: unknown; namespace?: unknown };
    for (const field of ['name', 'generateName', 'namespace'] as const) {
      const given = metadata[field];
      if (given !== undefined && given !== null && typeof given !== 'string') {
        const actual = Array.isArray(given) ? 'a list' : typeof given === 'object' ? 'a mapping' : `the ${typeof given} ${String(given)}`;
        throw new InputError(`${where}: ${kind}: metadata.${field} must be a string, not ${actual}`);
      }
    }
    const name = typeof metadata.name === 'string' && metadata.name ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}*` : '';
    if (!name && ['Service', 'Pod', 'Endpoints', ...(isWorkloadKind(kind) ? [kind] : [])].includes(kind)) {
      throw new InputError(`${where}: ${kind} has no metadata.name`);
    }
    const namespace = kind === 'Node' || kind === 'Namespace' || isClusterScopedManifestKind(kind) ? '' : typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : defaultNamespace;
    const object = { ...value, metadata: { ...(value.metadata as object), name, ...(namespace ? { namespace } : {}) } };
    const ref: ObjectRef = { kind, namespace, name };
    const location: SourceLocation = { file, line };
    if (kind === 'Service') snapshot.services.push({ object: object as unknown as Service, ref, location });
    else if (kind === 'Endpoints') snapshot.endpoints.push({ object: object as unknown as Endpoints, ref, location });
    else if (kind === 'EndpointSlice') snapshot.endpointSlices.push({ object: object as unknown as EndpointSlice, ref, location });
    else if (kind === 'Node') snapshot.nodes.push({ object: object as unknown as Node, ref, location });
    else if (kind === 'NetworkPolicy') snapshot.networkPolicies.push({ object: object as unknown as NetworkPolicy, ref, location });
    else if (kind === 'Namespace') snapshot.namespaces.push({ object: object as unknown as Namespace, ref, location });
    else if (kind === 'ServiceMonitor' && isMonitoringV1(value)) (snapshot.serviceMonitors ??= []).push({ object: object as unknown as ServiceMonitor, ref, location });
    else if (kind === 'PodMonitor' && isMonitoringV1(value)) (snapshot.podMonitors ??= []).push({ object: object as unknown as PodMonitor, ref, location });
    else if (kind === 'PodDisruptionBudget') (snapshot.podDisruptionBudgets ??= []).push({ object: object as unknown as PodDisruptionBudget, ref, location });
    else if (addRouteObject(snapshot, object, ref, location)) return;
    else if (kind === 'Pod') {
      const pod = object as unknown as Pod;
      snapshot.pods.push({ ref, labels: pod.metadata.labels ?? {}, spec: pod.spec ?? {}, pod, location });
    } else if (isWorkloadKind(kind)) {
      const entry = toWorkloadEntry(object as unknown as Workload, ref, location);
      snapshot.workloads.push(entry);
      snapshot.pods.push(templatePodOf(entry));
    }
  }
}
