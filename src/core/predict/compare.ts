/**
 * Entry point for comparing what Kubernetes should have generated with what it did: the endpoints-drift
 * check and the integration suite import from here. Both comparisons treat objects as sets.
 */
import type { EndpointSlice } from '../kubernetes-types.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './service-facts.js';

export { diffEndpointSlices } from './compare-slices.js';
export { diffEndpoints } from './compare-endpoints.js';
export type { Difference, DifferenceKind, DiffOptions } from './difference.js';

/** The slices of one Service written by one controller, the set a prediction should be compared with. */
export function slicesOfService(
  slices: readonly EndpointSlice[],
  namespace: string,
  serviceName: string,
  managedBy?: string,
): EndpointSlice[] {
  return slices.filter((slice) => {
    const labels = slice.metadata.labels ?? {};
    if ((slice.metadata.namespace ?? 'default') !== namespace) return false;
    if (labels[LABEL_SERVICE_NAME] !== serviceName) return false;
    return managedBy === undefined || labels[LABEL_MANAGED_BY] === managedBy;
  });
}
