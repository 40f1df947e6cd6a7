/**
 * truncateEndpoints (endpoints_controller.go): an Endpoints object holds at most 1000 addresses; beyond
 * that the controller keeps a proportional share of each subset, ready addresses first.
 */
import type { EndpointSubset } from '../kubernetes-types.js';

/** The Endpoints controller's capacity (maxCapacity). */
export const MAX_ENDPOINTS_ADDRESSES = 1000;

/**
 * Truncates repacked subsets to the capacity. Which addresses survive follows the subset order given
 * (Go orders subsets by object hash, so for several subsets the split is best effort) and, inside a
 * subset, the address order (sorted by IP text, as Go's SortSubsets does).
 */
export function truncateSubsets(
  subsets: readonly EndpointSubset[],
  capacity: number = MAX_ENDPOINTS_ADDRESSES,
): { subsets: EndpointSubset[]; truncated: boolean } {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const subset of subsets) {
    totalReady += subset.addresses?.length ?? 0;
    totalNotReady += subset.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= capacity) return { subsets: [...subsets], truncated: false };

  const truncateReady = totalReady > capacity;
  const max = truncateReady ? capacity : capacity - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  const result = subsets.map((original) => {
    const subset: EndpointSubset = { ...original };
    const inSubset = truncateReady ? (subset.addresses?.length ?? 0) : (subset.notReadyAddresses?.length ?? 0);
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      subset.addresses = (subset.addresses ?? []).slice(0, toBeAdded);
      delete subset.notReadyAddresses;
      canBeAdded -= subset.addresses.length;
    } else {
      subset.notReadyAddresses = (subset.notReadyAddresses ?? []).slice(0, toBeAdded);
      canBeAdded -= subset.notReadyAddresses.length;
    }
    return subset;
  });
  return { subsets: result, truncated: true };
}
