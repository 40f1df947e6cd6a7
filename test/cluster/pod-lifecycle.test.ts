// Pod states faked kwok-style (status patches, finalizers, grace periods) and what the real
// controllers and kube-proxy make of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cluster, createPod, createService, expectedJumps, fixture, releasePod, runPod, setPodStatus, svcChain,
  svcJumps, terminatePod, waitForEndpoints, waitForNat, waitForSlices,
} from './helpers/k8s.js';

describe('terminating, failed, succeeded and IP-less Pods', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  const svc = 'life';
  const ip = (n: number) => `10.244.20.${n}`;

  beforeAll(async () => {
    f = await fixture('life', { nodes: [{ zone: 'zone-a' }] });
    const node = f.nodes[0];
    const base = { labels: { app: 'life' }, node, ports: [{ name: 'http', containerPort: 8080 }] };
    await runPod(f.namespace, 'ready', { ...base, ip: ip(1) });
    await runPod(f.namespace, 'unready', { ...base, ip: ip(2), ready: false });
    await runPod(f.namespace, 'term-finalizer', { ...base, ip: ip(3) });
    await runPod(f.namespace, 'term-grace', { ...base, ip: ip(4) });
    await runPod(f.namespace, 'term-unready', { ...base, ip: ip(5), ready: false });
    await createPod(f.namespace, 'failed', base);
    await setPodStatus(f.namespace, 'failed', { phase: 'Failed', ips: [ip(6)], ready: false });
    await createPod(f.namespace, 'succeeded', base);
    await setPodStatus(f.namespace, 'succeeded', { phase: 'Succeeded', ips: [ip(7)], ready: false });
    await createPod(f.namespace, 'no-ip', base);
    await setPodStatus(f.namespace, 'no-ip', { phase: 'Running', ready: true });
    await createPod(f.namespace, 'pending', base);
    await createPod(f.namespace, 'ghost-node', { ...base, node: 'no-such-node' });
    await setPodStatus(f.namespace, 'ghost-node', { phase: 'Running', ips: [ip(8)], ready: true });
    await terminatePod(f.namespace, 'term-finalizer', { via: 'finalizer' });
    await terminatePod(f.namespace, 'term-grace', { via: 'grace', gracePeriodSeconds: 3600 });
    await terminatePod(f.namespace, 'term-unready', { via: 'finalizer' });
    await createService(f.namespace, svc, { selector: { app: 'life' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
  });
  afterAll(async () => f?.cleanup());

  it('Endpoints drop terminating, Failed, Succeeded and IP-less Pods; a Pod on a missing Node stays', async () => {
    const n = f.nodes[0];
    await waitForEndpoints(f.namespace, svc, (s) => {
      expect(s).toEqual([
        {
          addresses: [{ ip: ip(1), pod: 'ready', nodeName: n }, { ip: ip(8), pod: 'ghost-node', nodeName: 'no-such-node' }],
          notReadyAddresses: [{ ip: ip(2), pod: 'unready', nodeName: n }],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ]);
    });
  });

  it('EndpointSlice keeps terminating Pods (serving from Ready, ready=false) and skips the Pod on a missing Node', async () => {
    const z = 'zone-a';
    const n = f.nodes[0];
    await waitForSlices(f.namespace, svc, (s) => {
      expect(s).toHaveLength(1);
      expect(s[0].endpoints).toEqual([
        { addresses: [ip(1)], pod: 'ready', nodeName: n, zone: z, ready: true, serving: true, terminating: false },
        { addresses: [ip(2)], pod: 'unready', nodeName: n, zone: z, ready: false, serving: false, terminating: false },
        { addresses: [ip(3)], pod: 'term-finalizer', nodeName: n, zone: z, ready: false, serving: true, terminating: true },
        { addresses: [ip(4)], pod: 'term-grace', nodeName: n, zone: z, ready: false, serving: true, terminating: true },
        { addresses: [ip(5)], pod: 'term-unready', nodeName: n, zone: z, ready: false, serving: false, terminating: true },
      ]);
    });
  });

  it.skipIf(!cluster().proxy)('kube-proxy sends traffic to ready endpoints only while there are any', async () => {
    const chain = svcChain(f.namespace, svc, 'http', 'TCP');
    await waitForNat((nat) => {
      expect(svcJumps(nat, chain)).toEqual(expectedJumps(f.namespace, svc, 'http', 'TCP', [{ ip: ip(1), port: 8080 }]));
    });
  });

  it.skipIf(!cluster().proxy)('with no ready endpoint left, kube-proxy falls back to serving terminating ones', async () => {
    await releasePod(f.namespace, 'ready');
    await releasePod(f.namespace, 'ghost-node');
    const chain = svcChain(f.namespace, svc, 'http', 'TCP');
    await waitForSlices(f.namespace, svc, (s) => {
      expect(s[0].endpoints.filter((e) => e.ready)).toEqual([]);
    });
    await waitForNat((nat) => {
      expect(svcJumps(nat, chain)).toEqual(expectedJumps(f.namespace, svc, 'http', 'TCP', [{ ip: ip(3), port: 8080 }, { ip: ip(4), port: 8080 }]));
    });
  });
});

describe('readiness flips and publishNotReadyAddresses', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    f = await fixture('flip', { nodes: [{ zone: 'zone-c' }] });
    await runPod(f.namespace, 'p1', { labels: { app: 'flip' }, node: f.nodes[0], ip: '10.244.21.1', ready: false, ports: [{ containerPort: 80 }] });
    await createService(f.namespace, 'flip', { selector: { app: 'flip' }, ports: [{ port: 80 }] });
    await createService(f.namespace, 'flip-pna', { selector: { app: 'flip' }, publishNotReadyAddresses: true, ports: [{ port: 80 }] });
  });
  afterAll(async () => f?.cleanup());

  it('an unready Pod becomes ready when its Ready condition is patched to True', async () => {
    await waitForEndpoints(f.namespace, 'flip', (s) => {
      expect(s[0]?.notReadyAddresses.map((a) => a.ip)).toEqual(['10.244.21.1']);
    });
    await setPodStatus(f.namespace, 'p1', { phase: 'Running', ips: ['10.244.21.1'], ready: true });
    await waitForEndpoints(f.namespace, 'flip', (s) => {
      expect(s).toEqual([{ addresses: [{ ip: '10.244.21.1', pod: 'p1', nodeName: f.nodes[0] }], notReadyAddresses: [], ports: [{ name: '', port: 80, protocol: 'TCP' }] }]);
    });
    await setPodStatus(f.namespace, 'p1', { phase: 'Running', ips: ['10.244.21.1'], ready: false });
    await waitForSlices(f.namespace, 'flip', (s) => {
      expect(s[0].endpoints).toEqual([{ addresses: ['10.244.21.1'], pod: 'p1', nodeName: f.nodes[0], zone: 'zone-c', ready: false, serving: false, terminating: false }]);
    });
  });

  it('publishNotReadyAddresses publishes the unready Pod as ready (serving stays false)', async () => {
    await waitForEndpoints(f.namespace, 'flip-pna', (s) => {
      expect(s).toEqual([{ addresses: [{ ip: '10.244.21.1', pod: 'p1', nodeName: f.nodes[0] }], notReadyAddresses: [], ports: [{ name: '', port: 80, protocol: 'TCP' }] }]);
    });
    await waitForSlices(f.namespace, 'flip-pna', (s) => {
      expect(s[0].endpoints).toEqual([{ addresses: ['10.244.21.1'], pod: 'p1', nodeName: f.nodes[0], zone: 'zone-c', ready: true, serving: false, terminating: false }]);
    });
  });
});
