/**
 * A fast equality test for two sets of EndpointSlices, so that endpoints-drift runs the full,
 * message-building comparison only for the few Services whose slices differ. It is stricter than
 * diffEndpointSlices (it also sees uids, hints and unset-versus-null), never looser: equal content
 * here means the full comparison would find nothing.
 */
import type { EndpointSlice, SliceEndpoint } from '../../kubernetes-types.js';
import { portSetKey } from '../../predict/slice-endpoint.js';

function endpointKey(addressType: string, ports: string, endpoint: SliceEndpoint): string {
  const conditions = endpoint.conditions ?? {};
  const ref = endpoint.targetRef;
  const hints = endpoint.hints;
  return JSON.stringify([
    addressType,
    ports,
    [...(endpoint.addresses ?? [])].sort(),
    conditions.ready,
    conditions.serving,
    conditions.terminating,
    endpoint.hostname,
    endpoint.nodeName,
    endpoint.zone,
    ref ? [ref.kind, ref.namespace, ref.name, ref.uid] : null,
    hints ? [(hints.forZones ?? []).map((zone) => zone.name), (hints.forNodes ?? []).map((node) => node.name)] : null,
  ]);
}

/** Every endpoint with its slice's address type and port set, plus every slice's (address type, port set), in a canonical order. */
function contentOf(slices: readonly EndpointSlice[]): { endpoints: string[]; groups: string[] } {
  const endpoints: string[] = [];
  const groups = new Set<string>();
  for (const slice of slices) {
    const ports = portSetKey(slice.ports);
    groups.add(`${slice.addressType}|${ports}`);
    for (const endpoint of slice.endpoints ?? []) endpoints.push(endpointKey(slice.addressType, ports, endpoint));
  }
  return { endpoints: endpoints.sort(), groups: [...groups].sort() };
}

/** True when both sets publish exactly the same endpoints in the same (address type, port set) groups. */
export function sameSliceContent(predicted: readonly EndpointSlice[], actual: readonly EndpointSlice[]): boolean {
  const left = contentOf(predicted);
  const right = contentOf(actual);
  if (left.endpoints.length !== right.endpoints.length || left.groups.length !== right.groups.length) return false;
  return left.endpoints.every((key, i) => key === right.endpoints[i]) && left.groups.every((key, i) => key === right.groups[i]);
}
