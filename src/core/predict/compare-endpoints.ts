/**
 * Compares predicted and actual Endpoints objects by content, not layout: each address (IP + target)
 * maps to the ports it serves and whether it is ready on each; how RepackSubsets grouped them and in
 * which order does not matter.
 */
import type { EndpointSubset, Endpoints } from '../kubernetes-types.js';
import { diffMaps, show, unset, type Difference, type DiffOptions } from './difference.js';

const NO_PORTS = '<no ports>';

interface AddressEntry {
  ip: string;
  target?: string;
  hostname?: string;
  nodeName?: string;
  /** port key → ready */
  ports: Map<string, boolean>;
}

function portText(port: NonNullable<EndpointSubset['ports']>[number]): string {
  return `${port.name ?? ''}/${port.protocol || 'TCP'}/${port.port}${port.appProtocol ? `/${port.appProtocol}` : ''}`;
}

function entriesOf(endpoints: Endpoints | null | undefined): Map<string, AddressEntry> {
  const entries = new Map<string, AddressEntry>();
  for (const subset of endpoints?.subsets ?? []) {
    const ports = (subset.ports ?? []).length > 0 ? (subset.ports ?? []).map(portText) : [NO_PORTS];
    const all = [
      ...(subset.addresses ?? []).map((address) => ({ address, ready: true })),
      ...(subset.notReadyAddresses ?? []).map((address) => ({ address, ready: false })),
    ];
    for (const { address, ready } of all) {
      const ref = address.targetRef;
      const target = ref ? `${ref.kind ?? ''} ${ref.name ?? ''}` : undefined;
      const key = `${address.ip}|${target ?? ''}`;
      const entry = entries.get(key) ?? { ip: address.ip, target, hostname: unset(address.hostname), nodeName: unset(address.nodeName), ports: new Map() };
      for (const port of ports) entry.ports.set(port, entry.ports.get(port) === false ? false : ready);
      entries.set(key, entry);
    }
  }
  return entries;
}

const describe = (entry: AddressEntry): string => `address ${entry.ip}${entry.target ? ` (${entry.target})` : ''}`;
const readiness = (ready: boolean | undefined): string | undefined => (ready === undefined ? undefined : ready ? 'ready' : 'not ready');

function compareEntry(want: AddressEntry, got: AddressEntry): Difference[] {
  const differences: Difference[] = [];
  const wantPorts = [...want.ports.keys()].sort();
  const gotPorts = [...got.ports.keys()].sort();
  if (wantPorts.join(',') !== gotPorts.join(',')) {
    differences.push({ kind: 'ports', address: want.ip, expected: wantPorts, actual: gotPorts,
      message: `${describe(want)} ports: expected ${show(wantPorts)}, got ${show(gotPorts)}` });
  }
  for (const port of wantPorts) {
    const gotReady = got.ports.get(port);
    if (gotReady === undefined || gotReady === want.ports.get(port)) continue;
    differences.push({ kind: 'condition', field: 'ready', address: want.ip, expected: readiness(want.ports.get(port)), actual: readiness(gotReady),
      message: `${describe(want)} on ${port}: expected ${readiness(want.ports.get(port))}, got ${readiness(gotReady)}` });
  }
  for (const field of ['hostname', 'nodeName'] as const) {
    if (want[field] === got[field]) continue;
    differences.push({ kind: field === 'hostname' ? 'hostname' : 'node-name', field, address: want.ip, expected: want[field], actual: got[field],
      message: `${describe(want)} ${field}: expected ${show(want[field])}, got ${show(got[field])}` });
  }
  return differences;
}

/** Compares predicted and actual Endpoints of one Service; an empty list means they carry the same addresses. */
export function diffEndpoints(predicted: Endpoints | null | undefined, actual: Endpoints | null | undefined, options: DiffOptions = {}): Difference[] {
  const differences: Difference[] = [];
  const wanted = entriesOf(predicted);
  const got = entriesOf(actual);
  for (const [key, want] of wanted) {
    const match = got.get(key);
    if (match) differences.push(...compareEntry(want, match));
    else differences.push({ kind: 'missing-endpoint', address: want.ip, message: `expected ${describe(want)} on ${show([...want.ports.keys()].sort())}, not found` });
  }
  for (const [key, extra] of got) {
    if (!wanted.has(key)) differences.push({ kind: 'unexpected-endpoint', address: extra.ip, message: `unexpected ${describe(extra)} on ${show([...extra.ports.keys()].sort())}` });
  }
  if (!options.ignoreMetadata && predicted && actual) {
    differences.push(...diffMaps('labels', 'Endpoints', predicted.metadata.labels ?? {}, actual.metadata.labels ?? {}));
    const overCapacity = (e: Endpoints): Record<string, string> => {
      const value = e.metadata.annotations?.['endpoints.kubernetes.io/over-capacity'];
      return value === undefined ? {} : { 'endpoints.kubernetes.io/over-capacity': value };
    };
    differences.push(...diffMaps('annotations', 'Endpoints', overCapacity(predicted), overCapacity(actual)));
  }
  return differences;
}
