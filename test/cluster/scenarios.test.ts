// The scenarios the project grew from (service-semantics.md §8), run against the real
// controllers and a real kube-proxy. Each test records what Kubernetes actually produced:
// Endpoints subsets, EndpointSlices with conditions, and kube-proxy's KUBE-SVC / KUBE-SEP chains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clients, cluster, createNode, createService, deleteNode, expectedJumps, fixture,
  getEndpoints, iptablesSave, listSlices, parseIptablesSave, randomSuffix, releasePod, runPod, sepChain,
  svcChain, svcJumps, waitFor, waitForEndpoints, waitForNat, waitForSlices,
} from './helpers/k8s.js';

const CONTROLLER = 'endpointslice-controller.k8s.io';
const MIRROR = 'endpointslicemirroring-controller.k8s.io';

describe('app=myapp,tier=backend: three ready Pods and one unready (the worked example, in default)', () => {
  // Runs in namespace `default` with the ClusterIP and Pod IPs of service-semantics.md §6 so that
  // the chain names can be compared with the literal values written down there.
  const ns = 'default';
  const svc = 'my-service';
  const sfx = randomSuffix();
  const nodeA = `node-a-${sfx}`;
  const nodeB = `node-b-${sfx}`;
  const pods = [
    { name: `myapp-1-${sfx}`, ip: '10.244.1.3', node: nodeA, ready: true },
    { name: `myapp-2-${sfx}`, ip: '10.244.1.4', node: nodeA, ready: true },
    { name: `myapp-3-${sfx}`, ip: '10.244.2.5', node: nodeB, ready: true },
    { name: `myapp-4-${sfx}`, ip: '10.244.2.6', node: nodeB, ready: false },
  ];

  beforeAll(async () => {
    const { core } = clients();
    await core.deleteNamespacedService({ name: svc, namespace: ns }).catch(() => {});
    await waitFor(async () => (await core.listNamespacedService({ namespace: ns, fieldSelector: `metadata.name=${svc}` })).items.length === 0, { what: 'old my-service gone' });
    // Pods left in `default` by an interrupted run against a reused cluster would be selected too.
    for (const p of (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=myapp' })).items) await releasePod(ns, p.metadata!.name!);
    await createNode(nodeA, { zone: 'zone-a' });
    await createNode(nodeB, { zone: 'zone-b' });
    for (const p of pods) {
      await runPod(ns, p.name, { labels: { app: 'myapp', tier: 'backend' }, node: p.node, ip: p.ip, ready: p.ready, ports: [{ name: 'http', containerPort: 9376 }] });
    }
    // Near misses: only one of the two selector labels, or a different value.
    await runPod(ns, `frontend-${sfx}`, { labels: { app: 'myapp', tier: 'frontend' }, node: nodeA, ip: '10.244.1.9', ports: [{ name: 'http', containerPort: 9376 }] });
    await runPod(ns, `nolabel-${sfx}`, { labels: { app: 'myapp' }, node: nodeA, ip: '10.244.1.10', ports: [{ name: 'http', containerPort: 9376 }] });
    await createService(ns, svc, {
      clusterIP: '10.96.123.45',
      selector: { app: 'myapp', tier: 'backend' },
      ports: [{ name: 'http', port: 80, targetPort: 9376 as never }],
    });
  });

  afterAll(async () => {
    const { core } = clients();
    await core.deleteNamespacedService({ name: svc, namespace: ns }).catch(() => {});
    for (const name of [...pods.map((p) => p.name), `frontend-${sfx}`, `nolabel-${sfx}`]) await releasePod(ns, name);
    await deleteNode(nodeA);
    await deleteNode(nodeB);
  });

  it('Endpoints: ready Pods in addresses, the unready one in notReadyAddresses, targetPort 9376', async () => {
    const subsets = await waitForEndpoints(ns, svc, (s) => {
      expect(s).toEqual([
        {
          addresses: [
            { ip: '10.244.1.3', pod: pods[0].name, nodeName: nodeA },
            { ip: '10.244.1.4', pod: pods[1].name, nodeName: nodeA },
            { ip: '10.244.2.5', pod: pods[2].name, nodeName: nodeB },
          ],
          notReadyAddresses: [{ ip: '10.244.2.6', pod: pods[3].name, nodeName: nodeB }],
          ports: [{ name: 'http', port: 9376, protocol: 'TCP' }],
        },
      ]);
    });
    expect(subsets).toHaveLength(1);
  });

  it('EndpointSlice: one IPv4 slice, four endpoints with ready/serving/terminating and zones', async () => {
    await waitForSlices(ns, svc, (s) => {
      expect(s).toEqual([
        {
          addressType: 'IPv4',
          managedBy: CONTROLLER,
          ports: [{ name: 'http', port: 9376, protocol: 'TCP' }],
          endpoints: [
            { addresses: ['10.244.1.3'], pod: pods[0].name, nodeName: nodeA, zone: 'zone-a', ready: true, serving: true, terminating: false },
            { addresses: ['10.244.1.4'], pod: pods[1].name, nodeName: nodeA, zone: 'zone-a', ready: true, serving: true, terminating: false },
            { addresses: ['10.244.2.5'], pod: pods[2].name, nodeName: nodeB, zone: 'zone-b', ready: true, serving: true, terminating: false },
            { addresses: ['10.244.2.6'], pod: pods[3].name, nodeName: nodeB, zone: 'zone-b', ready: false, serving: false, terminating: false },
          ],
        },
      ]);
    });
    const [slice] = await listSlices(ns, svc);
    expect(slice.metadata?.generateName).toBe(`${svc}-`);
    expect(slice.metadata?.labels?.['kubernetes.io/service-name']).toBe(svc);
    expect(slice.metadata?.ownerReferences).toEqual([expect.objectContaining({ kind: 'Service', name: svc, controller: true })]);
  });

  it.skipIf(!cluster().proxy)('kube-proxy: KUBE-SVC-I37Z43XJW6BD4TLV balances over the three ready Pods (1/3, 1/2, rest)', async () => {
    const chain = svcChain(ns, svc, 'http', 'TCP');
    expect(chain).toBe('KUBE-SVC-I37Z43XJW6BD4TLV');
    const nat = await waitForNat((n) => {
      expect(svcJumps(n, chain)).toEqual([
        { sep: 'KUBE-SEP-NMLWMRVHWN64GV3E', probability: '0.33333333349' },
        { sep: 'KUBE-SEP-4TW3FXCECP2QD3MS', probability: '0.50000000000' },
        { sep: 'KUBE-SEP-7TK4YZ6W7ZQLAAFQ' },
      ]);
    });
    expect(nat.rules.get('KUBE-SERVICES')).toContain(
      `-d 10.96.123.45/32 -p tcp -m comment --comment "${ns}/${svc}:http cluster IP" -m tcp --dport 80 -j ${chain}`,
    );
    expect(nat.rules.get('KUBE-SEP-NMLWMRVHWN64GV3E')).toEqual([
      `-s 10.244.1.3/32 -m comment --comment "${ns}/${svc}:http" -j KUBE-MARK-MASQ`,
      `-p tcp -m comment --comment "${ns}/${svc}:http" -m tcp -j DNAT --to-destination 10.244.1.3:9376`,
    ]);
    // The unready Pod gets no endpoint chain at all.
    expect(nat.chains.has(sepChain(ns, svc, 'http', 'TCP', '10.244.2.6', 9376))).toBe(false);
    // The rules printed in the spec's worked example, literally.
    expect(iptablesSave()).toContain(`-A ${chain} -m comment --comment "${ns}/${svc}:http -> 10.244.2.5:9376" -j KUBE-SEP-7TK4YZ6W7ZQLAAFQ`);
  });
});

describe('billing-service: selector component=backend over the Pods of two Deployments', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  const svc = 'billing-service';
  const billing = [
    { name: 'billing-app-7d9c5-aaaaa', ip: '10.244.3.10' },
    { name: 'billing-app-7d9c5-bbbbb', ip: '10.244.3.11' },
  ];
  const checkout = [
    { name: 'checkout-app-5f7b8-ccccc', ip: '10.244.4.20' },
    { name: 'checkout-app-5f7b8-ddddd', ip: '10.244.4.21' },
  ];

  beforeAll(async () => {
    f = await fixture('billing', { nodes: [{ zone: 'zone-a' }] });
    const { kc } = clients();
    const { AppsV1Api } = await import('@kubernetes/client-node');
    const apps = kc.makeApiClient(AppsV1Api);
    const deployment = (name: string, metaLabels: Record<string, string>, templateLabels: Record<string, string>) => ({
      metadata: { name, labels: metaLabels },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: templateLabels }, spec: { containers: [{ name: 'app', image: 'registry.invalid/app:1', ports: [{ name: 'http', containerPort: 8080 }] }] } },
      },
    });
    // The two Deployments the Service catches (labels on the Pod template) ...
    await apps.createNamespacedDeployment({ namespace: f.namespace, body: deployment('billing-app', { app: 'billing-app' }, { app: 'billing-app', component: 'backend' }) });
    await apps.createNamespacedDeployment({ namespace: f.namespace, body: deployment('checkout-app', { app: 'checkout-app' }, { app: 'checkout-app', component: 'backend' }) });
    // ... and one whose component label is only on the Deployment's own metadata, not on its Pods.
    await apps.createNamespacedDeployment({ namespace: f.namespace, body: deployment('inventory-app', { app: 'inventory-app', component: 'backend' }, { app: 'inventory-app' }) });
    // No Deployment controller runs: the Pods are written as the ReplicaSets would have made them.
    for (const p of billing) await runPod(f.namespace, p.name, { labels: { app: 'billing-app', component: 'backend', 'pod-template-hash': '7d9c5' }, node: f.nodes[0], ip: p.ip, ports: [{ name: 'http', containerPort: 8080 }] });
    for (const p of checkout) await runPod(f.namespace, p.name, { labels: { app: 'checkout-app', component: 'backend', 'pod-template-hash': '5f7b8' }, node: f.nodes[0], ip: p.ip, ports: [{ name: 'http', containerPort: 8080 }] });
    await runPod(f.namespace, 'inventory-app-6c4d2-eeeee', { labels: { app: 'inventory-app', 'pod-template-hash': '6c4d2' }, node: f.nodes[0], ip: '10.244.5.30', ports: [{ name: 'http', containerPort: 8080 }] });
    await createService(f.namespace, svc, { selector: { component: 'backend' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
  });
  afterAll(async () => f?.cleanup());

  it('Endpoints and EndpointSlice hold the Pods of both Deployments, not the one labelled only on its metadata', async () => {
    const all = [...billing, ...checkout];
    await waitForEndpoints(f.namespace, svc, (s) => {
      expect(s).toEqual([
        {
          addresses: all.map((p) => ({ ip: p.ip, pod: p.name, nodeName: f.nodes[0] })).sort((a, b) => a.ip.localeCompare(b.ip)),
          notReadyAddresses: [],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ]);
    });
    const slices = await waitForSlices(f.namespace, svc, (s) => {
      expect(s).toHaveLength(1);
      expect(s[0].endpoints.map((e) => e.pod).sort()).toEqual(all.map((p) => p.name).sort());
    });
    expect(slices[0].endpoints.every((e) => e.ready && e.serving && !e.terminating && e.zone === 'zone-a')).toBe(true);
  });

  it.skipIf(!cluster().proxy)('kube-proxy spreads over all four Pods (1/4, 1/3, 1/2, rest)', async () => {
    const chain = svcChain(f.namespace, svc, 'http', 'TCP');
    const want = expectedJumps(f.namespace, svc, 'http', 'TCP', [...billing, ...checkout].map((p) => ({ ip: p.ip, port: 8080 })));
    expect(want.map((j) => j.probability)).toEqual(['0.25000000000', '0.33333333349', '0.50000000000', undefined]);
    await waitForNat((n) => {
      expect(svcJumps(n, chain)).toEqual(want);
    });
  });
});

describe('Service without a selector plus a hand-written Endpoints', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  const svc = 'external-db';

  beforeAll(async () => {
    f = await fixture('nosel');
    const { core } = clients();
    await createService(f.namespace, svc, { ports: [{ name: 'postgres', port: 5432, targetPort: 5432 as never }] });
    await createService(f.namespace, 'no-endpoints', { ports: [{ name: 'http', port: 80 }] });
    await core.createNamespacedEndpoints({
      namespace: f.namespace,
      body: {
        metadata: { name: svc, labels: { owner: 'dba' } },
        subsets: [{
          addresses: [{ ip: '10.244.60.10' }, { ip: '10.244.60.11' }],
          notReadyAddresses: [{ ip: '10.244.60.12' }],
          ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' }],
        }],
      },
    });
  });
  afterAll(async () => f?.cleanup());

  it('is mirrored into one EndpointSlice managed by the mirroring controller (ready from addresses, no serving/terminating)', async () => {
    await waitForSlices(f.namespace, svc, (s) => {
      expect(s).toEqual([
        {
          addressType: 'IPv4',
          managedBy: MIRROR,
          ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' }],
          endpoints: [
            { addresses: ['10.244.60.10'], ready: true },
            { addresses: ['10.244.60.11'], ready: true },
            { addresses: ['10.244.60.12'], ready: false },
          ],
        },
      ]);
    });
    const [slice] = await listSlices(f.namespace, svc);
    expect(slice.metadata?.ownerReferences).toEqual([expect.objectContaining({ kind: 'Endpoints', name: svc })]);
    expect(slice.metadata?.labels).toMatchObject({ owner: 'dba', 'kubernetes.io/service-name': svc });
    // The hand-written Endpoints is left as written.
    const ep = await getEndpoints(f.namespace, svc);
    expect(ep?.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.244.60.10', '10.244.60.11']);
  });

  it('a selectorless Service without Endpoints gets neither Endpoints nor EndpointSlices', async () => {
    // Wait until the controllers have certainly seen the namespace (the mirrored slice exists).
    await waitFor(async () => (await listSlices(f.namespace, svc)).length === 1);
    expect(await getEndpoints(f.namespace, 'no-endpoints')).toBeUndefined();
    expect(await listSlices(f.namespace, 'no-endpoints')).toEqual([]);
  });

  it.skipIf(!cluster().proxy)('kube-proxy balances over the mirrored ready addresses only; the empty Service gets a REJECT', async () => {
    const chain = svcChain(f.namespace, svc, 'postgres', 'TCP');
    await waitForNat((n) => {
      expect(svcJumps(n, chain)).toEqual(expectedJumps(f.namespace, svc, 'postgres', 'TCP', [{ ip: '10.244.60.10', port: 5432 }, { ip: '10.244.60.11', port: 5432 }]));
    });
    const nat = parseIptablesSave(iptablesSave('nat'));
    expect(nat.chains.has(svcChain(f.namespace, 'no-endpoints', 'http', 'TCP'))).toBe(false);
    await waitFor(() => iptablesSave('filter').includes(`"${f.namespace}/no-endpoints:http has no endpoints"`), { what: 'REJECT rule' });
    expect(iptablesSave('filter')).toMatch(new RegExp(`-m comment --comment "${f.namespace}/no-endpoints:http has no endpoints" .*-j REJECT`));
  });
});

describe('named targetPort present on some Pods only', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  const svc = 'web';
  // a: http 8080 + metrics 9100; b: http 8080; c: http on 8081; d: no named port of the Service;
  // e: `http` but UDP (protocol must match too).
  const pods = {
    a: { ip: '10.244.7.1', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] },
    b: { ip: '10.244.7.2', ports: [{ name: 'http', containerPort: 8080 }] },
    c: { ip: '10.244.7.3', ports: [{ name: 'http', containerPort: 8081 }] },
    d: { ip: '10.244.7.4', ports: [{ name: 'grpc', containerPort: 9000 }] },
    e: { ip: '10.244.7.5', ports: [{ name: 'http', containerPort: 8080, protocol: 'UDP' }] },
  } as const;

  beforeAll(async () => {
    f = await fixture('named', { nodes: [{ zone: 'zone-a' }] });
    for (const [name, p] of Object.entries(pods)) {
      await runPod(f.namespace, `web-${name}`, { labels: { app: 'web' }, node: f.nodes[0], ip: p.ip, ports: p.ports.map((x) => ({ ...x })) });
    }
    await createService(f.namespace, svc, {
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http' as never },
        { name: 'metrics', port: 9090, targetPort: 'metrics' as never },
      ],
    });
  });
  afterAll(async () => f?.cleanup());

  it('Endpoints: ports with identical address sets share a subset; Pods resolving nothing are absent', async () => {
    const n = f.nodes[0];
    await waitForEndpoints(f.namespace, svc, (s) => {
      expect(s).toEqual([
        { addresses: [{ ip: '10.244.7.1', pod: 'web-a', nodeName: n }, { ip: '10.244.7.2', pod: 'web-b', nodeName: n }], notReadyAddresses: [], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
        { addresses: [{ ip: '10.244.7.1', pod: 'web-a', nodeName: n }], notReadyAddresses: [], ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }] },
        { addresses: [{ ip: '10.244.7.3', pod: 'web-c', nodeName: n }], notReadyAddresses: [], ports: [{ name: 'http', port: 8081, protocol: 'TCP' }] },
      ]);
    });
  });

  it('EndpointSlices: one slice per set of resolved ports, including an empty port list', async () => {
    await waitForSlices(f.namespace, svc, (s) => {
      const bySet = Object.fromEntries(s.map((x) => [x.ports.map((p) => `${p.name}/${p.port}`).join(',') || '(none)', x.endpoints.map((e) => e.pod).sort()]));
      expect(bySet).toEqual({
        'http/8080,metrics/9100': ['web-a'],
        'http/8080': ['web-b'],
        'http/8081': ['web-c'],
        '(none)': ['web-d', 'web-e'],
      });
      expect(s.every((x) => x.managedBy === CONTROLLER)).toBe(true);
    });
  });

  it.skipIf(!cluster().proxy)('kube-proxy: http balances over a:8080, b:8080, c:8081; metrics goes to a:9100 only', async () => {
    const http = svcChain(f.namespace, svc, 'http', 'TCP');
    const metrics = svcChain(f.namespace, svc, 'metrics', 'TCP');
    await waitForNat((n) => {
      expect(svcJumps(n, http)).toEqual(expectedJumps(f.namespace, svc, 'http', 'TCP', [
        { ip: '10.244.7.1', port: 8080 }, { ip: '10.244.7.2', port: 8080 }, { ip: '10.244.7.3', port: 8081 },
      ]));
      expect(svcJumps(n, metrics)).toEqual([{ sep: sepChain(f.namespace, svc, 'metrics', 'TCP', '10.244.7.1', 9100) }]);
    });
  });
});

