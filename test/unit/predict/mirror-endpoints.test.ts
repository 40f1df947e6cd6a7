import { describe, it, expect } from 'vitest';
import { predictMirroredSlices } from '../../../src/core/predict/mirror-endpoints.js';
import type { EndpointSlice } from '../../../src/core/kubernetes-types.js';
import { endpointsObject, service } from './builders.js';

const selectorless = service({ selector: null, clusterIP: '10.96.0.20' }, 'db');

function summary(slices: EndpointSlice[]): string[] {
  return slices.flatMap((s) => {
    const ports = (s.ports ?? []).map((p) => `${p.name}/${p.protocol}/${p.port}`).join(',');
    return (s.endpoints ?? []).map((e) => `${s.addressType} [${ports}] ${e.addresses[0]} ${JSON.stringify(e.conditions)}`);
  }).sort();
}

describe('predictMirroredSlices', () => {
  it('mirrors ready and not-ready addresses with only the ready condition', () => {
    const ep = endpointsObject([{ addresses: [{ ip: '192.168.1.10' }], notReadyAddresses: [{ ip: '192.168.1.11' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }], 'db');
    expect(summary(predictMirroredSlices(selectorless, ep).slices)).toEqual([
      'IPv4 [pg/TCP/5432] 192.168.1.10 {"ready":true}',
      'IPv4 [pg/TCP/5432] 192.168.1.11 {"ready":false}',
    ]);
  });

  it('one slice per ports × family, IPs re-stringified, invalid ones skipped', () => {
    const ep = endpointsObject([
      { addresses: [{ ip: '10.0.0.1' }, { ip: 'fd00:0::1' }, { ip: 'db.example.com' }], ports: [{ name: 'a', port: 1, protocol: 'TCP' }] },
      { addresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'b', port: 2, protocol: 'TCP' }] },
    ], 'db');
    const prediction = predictMirroredSlices(selectorless, ep);
    expect(prediction.slices).toHaveLength(3);
    expect(summary(prediction.slices)).toEqual([
      'IPv4 [a/TCP/1] 10.0.0.1 {"ready":true}',
      'IPv4 [b/TCP/2] 10.0.0.2 {"ready":true}',
      'IPv6 [a/TCP/1] fd00::1 {"ready":true}',
    ]);
    expect(prediction.invalidAddresses).toEqual(['db.example.com']);
  });

  it('labels and owner come from the Endpoints object', () => {
    const ep = endpointsObject([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }] }], 'db', { team: 'data' }, { note: 'x', 'endpoints.kubernetes.io/last-change-trigger-time': 't' });
    const [mirrored] = predictMirroredSlices(selectorless, ep).slices;
    expect(mirrored.metadata.labels).toEqual({
      team: 'data', 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
    });
    expect(mirrored.metadata.annotations).toEqual({ note: 'x' });
    expect(mirrored.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Endpoints', name: 'db', controller: true });
  });

  it('caps each subset at 1000 addresses, ready first', () => {
    const addresses = Array.from({ length: 1000 }, (_, i) => ({ ip: `10.1.${Math.floor(i / 250)}.${i % 250}` }));
    const ep = endpointsObject([{ addresses, notReadyAddresses: [{ ip: '10.9.9.9' }, { ip: '10.9.9.8' }], ports: [{ port: 80, protocol: 'TCP' }] }], 'db');
    const prediction = predictMirroredSlices(selectorless, ep);
    expect(prediction.slices[0].endpoints).toHaveLength(1000);
    expect(prediction.slices[0].endpoints?.every((e) => e.conditions?.ready === true)).toBe(true);
    expect(prediction.droppedOverCapacity).toBe(2);
  });

  it.each([
    ['no Service', undefined, {}, {}, 'no-service'],
    ['Service has a selector', service(), {}, {}, 'service-has-selector'],
    ['skip-mirror label', selectorless, { 'endpointslice.kubernetes.io/skip-mirror': 'true' }, {}, 'skip-mirror-label'],
    ['leader-election lock', selectorless, {}, { 'control-plane.alpha.kubernetes.io/leader': '{}' }, 'leader-election-lock'],
    ['empty selector counts as none', service({ selector: {} }, 'db'), {}, {}, null],
  ])('%s → %s', (_title, svc, labels, annotations, reason) => {
    const ep = endpointsObject([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }] }], 'db', labels, annotations);
    const prediction = predictMirroredSlices(svc, ep);
    expect(prediction.skipReason).toBe(reason);
    expect(prediction.slices).toHaveLength(reason ? 0 : 1);
  });
});
