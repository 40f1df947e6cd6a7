/**
 * RepackSubsets (pkg/api/v1/endpoints/util.go): the canonical Endpoints layout where ports whose address
 * sets are identical share a subset. Both the Endpoints controller and the mirroring controller run it.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../kubernetes-types.js';

interface PortEntry {
  port: EndpointPort | null;
  /** address key → ready; "not ready" wins when an address is seen both ways for one port. */
  addresses: Map<string, boolean>;
}

function addressKey(address: EndpointAddress): string {
  return `${address.ip}\u0000${address.targetRef?.uid ?? ''}`;
}

function portKey(port: EndpointPort | null): string {
  if (!port) return '\u0000sentinel';
  return `${port.name ?? ''}/${port.port}/${port.protocol || 'TCP'}/${port.appProtocol ?? ''}`;
}

/** LessEndpointAddress: by IP text bytes, then targetRef uid. */
export function compareEndpointAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const left = a.targetRef?.uid ?? '';
  const right = b.targetRef?.uid ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Regroups subsets so each port lists exactly the addresses that serve it. Subsets without ports keep
 * their addresses under a sentinel, as in Go. Subset and port order follow a stable text sort here
 * (Go sorts them by an object hash, which is not meaningful): compare the result as sets.
 */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const allAddresses = new Map<string, EndpointAddress>();
  const byPort = new Map<string, PortEntry>();
  const record = (address: EndpointAddress, port: EndpointPort | null, ready: boolean): void => {
    const key = addressKey(address);
    if (!allAddresses.has(key)) allAddresses.set(key, address);
    const entry = byPort.get(portKey(port)) ?? { port, addresses: new Map<string, boolean>() };
    byPort.set(portKey(port), entry);
    const previous = entry.addresses.get(key);
    if (previous === undefined || previous) entry.addresses.set(key, ready);
  };
  for (const subset of subsets) {
    const ports: (EndpointPort | null)[] = subset.ports && subset.ports.length > 0 ? subset.ports : [null];
    for (const port of ports) {
      for (const address of subset.addresses ?? []) record(address, port, true);
      for (const address of subset.notReadyAddresses ?? []) record(address, port, false);
    }
  }

  const bySet = new Map<string, { addresses: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const entry of byPort.values()) {
    const setKey = [...entry.addresses.entries()].map(([k, ready]) => `${k}=${ready}`).sort().join('\n');
    const group = bySet.get(setKey) ?? { addresses: entry.addresses, ports: [] };
    if (entry.port) group.ports.push(entry.port);
    bySet.set(setKey, group);
  }

  const result: EndpointSubset[] = [];
  for (const group of bySet.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [key, isReady] of group.addresses) (isReady ? ready : notReady).push(allAddresses.get(key)!);
    const subset: EndpointSubset = {};
    if (ready.length > 0) subset.addresses = ready.sort(compareEndpointAddresses);
    if (notReady.length > 0) subset.notReadyAddresses = notReady.sort(compareEndpointAddresses);
    if (group.ports.length > 0) subset.ports = group.ports.sort((a, b) => (portKey(a) < portKey(b) ? -1 : 1));
    result.push(subset);
  }
  return result.sort((a, b) => (subsetSortKey(a) < subsetSortKey(b) ? -1 : 1));
}

function subsetSortKey(subset: EndpointSubset): string {
  return (subset.ports ?? []).map(portKey).join(',') + '|' + (subset.addresses?.[0]?.ip ?? subset.notReadyAddresses?.[0]?.ip ?? '');
}
