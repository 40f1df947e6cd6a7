// kube-proxy reads a Service's EndpointSlices from a Go map, in no fixed order. Up to 1.35 (and from 1.36
// for two differing non-terminating copies) the copy of a duplicate IP:port it keeps depends on that
// order; the prediction marks such endpoints (readOrderDecides). There, and only there, the oracle accepts
// the rules of any read order.
import type { EndpointSlice } from '../../../src/core/kubernetes-types.js';
import type { ProxyTargets } from '../../../src/core/predict/proxy-target-types.js';

/** Whether the prediction says the read order decides some backend of this view. */
export function readOrderDecides(view: ProxyTargets): boolean {
  return view.ports.some((port) => port.endpoints.some((e) => e.readOrderDecides));
}

function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [items[i], ...rest];
  }
}

/**
 * The differences for the slices as read back; when there are some and the read order decides, none if
 * some other order of the family's slices (at most 6 of them) gives none.
 */
export function differencesInAnyReadOrder(slices: EndpointSlice[], family: string, decides: boolean, differences: (order: EndpointSlice[]) => string[]): string[] {
  const first = differences(slices);
  const mine = slices.filter((s) => s.addressType === family);
  if (first.length === 0 || !decides || mine.length > 6) return first;
  const others = slices.filter((s) => s.addressType !== family);
  for (const order of permutations(mine)) if (differences([...order, ...others]).length === 0) return [];
  return first;
}
