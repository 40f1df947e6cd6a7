import { describe, it, expect } from 'vitest';
import { diffEndpoints, diffEndpointSlices, slicesOfService } from '../../../src/core/predict/compare.js';
import { predictEndpointSlices } from '../../../src/core/predict/predict-endpoint-slices.js';
import type { EndpointSlice } from '../../../src/core/kubernetes-types.js';
import { endpoint, endpointsObject, node, pod, service, slice } from './builders.js';

const http = [{ name: 'http', port: 8080 }];
const a = endpoint('10.0.0.1', { pod: 'a', node: 'node-a' });
const b = endpoint('10.0.0.2', { pod: 'b', node: 'node-a' });
const c = endpoint('10.0.0.3', { pod: 'c', node: 'node-a' });

describe('diffEndpointSlices', () => {
  it('ignores partitioning into slices and endpoint order', () => {
    expect(diffEndpointSlices([slice([a, b, c], http)], [slice([c], http), slice([b, a], http)])).toEqual([]);
  });

  it.each<[string, EndpointSlice[], EndpointSlice[], string[]]>([
    ['missing endpoint', [slice([a, b], http)], [slice([a], http)], ['missing-endpoint']],
    ['unexpected endpoint', [slice([a], http)], [slice([a, b], http)], ['unexpected-endpoint']],
    ['duplicate endpoint is unexpected', [slice([a], http)], [slice([a], http), slice([a], http)], ['unexpected-endpoint']],
    ['ports differ for one endpoint', [slice([a], http)], [slice([a], [{ name: 'http', port: 9090 }])], ['ports']],
    ['ready differs', [slice([a], http)], [slice([{ ...a, conditions: { ready: false, serving: true, terminating: false } }], http)], ['condition']],
    ['serving unset vs false', [slice([a], http)], [slice([{ ...a, conditions: { ready: true, terminating: false } }], http)], ['condition']],
    ['zone differs', [slice([{ ...a, zone: 'z1' }], http)], [slice([{ ...a, zone: 'z2' }], http)], ['zone']],
    ['node differs', [slice([a], http)], [slice([{ ...a, nodeName: 'node-b' }], http)], ['node-name']],
    ['hostname differs', [slice([{ ...a, hostname: 'h' }], http)], [slice([a], http)], ['hostname']],
    ['target differs', [slice([a], http)], [slice([{ ...a, targetRef: { kind: 'Pod', namespace: 'default', name: 'zz' } }], http)], ['target-ref']],
    ['hints differ', [slice([{ ...a, hints: { forZones: [{ name: 'z1' }] } }], http)], [slice([a], http)], ['hints']],
    ['address type differs', [slice([a], http)], [slice([a], http, { addressType: 'IPv6' })], ['missing-endpoint', 'unexpected-endpoint']],
    ['placeholder missing', [slice([], [])], [], ['slice-group']],
    ['stale empty slice', [slice([a], http)], [slice([a], http), slice([], [{ name: 'old', port: 1 }])], ['slice-group']],
    ['label differs', [slice([a], http)], [slice([a], http, { metadata: { labels: { 'kubernetes.io/service-name': 'web' } } })], ['labels']],
  ])('%s', (_title, predicted, actual, kinds) => {
    expect(diffEndpointSlices(predicted, actual).map((d) => d.kind)).toEqual(kinds);
  });

  it('matches endpoints sharing one IP (a reused Pod IP) by their other fields, not by order', () => {
    const oldPod = endpoint('10.0.0.1', { pod: 'old', ready: false, serving: true, terminating: true });
    const newPod = endpoint('10.0.0.1', { pod: 'new' });
    expect(diffEndpointSlices([slice([oldPod, newPod], http)], [slice([newPod], http), slice([oldPod], http)])).toEqual([]);
  });

  it('null and empty values count as unset', () => {
    const withNulls = { ...a, hostname: '', conditions: { ready: true, serving: true, terminating: false } };
    expect(diffEndpointSlices([slice([a], http)], [slice([withNulls], http, { ports: [{ name: 'http', port: 8080 }] })])).toEqual([]);
  });

  it('says what differs in words', () => {
    const [difference] = diffEndpointSlices([slice([a], http)], [slice([{ ...a, conditions: { ready: false, serving: true, terminating: false } }], http)]);
    expect(difference).toMatchObject({ kind: 'condition', field: 'ready', address: '10.0.0.1', expected: true, actual: false });
    expect(difference.message).toBe('IPv4 endpoint 10.0.0.1 (Pod default/a) ready: expected true, got false');
  });

  it('ignoreHints and ignoreMetadata switch those comparisons off', () => {
    const predicted = [slice([{ ...a, hints: { forZones: [{ name: 'z1' }] } }], http)];
    const actual = [slice([a], http, { metadata: { labels: {} } })];
    expect(diffEndpointSlices(predicted, actual, { ignoreHints: true, ignoreMetadata: true })).toEqual([]);
  });

  it('a prediction compares equal to itself re-partitioned', () => {
    const pods = Array.from({ length: 7 }, (_, i) => pod(`p${i}`, { ip: `10.0.0.${i + 1}`, ready: i % 2 === 0 }));
    const svc = service();
    const small = predictEndpointSlices({ service: svc, pods, nodes: [node('node-a')], maxEndpointsPerSlice: 3 }).slices;
    const large = predictEndpointSlices({ service: svc, pods: [...pods].reverse(), nodes: [node('node-a')] }).slices;
    expect(small).toHaveLength(3);
    expect(diffEndpointSlices(small, large)).toEqual([]);
  });

  it('slicesOfService picks one Service and controller', () => {
    const mine = slice([a], http);
    const other = slice([a], http, { metadata: { namespace: 'default', labels: { 'kubernetes.io/service-name': 'other' } } });
    expect(slicesOfService([mine, other], 'default', 'web', 'endpointslice-controller.k8s.io')).toEqual([mine]);
  });
});

