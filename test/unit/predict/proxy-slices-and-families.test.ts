import { describe, expect, it } from 'vitest';
import { proxyEndpointsForPort } from '../../../src/core/predict/proxy-endpoints.js';
import { computeProxyTargets, computeProxyTargetsByFamily, serviceProxyFamilies } from '../../../src/core/predict/proxy-targets.js';
import { endpoint, port, service, slice } from './builders.js';

const svc = service({ ports: [port('http', 80, 'http')] });
const http = [{ name: 'http', port: 8080 }];
const labels = (managedBy?: string) => ({
  'kubernetes.io/service-name': 'web', ...(managedBy ? { 'endpointslice.kubernetes.io/managed-by': managedBy } : {}),
});
const own = slice([endpoint('10.0.0.1'), endpoint('10.0.0.2')], http);
const foreign = slice([endpoint('10.0.0.3'), endpoint('10.0.0.2')], http, { metadata: { name: 'web-mesh', namespace: 'default', labels: labels('mesh.example.com') } });
const bare = slice([endpoint('10.0.0.4')], http, { metadata: { name: 'web-hand', namespace: 'default', labels: labels() } });

describe('every slice with the service-name label', () => {
  it('merges the controller slice with a foreign one: 3 backends at 1/3, each naming its slice and managed-by', () => {
    const [target] = computeProxyTargets(svc, [own, foreign]).ports;
    const backends = target.frontends[0].backends;
    expect(backends.map((b) => [b.endpoint, b.share.toFixed(3)])).toEqual([['10.0.0.1:8080', '0.333'], ['10.0.0.2:8080', '0.333'], ['10.0.0.3:8080', '0.333']]);
    expect(backends.find((b) => b.ip === '10.0.0.3')).toMatchObject({ slice: 'web-mesh', managedBy: 'mesh.example.com' });
    expect(backends.find((b) => b.ip === '10.0.0.1')).toMatchObject({ slice: 'web-abcde', managedBy: 'endpointslice-controller.k8s.io' });
  });

  it('a duplicate IP:port across slices is one backend that names the other slice', () => {
    const eps = proxyEndpointsForPort(svc, [own, foreign], svc.spec!.ports![0], { family: 'IPv4' });
    const twice = eps.find((e) => e.ip === '10.0.0.2')!;
    expect([twice.slice, ...twice.alsoIn].sort()).toEqual(['web-abcde', 'web-mesh']);
  });

  it('a terminating copy never replaces a non-terminating one, whichever slice comes first', () => {
    const dying = slice([endpoint('10.0.0.1', { ready: false, serving: true, terminating: true })], http, { metadata: { name: 'web-old', namespace: 'default', labels: labels('old.example.com') } });
    for (const slices of [[own, dying], [dying, own]]) {
      const e = proxyEndpointsForPort(svc, slices, svc.spec!.ports![0], { family: 'IPv4' }).find((x) => x.ip === '10.0.0.1')!;
      expect([e.slice, e.terminating, e.alsoIn]).toEqual(['web-abcde', false, ['web-old']]);
    }
  });

  it('a slice without managed-by still counts; managedBy is null', () => {
    const backends = computeProxyTargets(svc, [bare]).ports[0].frontends[0].backends;
    expect(backends).toMatchObject([{ ip: '10.0.0.4', slice: 'web-hand', managedBy: null }]);
  });

  it('a slice with the headless label is ignored', () => {
    const ignored = slice([endpoint('10.0.0.9')], http, { metadata: { name: 'web-x', namespace: 'default', labels: { ...labels('x'), 'service.kubernetes.io/headless': '' } } });
    expect(computeProxyTargets(svc, [own, ignored]).ports[0].endpoints.map((e) => e.ip)).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  // kube-proxy filters EndpointSlices by the headless label only; service-proxy-name filters Services
  // (found by the random scenarios against a real kube-proxy).
  it('a slice with the service-proxy-name label is still read; a Service with it is not proxied at all', () => {
    const other = slice([endpoint('10.0.0.9')], http, { metadata: { name: 'web-x', namespace: 'default', labels: { ...labels('x'), 'service.kubernetes.io/service-proxy-name': 'other' } } });
    expect(computeProxyTargets(svc, [own, other]).ports[0].endpoints.map((e) => e.ip)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.9']);
    const labelled = service({ ports: [port('http', 80, 'http')] }, 'web', { labels: { 'service.kubernetes.io/service-proxy-name': 'other' } });
    expect(computeProxyTargets(labelled, [own])).toMatchObject({ skipped: 'other-proxy', ports: [] });
  });
});

describe('both families', () => {
  const dual = service({ ipFamilies: ['IPv6', 'IPv4'], ipFamilyPolicy: 'RequireDualStack', clusterIP: 'fd00::10', clusterIPs: ['fd00::10', '10.96.0.10'] });
  const v6 = slice([{ addresses: ['fd00:244::1'], conditions: { ready: true } }], http, { addressType: 'IPv6', metadata: { name: 'web-v6', namespace: 'default', labels: labels('endpointslice-controller.k8s.io') } });

  it('programs every family of spec.ipFamilies, primary first', () => {
    expect(serviceProxyFamilies(dual)).toEqual(['IPv6', 'IPv4']);
    expect(serviceProxyFamilies(svc)).toEqual(['IPv4']);
  });

  it('each family has its own ClusterIP, chains and backends', () => {
    const [six, four] = computeProxyTargetsByFamily(dual, [own, v6]);
    expect([six.family, six.ports[0].frontends[0].address, six.ports[0].frontends[0].backends.map((b) => b.ip)]).toEqual(['IPv6', 'fd00::10', ['fd00:244::1']]);
    expect([four.family, four.ports[0].frontends[0].address, four.ports[0].frontends[0].backends.map((b) => b.ip)]).toEqual(['IPv4', '10.96.0.10', ['10.0.0.1', '10.0.0.2']]);
    // Same chain name, different tables: ip6tables (or nft table ip6) for IPv6, iptables (table ip) for IPv4.
    expect(six.ports[0].chains.cluster).toEqual(four.ports[0].chains.cluster);
  });
});

describe('Nodes not readable', () => {
  it('Local policy without a named node is unknown, not DROP; Cluster policy stays complete', () => {
    const local = service({ internalTrafficPolicy: 'Local', ports: [port('http', 80, 'http')] });
    const [frontend] = computeProxyTargets(local, [own], { nodesUnknown: true }).ports[0].frontends;
    expect(frontend.unknown).toMatch(/^unknown: nodes are not readable/);
    expect(computeProxyTargets(svc, [own], { nodesUnknown: true }).ports[0].frontends[0]).toMatchObject({ outcome: 'forward', backends: [{}, {}] });
    expect(computeProxyTargets(svc, [own], { nodesUnknown: true }).ports[0].frontends[0].unknown).toBeUndefined();
  });

  it('zone hints make the topology part unknown', () => {
    const hinted = slice([{ ...endpoint('10.0.0.1', { zone: 'zone-a' }), hints: { forZones: [{ name: 'zone-a' }] } }], http);
    expect(computeProxyTargets(svc, [hinted], { nodesUnknown: true, nodeName: 'n1' }).ports[0].frontends[0].unknown).toMatch(/zone/);
  });
});
