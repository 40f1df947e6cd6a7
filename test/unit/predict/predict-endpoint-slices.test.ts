import { describe, it, expect } from 'vitest';
import { predictEndpointSlices } from '../../../src/core/predict/predict-endpoint-slices.js';
import type { EndpointSlice } from '../../../src/core/kubernetes-types.js';
import { node, pod, port, service } from './builders.js';

const nodes = [node('node-a', 'zone-1'), node('node-b', 'zone-2')];

/** "addressType [ports] ip:ready/serving/terminating" lines, order-free, for compact expectations. */
function summary(slices: EndpointSlice[]): string[] {
  return slices.flatMap((s) => {
    const ports = (s.ports ?? []).map((p) => `${p.name}/${p.protocol}/${p.port}`).sort().join(',');
    if ((s.endpoints ?? []).length === 0) return [`${s.addressType} [${ports}] <empty>`];
    return (s.endpoints ?? []).map((e) => {
      const c = e.conditions ?? {};
      return `${s.addressType} [${ports}] ${e.addresses.join('+')}:${c.ready ? 'R' : 'r'}${c.serving ? 'S' : 's'}${c.terminating ? 'T' : 't'}`;
    });
  }).sort();
}

describe('predictEndpointSlices', () => {
  it.each([
    ['ready pod', service(), [pod('a', { ip: '10.0.0.1' })], ['IPv4 [http/TCP/8080] 10.0.0.1:RSt']],
    ['not ready pod', service(), [pod('a', { ip: '10.0.0.1', ready: false })], ['IPv4 [http/TCP/8080] 10.0.0.1:rst']],
    ['terminating ready pod stays, not ready', service(), [pod('a', { ip: '10.0.0.1', deleting: true })], ['IPv4 [http/TCP/8080] 10.0.0.1:rST']],
    ['publishNotReadyAddresses makes everything ready', service({ publishNotReadyAddresses: true }), [pod('a', { ip: '10.0.0.1', ready: false, deleting: true })], ['IPv4 [http/TCP/8080] 10.0.0.1:RsT']],
    ['failed and IP-less pods are left out → placeholder', service(), [pod('a', { ip: '10.0.0.1', phase: 'Failed' }), pod('b')], ['IPv4 [] <empty>']],
    ['no pods → one placeholder', service(), [], ['IPv4 [] <empty>']],
    ['unknown node skipped', service(), [pod('a', { ip: '10.0.0.1', node: 'gone' })], ['IPv4 [] <empty>']],
    ['unknown node kept with publishNotReadyAddresses', service({ publishNotReadyAddresses: true }), [pod('a', { ip: '10.0.0.1', node: 'gone' })], ['IPv4 [http/TCP/8080] 10.0.0.1:RSt']],
    ['unresolvable named port → slice with no ports', service(), [pod('a', { ip: '10.0.0.1', containers: [{ name: 'c' }] })], ['IPv4 [] 10.0.0.1:RSt']],
    ['numeric targetPort', service({ ports: [port('web', 80, 9376)] }), [pod('a', { ip: '10.0.0.1' })], ['IPv4 [web/TCP/9376] 10.0.0.1:RSt']],
    ['unnamed port keeps an empty name', service({ ports: [port(undefined, 80)] }), [pod('a', { ip: '10.0.0.1' })], ['IPv4 [/TCP/80] 10.0.0.1:RSt']],
    // getEndpointAddresses: ParseIPSloppy(podIP).String(), so non-canonical Pod IPs are published canonical.
    ['non-canonical Pod IPs re-stringified', service({ ipFamilies: ['IPv6', 'IPv4'] }), [pod('a', { ip: ['10.0.0.010', 'fd00:10:244:0::0'] })],
      ['IPv4 [http/TCP/8080] 10.0.0.10:RSt', 'IPv6 [http/TCP/8080] fd00:10:244:::RSt']],
  ])('%s', (_title, svc, pods, expected) => {
    expect(summary(predictEndpointSlices({ service: svc, pods, nodes }).slices)).toEqual(expected);
  });

  it('groups pods by their resolved port set', () => {
    const svc = service({ ports: [port('http', 80, 'http'), port('metrics', 9100, 'metrics')] });
    const withMetrics = pod('a', { ip: '10.0.0.1', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }] });
    const otherPort = pod('b', { ip: '10.0.0.2', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8081 }] }] });
    const plain = pod('c', { ip: '10.0.0.3' });
    const { slices } = predictEndpointSlices({ service: svc, pods: [withMetrics, otherPort, plain], nodes });
    expect(slices).toHaveLength(3);
    expect(summary(slices)).toEqual([
      'IPv4 [http/TCP/8080,metrics/TCP/9100] 10.0.0.1:RSt',
      'IPv4 [http/TCP/8080] 10.0.0.3:RSt',
      'IPv4 [http/TCP/8081] 10.0.0.2:RSt',
    ]);
  });

  it.each([
    ['ipFamilies dual stack', { ipFamilies: ['IPv4', 'IPv6'] }, ['IPv4', 'IPv6']],
    ['no ipFamilies, IPv6 ClusterIP', { ipFamilies: [], clusterIP: 'fd00::10' }, ['IPv6']],
    ['headless without families gets both', { ipFamilies: [], clusterIP: 'None' }, ['IPv4', 'IPv6']],
  ])('address types: %s', (_title, spec, expected) => {
    const { slices } = predictEndpointSlices({ service: service(spec), pods: [pod('a', { ip: ['10.0.0.1', 'fd00::1'] })], nodes });
    expect(slices.map((s) => s.addressType).sort()).toEqual(expected);
  });

  it('leaves a pod without an address of the family out of that family only', () => {
    const prediction = predictEndpointSlices({ service: service({ ipFamilies: ['IPv4', 'IPv6'] }), pods: [pod('a', { ip: '10.0.0.1' })], nodes });
    expect(summary(prediction.slices)).toEqual(['IPv4 [http/TCP/8080] 10.0.0.1:RSt', 'IPv6 [] <empty>']);
    expect(prediction.skippedPods).toEqual([{ pod: 'a', reason: 'no-address-of-family', addressType: 'IPv6' }]);
  });

  it('splits endpoints into slices of at most maxEndpointsPerSlice', () => {
    const pods = Array.from({ length: 5 }, (_, i) => pod(`p${i}`, { ip: `10.0.0.${i + 1}` }));
    const { slices } = predictEndpointSlices({ service: service(), pods, nodes, maxEndpointsPerSlice: 2 });
    expect(slices.map((s) => s.endpoints?.length)).toEqual([2, 2, 1]);
  });

  it('fills node, zone, targetRef and hostname (subdomain = service name)', () => {
    const p = pod('a', { ip: '10.0.0.1', node: 'node-b', hostname: 'a-0', subdomain: 'web' });
    const [endpoint] = predictEndpointSlices({ service: service(), pods: [p], nodes }).slices[0].endpoints ?? [];
    expect(endpoint).toEqual({
      addresses: ['10.0.0.1'],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' },
      nodeName: 'node-b',
      zone: 'zone-2',
      hostname: 'a-0',
    });
  });

  it('writes the controller labels, headless label and owner', () => {
    const svc = service({ clusterIP: 'None' }, 'web', { labels: { team: 'x', 'kubernetes.io/service-name': 'spoof' } });
    const [first] = predictEndpointSlices({ service: svc, pods: [], nodes }).slices;
    expect(first.metadata.labels).toEqual({
      team: 'x',
      'service.kubernetes.io/headless': '',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(first.metadata.generateName).toBe('web-');
    expect(first.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'web', controller: true });
  });

  it.each([
    ['PreferClose → own zone on ready endpoints', { trafficDistribution: 'PreferClose' }, {}, [{ forZones: [{ name: 'zone-1' }] }, undefined]],
    ['PreferSameNode → node and zone', { trafficDistribution: 'PreferSameNode' }, {}, [{ forZones: [{ name: 'zone-1' }], forNodes: [{ name: 'node-a' }] }, undefined]],
    ['no trafficDistribution → no hints', {}, {}, [undefined, undefined]],
    ['topology-mode Auto overrides trafficDistribution', { trafficDistribution: 'PreferClose' }, { 'service.kubernetes.io/topology-mode': 'Auto' }, [undefined, undefined]],
  ])('hints: %s', (_title, spec, annotations, expected) => {
    const svc = service(spec, 'web', { annotations });
    const pods = [pod('a', { ip: '10.0.0.1' }), pod('b', { ip: '10.0.0.2', ready: false })];
    const prediction = predictEndpointSlices({ service: svc, pods, nodes });
    expect(prediction.slices[0].endpoints?.map((e) => e.hints)).toEqual(expected);
    expect(prediction.hintsPredicted).toBe(!('service.kubernetes.io/topology-mode' in annotations));
  });

  it.each([
    ['ExternalName', service({ type: 'ExternalName', externalName: 'x.example' })],
    ['nil selector', service({ selector: null })],
    ['empty selector', service({ selector: {} })],
  ])('%s: controller does not manage slices', (_title, svc) => {
    expect(predictEndpointSlices({ service: svc, pods: [pod('a', { ip: '10.0.0.1' })], nodes })).toMatchObject({ managed: false, slices: [] });
  });
});