describe('diffEndpoints', () => {
  const addr = (ip: string, name: string) => ({ ip, nodeName: 'node-a', targetRef: { kind: 'Pod', namespace: 'default', name } });
  const ports = [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'm', port: 9100, protocol: 'TCP' }];

  it('ignores subset layout and order', () => {
    const packed = endpointsObject([{ addresses: [addr('10.0.0.1', 'a'), addr('10.0.0.2', 'b')], ports }]);
    const split = endpointsObject([{ addresses: [addr('10.0.0.2', 'b'), addr('10.0.0.1', 'a')], ports: [ports[1]] }, { addresses: [addr('10.0.0.1', 'a'), addr('10.0.0.2', 'b')], ports: [ports[0]] }]);
    expect(diffEndpoints(packed, split)).toEqual([]);
  });

  it.each([
    ['missing address', [{ addresses: [addr('10.0.0.1', 'a'), addr('10.0.0.2', 'b')], ports }], [{ addresses: [addr('10.0.0.1', 'a')], ports }], ['missing-endpoint']],
    ['unexpected address', [{ addresses: [addr('10.0.0.1', 'a')], ports }], [{ addresses: [addr('10.0.0.1', 'a'), addr('10.0.0.2', 'b')], ports }], ['unexpected-endpoint']],
    ['ready vs not ready', [{ addresses: [addr('10.0.0.1', 'a')], ports }], [{ notReadyAddresses: [addr('10.0.0.1', 'a')], ports }], ['condition', 'condition']],
    ['fewer ports', [{ addresses: [addr('10.0.0.1', 'a')], ports }], [{ addresses: [addr('10.0.0.1', 'a')], ports: [ports[0]] }], ['ports']],
    ['node name differs', [{ addresses: [addr('10.0.0.1', 'a')], ports }], [{ addresses: [{ ...addr('10.0.0.1', 'a'), nodeName: 'node-b' }], ports }], ['node-name']],
  ])('%s', (_title, predicted, actual, kinds) => {
    expect(diffEndpoints(endpointsObject(predicted), endpointsObject(actual)).map((d) => d.kind)).toEqual(kinds);
  });

  it('compares labels and the over-capacity annotation, not other annotations', () => {
    const predicted = endpointsObject([], 'web', { app: 'web' }, { 'endpoints.kubernetes.io/over-capacity': 'truncated' });
    const actual = endpointsObject([], 'web', { app: 'web' }, { 'endpoints.kubernetes.io/last-change-trigger-time': 'x' });
    expect(diffEndpoints(predicted, actual).map((d) => [d.kind, d.field])).toEqual([['annotations', 'endpoints.kubernetes.io/over-capacity']]);
  });
});
