/**
 * RepackSubsets (pkg/api/v1/endpoints/util.go): the canonical Endpoints layout where ports whose address
 * sets are identical share a subset. Both the Endpoints controller and the mirroring controller run it.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../kubernetes-types.js';

interface PortEntry {
  port: EndpointPort | null;
  /** address key → ready; "not ready" wins when an address is seen both ways for one port. */
  addresses: Map<string, boolean>;
  /** True while `addresses` is the map of the one subset the port came from, shared with its other ports. */
  shared: boolean;
  /** The subsets (by index) the port came from: ports with the same list got the same addresses. */
  from: string;
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
  subsets.forEach((subset, index) => {
    // The subset's addresses once, "not ready" winning; a port's entry shares this map until a second
    // subset adds to it (a subset may list thousands of ports over thousands of addresses).
    const own = new Map<string, boolean>();
    const add = (address: EndpointAddress, ready: boolean) => {
      const key = addressKey(address);
      if (!allAddresses.has(key)) allAddresses.set(key, address);
      if (own.get(key) !== false) own.set(key, ready);
    };
    for (const address of subset.addresses ?? []) add(address, true);
    for (const address of subset.notReadyAddresses ?? []) add(address, false);
    const ports: (EndpointPort | null)[] = subset.ports && subset.ports.length > 0 ? subset.ports : [null];
    for (const port of ports) {
      const key = portKey(port);
      const entry = byPort.get(key);
      if (!entry) {
        byPort.set(key, { port, addresses: own, shared: true, from: `${index},` });
        continue;
      }
      if (entry.shared) {
        entry.addresses = new Map(entry.addresses);
        entry.shared = false;
      }
      for (const [address, ready] of own) if (entry.addresses.get(address) !== false) entry.addresses.set(address, ready);
      entry.from += `${index},`;
    }
  });

  // Ports fed by the same subsets hold the same addresses: their set's text is built once (a subset
  // may list thousands of ports and addresses).
  const setKeys = new Map<string, string>();
  const bySet = new Map<string, { addresses: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const entry of byPort.values()) {
    let setKey = setKeys.get(entry.from);
    if (setKey === undefined) {
      setKey = [...entry.addresses.entries()].map(([k, ready]) => `${k}=${ready}`).sort().join('\n');
      setKeys.set(entry.from, setKey);
    }
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
