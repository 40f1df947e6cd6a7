/**
 * EndpointSlices kube-proxy reads for a Service that neither endpoint controller maintains: slices of other
 * managers (meshes, multi-cluster controllers, hand-made ones) and mirrored slices whose Endpoints object is
 * gone. kube-proxy merges them with the controllers' own (pkg/proxy/endpointslicecache.go), so they change
 * where traffic goes without showing in the Pods.
 */
import type { CheckContext, ServiceAnalysis } from '../../check.js';
import type { EndpointSlice } from '../../kubernetes-types.js';
import { sliceUsedByKubeProxy } from '../../predict/proxy-endpoints.js';
import { ENDPOINTSLICE_CONTROLLER, LABEL_MANAGED_BY, MIRRORING_CONTROLLER } from '../../predict/service-facts.js';
import { nameKey } from '../../snapshot-index.js';
import { minorNumber } from '../../version/index.js';
import { anyUnavailable, selectedPods } from './live-helpers.js';

/** One slice no controller maintains, and the addresses it adds to what the controllers publish. */
export interface ForeignSlice {
  slice: EndpointSlice;
  /** The managed-by label, or null when unset. */
  managedBy: string | null;
  /** 'foreign': another manager or none; 'leftover-mirror': mirrored from an Endpoints object that no longer exists. */
  kind: 'foreign' | 'leftover-mirror';
  /** Addresses of endpoints kube-proxy may use (not marked not-ready) that no controller slice has. */
  addedAddresses: string[];
  /** The controlling owner reference, "Kind name", when the slice has one. */
  owner: string | null;
}

function usableAddresses(slice: EndpointSlice): string[] {
  return (slice.endpoints ?? []).flatMap((e) => (e.conditions?.ready === false && e.conditions?.serving === false ? [] : e.addresses.slice(0, 1)));
}

function ownerOf(slice: EndpointSlice): string | null {
  const owner = (slice.metadata.ownerReferences ?? []).find((ref) => ref.controller);
  return owner ? `${owner.kind} ${owner.name}` : null;
}

/** The Service's slices that kube-proxy reads but neither endpoint controller maintains. */
export function findForeignSlices(context: Pick<CheckContext, 'snapshot' | 'index'>, analysis: ServiceAnalysis): ForeignSlice[] {
  if (anyUnavailable(context, 'endpointslices')) return [];
  const { namespace, name } = analysis.entry.ref;
  const service = analysis.entry.object;
  const slices = (context.index.slicesByService.get(nameKey(namespace, name)) ?? []).map((entry) => entry.object);
  const endpointsGone = !anyUnavailable(context, 'endpoints') && !context.index.endpointsByName.has(nameKey(namespace, name));
  const kindOf = (slice: EndpointSlice): ForeignSlice['kind'] | null => {
    const managedBy = slice.metadata.labels?.[LABEL_MANAGED_BY];
    if (managedBy === ENDPOINTSLICE_CONTROLLER) return null;
    if (managedBy === MIRRORING_CONTROLLER) return endpointsGone ? 'leftover-mirror' : null;
    return 'foreign';
  };
  const minor = minorNumber(context.snapshot.kubernetesVersion);
  const found = slices.flatMap((slice) => {
    const kind = sliceUsedByKubeProxy(service, slice, minor) ? kindOf(slice) : null;
    return kind ? [{ slice, kind }] : [];
  });
  if (found.length === 0) return [];
  const maintained = new Set(slices.filter((slice) => !found.some((f) => f.slice === slice)).flatMap(usableAddresses));
  return found.map(({ slice, kind }) => ({
    slice,
    kind,
    managedBy: slice.metadata.labels?.[LABEL_MANAGED_BY] ?? null,
    addedAddresses: [...new Set(usableAddresses(slice).filter((address) => !maintained.has(address)))],
    owner: ownerOf(slice),
  }));
}

/** True when the Service has Pods of its own publishing endpoints, so extra backends split its traffic. */
export function hasOwnBackends(analysis: ServiceAnalysis): boolean {
  return Boolean(analysis.selector) && selectedPods(analysis).some((pod) => (pod.status?.podIPs ?? []).length > 0 || Boolean(pod.status?.podIP));
}
