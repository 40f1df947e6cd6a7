import { describe, it, expect } from 'vitest';
import { proxyEndpointsForPort, sliceUsedByKubeProxy } from '../../../src/core/predict/proxy-endpoints.js';
import { categorizeEndpoints, type PortPolicy } from '../../../src/core/predict/categorize-endpoints.js';
import type { ProxyEndpoint } from '../../../src/core/predict/proxy-endpoints.js';
import { endpoint, port, service, slice } from './builders.js';

const svc = service({ ports: [port('http', 80, 'http')] });
const http = [{ name: 'http', port: 8080 }];

describe('proxyEndpointsForPort', () => {
  it('sorts as "IP:port" text, so 10.0.0.10 comes before 10.0.0.9', () => {
    const eps = proxyEndpointsForPort(svc, [slice([endpoint('10.0.0.9'), endpoint('10.0.0.10')], http)], svc.spec!.ports![0], { family: 'IPv4' });
    expect(eps.map((e) => e.endpoint)).toEqual(['10.0.0.10:8080', '10.0.0.9:8080']);
  });

  it('compares the whole "IP:port" text: 10.0.0.10:8080 sorts before 10.0.0.1:8080', () => {
    const eps = proxyEndpointsForPort(svc, [slice([endpoint('10.0.0.1'), endpoint('10.0.0.10')], http)], svc.spec!.ports![0], { family: 'IPv4' });
    expect(eps.map((e) => e.endpoint)).toEqual(['10.0.0.10:8080', '10.0.0.1:8080']);
  });

  it('reads unset ready/serving as true and unset terminating as false', () => {
    const bare = { addresses: ['10.0.0.1'] };
    const [e] = proxyEndpointsForPort(svc, [slice([bare], http)], svc.spec!.ports![0], { family: 'IPv4' });
    expect([e.ready, e.serving, e.terminating]).toEqual([true, true, false]);
  });

  it('merges duplicate IP:port, the non-terminating copy wins', () => {
    const old = endpoint('10.0.0.1', { ready: false, serving: true, terminating: true, pod: 'old' });
    const fresh = endpoint('10.0.0.1', { pod: 'new' });
    for (const order of [[old, fresh], [fresh, old]]) {
      const eps = proxyEndpointsForPort(svc, [slice(order, http)], svc.spec!.ports![0], { family: 'IPv4' });
      expect(eps).toHaveLength(1);
      expect(eps[0].terminating).toBe(false);
    }
  });

  it('only takes slice ports with the same name and protocol', () => {
    const slices = [slice([endpoint('10.0.0.1')], [{ name: 'other', port: 1 }]), slice([endpoint('10.0.0.2')], [{ name: 'http', port: 53, protocol: 'UDP' }])];
    expect(proxyEndpointsForPort(svc, slices, svc.spec!.ports![0], { family: 'IPv4' })).toEqual([]);
  });

  it.each([
    // kube-proxy's EndpointSlice informer filters on the headless label only (service-proxy-name filters Services).
    ['service-proxy-name label', { 'service.kubernetes.io/service-proxy-name': 'other' }, true],
    ['headless label', { 'service.kubernetes.io/headless': '' }, false],
    ['another Service', { 'kubernetes.io/service-name': 'other' }, false],
    ['plain', {}, true],
  ])('slice with %s used: %s', (_title, labels, used) => {
    const s = slice([], http);
    s.metadata.labels = { ...s.metadata.labels, ...labels };
    expect(sliceUsedByKubeProxy(svc, s)).toBe(used);
  });
});

function ep(name: string, options: Partial<ProxyEndpoint> = {}): ProxyEndpoint {
  return { ip: name, port: 80, endpoint: `${name}:80`, ready: true, serving: true, terminating: false, isLocal: false, zoneHints: [], nodeHints: [], slice: 'web-abcde', managedBy: null, alsoIn: [], ...options };
}
const cluster: PortPolicy = { internalPolicyLocal: false, externalPolicyLocal: false, externallyAccessible: false };
const internalLocal: PortPolicy = { ...cluster, internalPolicyLocal: true };
const externalLocal: PortPolicy = { internalPolicyLocal: false, externalPolicyLocal: true, externallyAccessible: true };
const names = (list: ProxyEndpoint[] | null) => (list === null ? null : list.map((e) => e.ip));

describe('categorizeEndpoints', () => {
  it.each<[string, ProxyEndpoint[], PortPolicy, string[] | null, string[] | null, boolean]>([
    ['cluster: ready only', [ep('a'), ep('b', { ready: false, serving: false })], cluster, ['a'], null, true],
    ['cluster: falls back to serving+terminating', [ep('a', { ready: false, terminating: true }), ep('b', { ready: false, serving: false, terminating: true })], cluster, ['a'], null, true],
    ['cluster: nothing usable', [ep('a', { ready: false, serving: false })], cluster, [], null, false],
    ['local: node-local ready', [ep('a', { isLocal: true }), ep('b')], internalLocal, null, ['a'], true],
    ['local: none here, but endpoints elsewhere', [ep('b')], internalLocal, null, [], true],
    ['local: local serving-terminating fallback', [ep('a', { isLocal: true, ready: false, terminating: true }), ep('b')], internalLocal, null, ['a'], true],
    ['external Local keeps Cluster endpoints for short-circuit', [ep('a', { isLocal: true }), ep('b')], externalLocal, ['a', 'b'], ['a'], true],
  ])('%s', (_title, endpoints, policy, clusterNames, localNames, hasAny) => {
    const result = categorizeEndpoints(endpoints, policy, 'node-a', 'zone-1');
    expect(names(result.clusterEndpoints)).toEqual(clusterNames);
    expect(names(result.localEndpoints)).toEqual(localNames);
    expect(result.hasAnyEndpoints).toBe(hasAny);
  });

  it.each([
    ['all ready have zone hints, one for my zone → narrowed', [ep('a', { zoneHints: ['zone-1'] }), ep('b', { zoneHints: ['zone-2'] })], ['a'], 'PreferSameZone'],
    ['one ready endpoint without hint → hints ignored', [ep('a', { zoneHints: ['zone-1'] }), ep('b')], ['a', 'b'], ''],
    ['no hint for my zone → ignored', [ep('a', { zoneHints: ['zone-3'] }), ep('b', { zoneHints: ['zone-2'] })], ['a', 'b'], ''],
    ['unready endpoints without hints do not matter', [ep('a', { zoneHints: ['zone-1'] }), ep('c', { ready: false })], ['a'], 'PreferSameZone'],
    ['node hints win over zone hints', [ep('a', { nodeHints: ['node-a'], zoneHints: ['zone-2'] }), ep('b', { nodeHints: ['node-b'], zoneHints: ['zone-1'] })], ['a'], 'PreferSameNode'],
  ])('topology: %s', (_title, endpoints, expected, mode) => {
    const result = categorizeEndpoints(endpoints, cluster, 'node-a', 'zone-1');
    expect(names(result.clusterEndpoints)).toEqual(expected);
    expect(result.topologyMode).toBe(mode);
  });
});
