/**
 * Compares predicted and actual EndpointSlices as sets: how endpoints are split into slices and their
 * order carry no meaning, so both sides become a multiset of endpoint tuples keyed by address type and
 * address, carrying their port set, conditions, hostname, node, zone, target and hints.
 */
import type { EndpointSlice } from '../kubernetes-types.js';
import { diffMaps, show, unset, type Difference, type DiffOptions } from './difference.js';
import { portSetKey } from './slice-endpoint.js';

interface Tuple {
  addressType: string;
  address: string;
  ports: string;
  fields: Record<string, string | boolean | undefined>;
}

const FIELD_KIND: Record<string, Difference['kind']> = {
  ready: 'condition', serving: 'condition', terminating: 'condition', hostname: 'hostname',
  nodeName: 'node-name', zone: 'zone', targetRef: 'target-ref', hints: 'hints',
};

function tuplesOf(slices: readonly EndpointSlice[], options: DiffOptions): Tuple[] {
  const tuples: Tuple[] = [];
  for (const slice of slices) {
    const ports = portSetKey(slice.ports);
    for (const endpoint of slice.endpoints ?? []) {
      const ref = endpoint.targetRef;
      const hints = endpoint.hints;
      const hintText = [...(hints?.forZones ?? []).map((z) => `zone=${z.name}`), ...(hints?.forNodes ?? []).map((n) => `node=${n.name}`)].sort().join(',');
      const fields: Tuple['fields'] = {
        ready: unset(endpoint.conditions?.ready), serving: unset(endpoint.conditions?.serving),
        terminating: unset(endpoint.conditions?.terminating), hostname: unset(endpoint.hostname),
        nodeName: unset(endpoint.nodeName), zone: options.ignoreZone ? undefined : unset(endpoint.zone),
        targetRef: ref ? `${ref.kind ?? ''} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name ?? ''}` : undefined,
        hints: options.ignoreHints ? undefined : unset(hintText),
      };
      for (const address of endpoint.addresses ?? []) tuples.push({ addressType: slice.addressType, address, ports, fields });
    }
  }
  return tuples;
}

const fullKey = (t: Tuple): string => JSON.stringify([t.ports, Object.entries(t.fields).sort()]);
const describe = (t: Tuple): string => `${t.addressType} endpoint ${t.address}${t.fields.targetRef ? ` (${t.fields.targetRef})` : ''}`;
const portList = (key: string): string => `[${key.split(',').filter(Boolean).join(', ')}]`;

function fieldDifferences(want: Tuple, got: Tuple): Difference[] {
  const differences: Difference[] = [];
  if (want.ports !== got.ports) {
    differences.push({ kind: 'ports', address: want.address, addressType: want.addressType, expected: want.ports, actual: got.ports,
      message: `${describe(want)} ports: expected ${portList(want.ports)}, got ${portList(got.ports)}` });
  }
  for (const field of Object.keys(FIELD_KIND)) {
    if (want.fields[field] === got.fields[field]) continue;
    differences.push({ kind: FIELD_KIND[field], field, address: want.address, addressType: want.addressType,
      expected: want.fields[field], actual: got.fields[field],
      message: `${describe(want)} ${field}: expected ${show(want.fields[field])}, got ${show(got.fields[field])}` });
  }
  return differences;
}

function takeWhere(list: Tuple[], predicate: (t: Tuple) => boolean): Tuple | undefined {
  const index = list.findIndex(predicate);
  return index < 0 ? undefined : list.splice(index, 1)[0];
}

function diffGroup(wanted: Tuple[], actual: Tuple[]): Difference[] {
  const differences: Difference[] = [];
  const restWanted: Tuple[] = [];
  for (const want of wanted) if (!takeWhere(actual, (got) => fullKey(got) === fullKey(want))) restWanted.push(want);
  const unmatched: Tuple[] = [];
  for (const want of restWanted) {
    const got = takeWhere(actual, (candidate) => candidate.ports === want.ports) ?? actual.shift();
    if (got) differences.push(...fieldDifferences(want, got));
    else unmatched.push(want);
  }
  for (const want of unmatched) {
    differences.push({ kind: 'missing-endpoint', address: want.address, addressType: want.addressType,
      message: `expected ${describe(want)} with ports ${portList(want.ports)}, but no slice has it` });
  }
  for (const got of actual) {
    differences.push({ kind: 'unexpected-endpoint', address: got.address, addressType: got.addressType,
      message: `unexpected ${describe(got)} with ports ${portList(got.ports)}` });
  }
  return differences;
}

function groupBy(tuples: Tuple[]): Map<string, Tuple[]> {
  const groups = new Map<string, Tuple[]>();
  for (const tuple of tuples) {
    const key = `${tuple.addressType}|${tuple.address}`;
    groups.set(key, [...(groups.get(key) ?? []), tuple]);
  }
  return groups;
}

function emptyGroups(slices: readonly EndpointSlice[], others: readonly EndpointSlice[]): string[] {
  const withEndpoints = new Set(slices.filter((s) => (s.endpoints ?? []).length > 0).map((s) => `${s.addressType}|${portSetKey(s.ports)}`));
  const otherKeys = new Set(others.map((s) => `${s.addressType}|${portSetKey(s.ports)}`));
  const keys = slices.map((s) => `${s.addressType}|${portSetKey(s.ports)}`);
  return [...new Set(keys)].filter((key) => !withEndpoints.has(key) && !otherKeys.has(key)).sort();
}

function labelDifferences(predicted: readonly EndpointSlice[], actual: readonly EndpointSlice[]): Difference[] {
  const expected = predicted[0]?.metadata.labels ?? {};
  const seen = new Set<string>();
  const differences: Difference[] = [];
  for (const slice of actual) {
    for (const difference of diffMaps('labels', 'EndpointSlice', expected, slice.metadata.labels ?? {})) {
      if (!seen.has(difference.message)) differences.push(difference);
      seen.add(difference.message);
    }
  }
  return differences;
}

/** Compares predicted and actual slices of one Service; an empty list means they publish the same thing. */
export function diffEndpointSlices(predicted: readonly EndpointSlice[], actual: readonly EndpointSlice[], options: DiffOptions = {}): Difference[] {
  const differences: Difference[] = [];
  const actualGroups = groupBy(tuplesOf(actual, options));
  for (const [key, wanted] of groupBy(tuplesOf(predicted, options))) {
    differences.push(...diffGroup(wanted, actualGroups.get(key) ?? []));
    actualGroups.delete(key);
  }
  for (const rest of actualGroups.values()) differences.push(...diffGroup([], rest));
  for (const key of emptyGroups(predicted, actual)) {
    differences.push({ kind: 'slice-group', expected: key, message: `expected an empty ${key.split('|')[0]} slice with ports ${portList(key.split('|')[1])}, none found` });
  }
  for (const key of emptyGroups(actual, predicted)) {
    differences.push({ kind: 'slice-group', actual: key, message: `unexpected empty ${key.split('|')[0]} slice with ports ${portList(key.split('|')[1])}` });
  }
  if (!options.ignoreMetadata && predicted.length > 0 && actual.length > 0) {
    differences.push(...labelDifferences(predicted, actual));
  }
  return differences;
}
