import { InputError } from '../../errors.js';
import type { Endpoints, EndpointSlice, Node, Pod, Service, Workload } from '../../core/kubernetes-types.js';
import type { Namespace, NetworkPolicy } from '../../core/network-policy/types.js';
import { emptySnapshot, type ObjectRef, type Snapshot, type SourceLocation } from '../../core/snapshot.js';
import { isWorkloadKind, templatePodOf, toWorkloadEntry } from '../../core/workloads.js';
import { checkManifestShape } from './manifest-shape.js';
import type { ParsedObject } from './parse-manifests.js';

/** A parsed object and the file it came from. */
export interface ManifestObject extends ParsedObject {
  file: string;
}

function isKubernetesObject(value: Record<string, unknown>): boolean {
  return typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

/**
 * The objects kubectl apply would leave behind: when one kind/namespace/name is defined several
 * times, the last definition wins, and a note names every place it was defined.
 */
function lastDefinitions(manifests: ManifestObject[], defaultNamespace: string, notes: string[]): ManifestObject[] {
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
    notes.push(`${identity} is defined ${definitions.length} times (${places}); the last definition is analysed, as kubectl apply would leave it`);
  }
  return [...[...byIdentity.values()].map((definitions) => definitions[definitions.length - 1]), ...unnamed];
}

/**
 * Sorts manifest objects into a Snapshot: workloads become pod templates that remember their
 * workload, replicas and file:line. Objects that are not Kubernetes objects (no apiVersion and
 * kind) are skipped; if nothing is left, that is an input error.
 */
export function buildManifestSnapshot(objects: ManifestObject[], defaultNamespace: string, inputFiles: string[] = []): Snapshot {
  const snapshot = emptySnapshot('manifests');
  const manifests = objects.filter((object) => isKubernetesObject(object.value));
  if (manifests.length === 0) {
    const files = [...new Set([...inputFiles, ...objects.map((object) => object.file)])];
    const where = files.length === 0 ? 'the input' : files.length <= 3 ? files.join(', ') : `${files.length} files`;
    throw new InputError(`no Kubernetes objects found in ${where} (documents need apiVersion and kind)`);
  }
  for (const { value, line, file } of lastDefinitions(manifests, defaultNamespace, snapshot.notes)) {
    const kind = value.kind as string;
    const where = `${file}:${line}`;
    checkManifestShape(value, kind, `${where}: ${kind}`);
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
    const namespace = kind === 'Node' || kind === 'Namespace' ? '' : typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : defaultNamespace;
    const object = { ...value, metadata: { ...(value.metadata as object), name, ...(namespace ? { namespace } : {}) } };
    const ref: ObjectRef = { kind, namespace, name };
    const location: SourceLocation = { file, line };
    if (kind === 'Service') snapshot.services.push({ object: object as unknown as Service, ref, location });
    else if (kind === 'Endpoints') snapshot.endpoints.push({ object: object as unknown as Endpoints, ref, location });
    else if (kind === 'EndpointSlice') snapshot.endpointSlices.push({ object: object as unknown as EndpointSlice, ref, location });
    else if (kind === 'Node') snapshot.nodes.push({ object: object as unknown as Node, ref, location });
    else if (kind === 'NetworkPolicy') snapshot.networkPolicies.push({ object: object as unknown as NetworkPolicy, ref, location });
    else if (kind === 'Namespace') snapshot.namespaces.push({ object: object as unknown as Namespace, ref, location });
    else if (kind === 'Pod') {
      const pod = object as unknown as Pod;
      snapshot.pods.push({ ref, labels: pod.metadata.labels ?? {}, spec: pod.spec ?? {}, pod, location });
    } else if (isWorkloadKind(kind)) {
      const entry = toWorkloadEntry(object as unknown as Workload, ref, location);
      snapshot.workloads.push(entry);
      snapshot.pods.push(templatePodOf(entry));
    }
  }
  return snapshot;
}
