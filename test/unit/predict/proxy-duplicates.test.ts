import { describe, it, expect } from 'vitest';
import { proxyEndpointsForPort } from '../../../src/core/predict/proxy-endpoints.js';
import { computeProxyTargets } from '../../../src/core/predict/proxy-targets.js';
import type { EndpointSlice } from '../../../src/core/kubernetes-types.js';
import { endpoint, port, service, slice } from './builders.js';

const svc = service({ ports: [port('http', 80, 'http')], clusterIP: '10.96.0.10' });
const http = [{ name: 'http', port: 8080 }];
const named = (name: string, s: EndpointSlice): EndpointSlice => ({ ...s, metadata: { ...s.metadata, name } });
const own = named('web-abcde', slice([endpoint('10.0.0.1', { node: 'n1' })], http));
// A foreign slice repeating 10.0.0.1 terminating, with a second terminating endpoint (seed 20261122, scenario 4).
const copy = named('web-mesh', slice([
  endpoint('10.0.0.1', { ready: false, serving: true, terminating: true, node: 'n1' }),
  endpoint('10.0.0.2', { ready: false, serving: true, terminating: true }),
], http));

function kept(slices: EndpointSlice[], kubernetesMinor: number, nodeName?: string) {
  return proxyEndpointsForPort(svc, slices, svc.spec!.ports![0], { family: 'IPv4', kubernetesMinor, ...(nodeName ? { nodeName } : {}) })
    .find((e) => e.ip === '10.0.0.1')!;
}

describe('duplicate IP:port across slices, per minor', () => {
  it('1.36 and 1.37 keep the non-terminating copy in every read order, and say it is determined', () => {
    for (const minor of [36, 37]) {
      for (const order of [[own, copy], [copy, own]]) {
        const e = kept(order, minor);
        expect([e.slice, e.terminating, e.readOrderDecides]).toEqual(['web-abcde', false, undefined]);
      }
    }
  });

  it('1.33-1.35 keep the first copy read when neither is on kube-proxy\'s node, and flag the read order', () => {
    for (const minor of [33, 34, 35]) {
      expect([kept([own, copy], minor).slice, kept([own, copy], minor).readOrderDecides]).toEqual(['web-abcde', true]);
      expect([kept([copy, own], minor).slice, kept([copy, own], minor).terminating, kept([copy, own], minor).readOrderDecides]).toEqual(['web-mesh', true, true]);
    }
  });

  it('1.33 keeps the copy on kube-proxy\'s node in every read order', () => {
    const remote = named('web-abcde', slice([endpoint('10.0.0.1', { node: 'n2' })], http));
    for (const order of [[remote, copy], [copy, remote]]) {
      const e = kept(order, 33, 'n1');
      expect([e.slice, e.terminating, e.readOrderDecides]).toEqual(['web-mesh', true, undefined]);
    }
  });

  it('identical copies are determined in every minor', () => {
    const same = named('web-mesh', slice([endpoint('10.0.0.1', { node: 'n1' })], http));
    for (const minor of [33, 37]) expect(kept([same, own], minor).readOrderDecides).toBeUndefined();
  });

  it('the read order decides the backends on 1.33: the terminating copy read first makes both terminating endpoints serve', () => {
    const backends = (slices: EndpointSlice[], kubernetesMinor: number) =>
      computeProxyTargets(svc, slices, { kubernetesMinor }).ports[0].frontends[0].backends.map((b) => `${b.endpoint}${b.readOrderDecides ? '?' : ''}`);
    expect(backends([own, copy], 33)).toEqual(['10.0.0.1:8080?']);
    expect(backends([copy, own], 33)).toEqual(['10.0.0.1:8080?', '10.0.0.2:8080']);
    expect(backends([copy, own], 36)).toEqual(['10.0.0.1:8080']);
  });
});

describe('slices labelled service-proxy-name, per minor', () => {
  it('kube-proxy reads them from 1.36 only (up to 1.35 its EndpointSlice informer filters them out)', () => {
    const other = named('web-other', slice([endpoint('10.0.0.9')], http));
    other.metadata.labels = { ...other.metadata.labels, 'service.kubernetes.io/service-proxy-name': 'other-proxy' };
    const ips = (kubernetesMinor: number) => proxyEndpointsForPort(svc, [own, other], svc.spec!.ports![0], { family: 'IPv4', kubernetesMinor }).map((e) => e.ip);
    expect(ips(35)).toEqual(['10.0.0.1']);
    expect(ips(36)).toEqual(['10.0.0.1', '10.0.0.9']);
  });
});