describe('sessionAffinity ClientIP', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  const eps = [{ ip: '10.244.8.10', port: 8080 }, { ip: '10.244.8.9', port: 8080 }];

  beforeAll(async () => {
    f = await fixture('sticky', { nodes: [{ zone: 'zone-b' }] });
    for (const [i, e] of eps.entries()) {
      await runPod(f.namespace, `sticky-${i}`, { labels: { app: 'sticky' }, node: f.nodes[0], ip: e.ip, ports: [{ containerPort: 8080 }] });
    }
    // An unnamed port: the service-port name is just ns/name.
    await createService(f.namespace, 'sticky', { selector: { app: 'sticky' }, sessionAffinity: 'ClientIP', ports: [{ port: 8080, targetPort: 8080 as never }] });
    await createService(f.namespace, 'sticky-60', {
      selector: { app: 'sticky' },
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
      ports: [{ name: 'http', port: 80, targetPort: 8080 as never, protocol: 'TCP' }],
    });
  });
  afterAll(async () => f?.cleanup());

  it('the API defaults the timeout to 10800 s', async () => {
    const s = await clients().core.readNamespacedService({ name: 'sticky', namespace: f.namespace });
    expect(s.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds).toBe(10800);
  });

  it.skipIf(!cluster().proxy)('kube-proxy adds `-m recent --rcheck` jumps before balancing and `--set` on each DNAT', async () => {
    const ns = f.namespace;
    const chain = svcChain(ns, 'sticky', '', 'TCP');
    // 10.244.8.10 sorts before 10.244.8.9 (text order).
    const seps = expectedJumps(ns, 'sticky', '', 'TCP', eps).map((j) => j.sep);
    expect(seps).toEqual([sepChain(ns, 'sticky', '', 'TCP', '10.244.8.10', 8080), sepChain(ns, 'sticky', '', 'TCP', '10.244.8.9', 8080)]);
    const nat = await waitForNat((n) => {
      expect(svcJumps(n, chain)).toEqual(expectedJumps(ns, 'sticky', '', 'TCP', eps));
    });
    const rules = nat.rules.get(chain)!;
    const affinity = rules.filter((r) => r.includes('-m recent'));
    const ordered = [eps[0], eps[1]]; // already in kube-proxy's text order
    expect(affinity).toEqual(ordered.map((e, i) => `-m comment --comment "${ns}/sticky -> ${e.ip}:${e.port}" -m recent --rcheck --seconds 10800 --reap --name ${seps[i]} --mask 255.255.255.255 --rsource -j ${seps[i]}`));
    // The affinity checks come before the first probability rule.
    expect(rules.findIndex((r) => r.includes('-m recent'))).toBeLessThan(rules.findIndex((r) => r.includes('--probability')));
    expect(nat.rules.get(seps[0])).toEqual([
      `-s 10.244.8.10/32 -m comment --comment "${ns}/sticky" -j KUBE-MARK-MASQ`,
      `-p tcp -m comment --comment "${ns}/sticky" -m recent --set --name ${seps[0]} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.8.10:8080`,
    ]);

    const chain60 = svcChain(ns, 'sticky-60', 'http', 'TCP');
    const n60 = await waitForNat((n) => {
      expect(svcJumps(n, chain60)).toHaveLength(2);
    });
    expect(n60.rules.get(chain60)!.filter((r) => r.includes('-m recent')).every((r) => r.includes('--seconds 60 --reap'))).toBe(true);
  });
});
