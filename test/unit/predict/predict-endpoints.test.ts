import { describe, it, expect } from 'vitest';
import { predictEndpoints } from '../../../src/core/predict/predict-endpoints.js';
import { repackSubsets } from '../../../src/core/predict/repack-subsets.js';
import { truncateSubsets } from '../../../src/core/predict/truncate-endpoints.js';
import type { EndpointSubset } from '../../../src/core/kubernetes-types.js';
import { pod, port, service } from './builders.js';

/** "ready:[ips] notReady:[ips] ports:[name/port]" per subset, sorted. */
function layout(subsets: EndpointSubset[]): string[] {
  return subsets.map((s) => {
    const ready = (s.addresses ?? []).map((a) => a.ip).join(',');
    const notReady = (s.notReadyAddresses ?? []).map((a) => a.ip).join(',');
    const ports = (s.ports ?? []).map((p) => `${p.name}/${p.port}`).sort().join(',');
    return `R[${ready}] N[${notReady}] P[${ports}]`;
  }).sort();
}

const httpAndMetrics = { name: 'c', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] };
const twoPorts = service({ ports: [port('http', 80, 'http'), port('metrics', 9100, 'metrics')] });

describe('predictEndpoints', () => {
  it.each([
    ['ready and not ready', service(), [pod('a', { ip: '10.0.0.1' }), pod('b', { ip: '10.0.0.2', ready: false })],
      ['R[10.0.0.1] N[10.0.0.2] P[http/8080]']],
    ['terminating pods are dropped', service(), [pod('a', { ip: '10.0.0.1', deleting: true })], []],
    ['publishNotReadyAddresses keeps terminating and not-ready as ready', service({ publishNotReadyAddresses: true }),
      [pod('a', { ip: '10.0.0.1', deleting: true, ready: false })], ['R[10.0.0.1] N[] P[http/8080]']],
    ['spec example: A and B serve http, only A metrics', twoPorts,
      [pod('a', { ip: '10.0.0.1', containers: [httpAndMetrics] }), pod('b', { ip: '10.0.0.2' })],
      ['R[10.0.0.1,10.0.0.2] N[] P[http/8080]', 'R[10.0.0.1] N[] P[metrics/9100]']],
    ['identical address sets share one subset', twoPorts,
      [pod('a', { ip: '10.0.0.1', containers: [httpAndMetrics] }), pod('b', { ip: '10.0.0.2', containers: [httpAndMetrics] })],
      ['R[10.0.0.1,10.0.0.2] N[] P[http/8080,metrics/9100]']],
    ['pod without any resolvable port is absent', service(), [pod('a', { ip: '10.0.0.1', containers: [{ name: 'c' }] })], []],
    ['headless without ports: subsets without ports', service({ clusterIP: 'None', ports: [] }), [pod('a', { ip: '10.0.0.1' })], ['R[10.0.0.1] N[] P[]']],
    ['ClusterIP without ports: nothing', service({ ports: [] }), [pod('a', { ip: '10.0.0.1' })], []],
    ['ipFamilies[0] picks the address', service({ ipFamilies: ['IPv6', 'IPv4'], clusterIP: 'fd00::10' }), [pod('a', { ip: ['10.0.0.1', 'fd00::1'] })], ['R[fd00::1] N[] P[http/8080]']],
    // podToEndpointAddressForService: ParseIPSloppy(podIP).String(), so non-canonical Pod IPs are published canonical.
    ['IPv6 Pod IP re-stringified', service({ ipFamilies: ['IPv6', 'IPv4'], clusterIP: 'fd00::10' }), [pod('a', { ip: ['10.0.0.1', 'fd00:10:244::0'] })], ['R[fd00:10:244::] N[] P[http/8080]']],
    ['IPv4 Pod IP with leading zeros re-stringified', service(), [pod('a', { ip: '10.0.0.010' })], ['R[10.0.0.10] N[] P[http/8080]']],
  ])('%s', (_title, svc, pods, expected) => {
    const prediction = predictEndpoints({ service: svc, pods });
    expect(layout(prediction.endpoints?.subsets ?? [])).toEqual(expected);
  });

  it('labels: service labels, headless label, managed-by; no owner', () => {
    const svc = service({ clusterIP: 'None' }, 'web', { labels: { team: 'x' } });
    const { endpoints } = predictEndpoints({ service: svc, pods: [] });
    expect(endpoints?.metadata).toEqual({
      name: 'web', namespace: 'default',
      labels: { team: 'x', 'service.kubernetes.io/headless': '', 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' },
    });
  });

  it('does not manage selectorless Services', () => {
    expect(predictEndpoints({ service: service({ selector: null }), pods: [] })).toMatchObject({ managed: false, endpoints: null });
  });

  it('truncates at 1000 addresses and annotates', () => {
    const pods = Array.from({ length: 1005 }, (_, i) => pod(`p${i}`, { ip: `10.0.${Math.floor(i / 250)}.${i % 250}` }));
    const prediction = predictEndpoints({ service: service(), pods });
    expect(prediction.truncated).toBe(true);
    expect(prediction.endpoints?.subsets?.[0].addresses).toHaveLength(1000);
    expect(prediction.endpoints?.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/over-capacity': 'truncated' });
  });
});

describe('repackSubsets', () => {
  const a = { ip: '10.0.0.1', targetRef: { uid: 'a' } };
  const b = { ip: '10.0.0.2', targetRef: { uid: 'b' } };
  it.each([
    ['merges ports with the same addresses', [{ addresses: [a], ports: [{ name: 'x', port: 1 }] }, { addresses: [a], ports: [{ name: 'y', port: 2 }] }], ['R[10.0.0.1] N[] P[x/1,y/2]']],
    ['not ready wins for the same port', [{ addresses: [a], ports: [{ name: 'x', port: 1 }] }, { notReadyAddresses: [a], ports: [{ name: 'x', port: 1 }] }], ['R[] N[10.0.0.1] P[x/1]']],
    ['not ready wins whichever comes first', [{ notReadyAddresses: [a], ports: [{ name: 'x', port: 1 }] }, { addresses: [a], ports: [{ name: 'x', port: 1 }] }], ['R[] N[10.0.0.1] P[x/1]']],
    ['different readiness means different subsets', [{ addresses: [a, b], ports: [{ name: 'x', port: 1 }] }, { addresses: [a], notReadyAddresses: [b], ports: [{ name: 'y', port: 2 }] }], ['R[10.0.0.1,10.0.0.2] N[] P[x/1]', 'R[10.0.0.1] N[10.0.0.2] P[y/2]']],
    ['portless subsets kept', [{ addresses: [b, a] }], ['R[10.0.0.1,10.0.0.2] N[] P[]']],
    // The subsets' maps are shared by their ports until a second subset adds to one: the others keep theirs.
    ['a port two subsets share parts from its subset-mates', [{ addresses: [a], ports: [{ name: 'x', port: 1 }, { name: 'y', port: 2 }] }, { addresses: [b], notReadyAddresses: [a], ports: [{ name: 'x', port: 1 }] }], ['R[10.0.0.1] N[] P[y/2]', 'R[10.0.0.2] N[10.0.0.1] P[x/1]']],
    ['the same port twice in one subset', [{ addresses: [a], ports: [{ name: 'x', port: 1 }, { name: 'x', port: 1 }, { name: 'y', port: 2 }] }], ['R[10.0.0.1] N[] P[x/1,y/2]']],
  ])('%s', (_title, subsets, expected) => {
    expect(layout(repackSubsets(subsets))).toEqual(expected);
  });
});

describe('truncateSubsets', () => {
  const addresses = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ ip: `${prefix}.${i}` }));
  it('keeps ready first and trims not-ready to the remaining room', () => {
    const { subsets, truncated } = truncateSubsets([{ addresses: addresses(6, '1'), notReadyAddresses: addresses(6, '2') }], 10);
    expect(truncated).toBe(true);
    expect(subsets[0].addresses).toHaveLength(6);
    expect(subsets[0].notReadyAddresses).toHaveLength(4);
  });
  it('splits by proportion, rounding up, when ready alone is over capacity', () => {
    const { subsets } = truncateSubsets([{ addresses: addresses(9, '1') }, { addresses: addresses(3, '2'), notReadyAddresses: addresses(2, '3') }], 10);
    expect(subsets.map((s) => [s.addresses?.length, s.notReadyAddresses?.length ?? 0])).toEqual([[8, 0], [2, 0]]);
  });
  it('leaves subsets under capacity alone', () => {
    expect(truncateSubsets([{ addresses: addresses(3, '1') }], 10).truncated).toBe(false);
  });
});
