// Further behaviour of the real controllers and kube-proxy that svc-explain predicts
// (service-semantics.md §1-§6): headless and ExternalName Services, hostnames, native sidecars,
// UDP named ports, topology hints, and traffic policies seen from kube-proxy's own Node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cluster, createService, expectedJumps, fixture, getEndpoints, iptablesSave, listSlices, parseIptablesSave,
  runPod, sepChain, svcChain, svcJumps, waitFor, waitForEndpoints, waitForNat, waitForSlices,
} from './helpers/k8s.js';

describe('headless, ExternalName and hostnames', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    f = await fixture('headless', { nodes: [{ zone: 'zone-a' }] });
    const node = f.nodes[0];
    await runPod(f.namespace, 'db-0', { labels: { app: 'db' }, node, ip: '10.244.30.1', hostname: 'db-0', subdomain: 'db', ports: [{ name: 'pg', containerPort: 5432 }] });
    await runPod(f.namespace, 'db-1', { labels: { app: 'db' }, node, ip: '10.244.30.2', hostname: 'db-1', subdomain: 'other', ports: [{ name: 'pg', containerPort: 5432 }] });
    await createService(f.namespace, 'db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432, targetPort: 'pg' as never }] });
    await createService(f.namespace, 'db-ext', { type: 'ExternalName', externalName: 'db.example.invalid', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] });
    // Control: the same Pods behind an ordinary ClusterIP Service, created last.
    await createService(f.namespace, 'db-vip', { selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432, targetPort: 'pg' as never }] });
  });
  afterAll(async () => f?.cleanup());

  it('headless: hostname only where spec.subdomain names the Service; the slice is labelled headless', async () => {
    const n = f.nodes[0];
    await waitForEndpoints(f.namespace, 'db', (s) => {
      expect(s).toEqual([{
        addresses: [{ ip: '10.244.30.1', pod: 'db-0', nodeName: n, hostname: 'db-0' }, { ip: '10.244.30.2', pod: 'db-1', nodeName: n }],
        notReadyAddresses: [],
        ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
      }]);
    });
    await waitForSlices(f.namespace, 'db', (s) => {
      expect(s).toHaveLength(1);
      expect(s[0].endpoints.map((e) => [e.pod, e.hostname])).toEqual([['db-0', 'db-0'], ['db-1', undefined]]);
    });
    const [slice] = await listSlices(f.namespace, 'db');
    expect(slice.metadata?.labels?.['service.kubernetes.io/headless']).toBe('');
    const ep = await getEndpoints(f.namespace, 'db');
    expect(ep?.metadata?.labels?.['service.kubernetes.io/headless']).toBe('');
  });

  it('ExternalName with a selector: the controllers publish nothing', async () => {
    await waitFor(async () => (await listSlices(f.namespace, 'db-vip')).length === 1 && (await getEndpoints(f.namespace, 'db-vip')) !== undefined);
    expect(await getEndpoints(f.namespace, 'db-ext')).toBeUndefined();
    expect(await listSlices(f.namespace, 'db-ext')).toEqual([]);
  });

  it.skipIf(!cluster().proxy)('kube-proxy writes no chains for headless or ExternalName Services', async () => {
    // Once the control Service (created after the others) has its chain, kube-proxy has seen them all.
    const nat = await waitForNat((n) => {
      expect(svcJumps(n, svcChain(f.namespace, 'db-vip', 'pg', 'TCP'))).toHaveLength(2);
    });
    expect(nat.chains.has(svcChain(f.namespace, 'db', 'pg', 'TCP'))).toBe(false);
    expect(nat.chains.has(sepChain(f.namespace, 'db', 'pg', 'TCP', '10.244.30.1', 5432))).toBe(false);
    expect(nat.chains.has(svcChain(f.namespace, 'db-ext', 'pg', 'TCP'))).toBe(false);
  });
});

describe('named ports: native sidecars, ordinary init containers, UDP', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    f = await fixture('sidecar', { nodes: [{ zone: 'zone-a' }] });
    const node = f.nodes[0];
    const img = 'registry.invalid/app:1';
    // metrics served by a native sidecar (init container with restartPolicy Always) ...
    await runPod(f.namespace, 'with-sidecar', {
      labels: { app: 'side' }, node, ip: '10.244.31.1',
      containers: [{ name: 'app', image: img, ports: [{ name: 'http', containerPort: 8080 }] }],
      initContainers: [{ name: 'exporter', image: img, restartPolicy: 'Always', ports: [{ name: 'metrics', containerPort: 9100 }] }],
    });
    // ... and by an ordinary init container, which never counts.
    await runPod(f.namespace, 'with-init', {
      labels: { app: 'side' }, node, ip: '10.244.31.2',
      containers: [{ name: 'app', image: img, ports: [{ name: 'http', containerPort: 8080 }] }],
      initContainers: [{ name: 'setup', image: img, ports: [{ name: 'metrics', containerPort: 9100 }] }],
    });
    await createService(f.namespace, 'side', { selector: { app: 'side' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }, { name: 'metrics', port: 9100, targetPort: 'metrics' as never }] });
    // UDP: the named port must match name and protocol.
    await runPod(f.namespace, 'dns-a', { labels: { app: 'dns' }, node, ip: '10.244.31.3', ports: [{ name: 'dns', containerPort: 5353, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 5353, protocol: 'TCP' }] });
    await createService(f.namespace, 'dns', { selector: { app: 'dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' as never }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 'dns-tcp' as never }] });
  });
  afterAll(async () => f?.cleanup());

  it('a native sidecar port resolves (Endpoints and EndpointSlice); an ordinary init container port does not', async () => {
    const n = f.nodes[0];
    await waitForEndpoints(f.namespace, 'side', (s) => {
      expect(s).toEqual([
        { addresses: [{ ip: '10.244.31.1', pod: 'with-sidecar', nodeName: n }], notReadyAddresses: [], ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }] },
        { addresses: [{ ip: '10.244.31.1', pod: 'with-sidecar', nodeName: n }, { ip: '10.244.31.2', pod: 'with-init', nodeName: n }], notReadyAddresses: [], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      ].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));
    });
    await waitForSlices(f.namespace, 'side', (s) => {
      const bySet = Object.fromEntries(s.map((x) => [x.ports.map((p) => `${p.name}/${p.port}`).join(','), x.endpoints.map((e) => e.pod)]));
      expect(bySet).toEqual({ 'http/8080,metrics/9100': ['with-sidecar'], 'http/8080': ['with-init'] });
    });
  });

  it('UDP and TCP ports of the same number resolve separately', async () => {
    await waitForSlices(f.namespace, 'dns', (s) => {
      expect(s).toHaveLength(1);
      expect(s[0].ports).toEqual([{ name: 'dns', port: 5353, protocol: 'UDP' }, { name: 'dns-tcp', port: 5353, protocol: 'TCP' }]);
    });
  });

  it.skipIf(!cluster().proxy)('kube-proxy names UDP chains with `udp` and DNATs with -p udp', async () => {
    const udp = svcChain(f.namespace, 'dns', 'dns', 'UDP');
    const tcp = svcChain(f.namespace, 'dns', 'dns-tcp', 'TCP');
    const nat = await waitForNat((n) => {
      expect(svcJumps(n, udp)).toEqual([{ sep: sepChain(f.namespace, 'dns', 'dns', 'UDP', '10.244.31.3', 5353) }]);
      expect(svcJumps(n, tcp)).toEqual([{ sep: sepChain(f.namespace, 'dns', 'dns-tcp', 'TCP', '10.244.31.3', 5353) }]);
    });
    expect(nat.rules.get(sepChain(f.namespace, 'dns', 'dns', 'UDP', '10.244.31.3', 5353))).toContain(
      `-p udp -m comment --comment "${f.namespace}/dns:dns" -m udp -j DNAT --to-destination 10.244.31.3:5353`,
    );
    expect(svcJumps(nat, svcChain(f.namespace, 'side', 'metrics', 'TCP'))).toEqual([{ sep: sepChain(f.namespace, 'side', 'metrics', 'TCP', '10.244.31.1', 9100) }]);
  });
});

describe('topology and traffic policies, seen from kube-proxy\'s Node', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  // kube-proxy runs for cluster().proxy.node (zone-a). Pods: two on that node, one on a node in
  // zone-a, one on a node in zone-b.
  const pods = [
    { name: 'local-1', ip: '10.244.32.1', where: 'proxy' },
    { name: 'local-2', ip: '10.244.32.2', where: 'proxy' },
    { name: 'same-zone', ip: '10.244.32.3', where: 'a' },
    { name: 'other-zone', ip: '10.244.32.4', where: 'b' },
  ] as const;

  beforeAll(async () => {
    f = await fixture('topo', { nodes: [{ zone: 'zone-a' }, { zone: 'zone-b' }] });
    const proxyNode = cluster().proxy?.node ?? f.nodes[0];
    const nodeOf = { proxy: proxyNode, a: f.nodes[0], b: f.nodes[1] };
    for (const p of pods) await runPod(f.namespace, p.name, { labels: { app: 'topo' }, node: nodeOf[p.where], ip: p.ip, ports: [{ containerPort: 80 }] });
    await runPod(f.namespace, 'remote-only', { labels: { app: 'remote' }, node: f.nodes[1], ip: '10.244.32.9', ports: [{ containerPort: 80 }] });
    await createService(f.namespace, 'close', { selector: { app: 'topo' }, trafficDistribution: 'PreferClose', ports: [{ name: 'http', port: 80 }] });
    await createService(f.namespace, 'local', { selector: { app: 'topo' }, internalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80 }] });
    await createService(f.namespace, 'local-none', { selector: { app: 'remote' }, internalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80 }] });
  });
  afterAll(async () => f?.cleanup());

  it('trafficDistribution PreferClose: every ready endpoint gets a hint for its own zone', async () => {
    await waitForSlices(f.namespace, 'close', (_s, raw) => {
      const hints = Object.fromEntries(raw[0].endpoints.map((e) => [e.targetRef?.name, e.hints?.forZones?.map((z) => z.name)]));
      expect(hints).toEqual({ 'local-1': ['zone-a'], 'local-2': ['zone-a'], 'same-zone': ['zone-a'], 'other-zone': ['zone-b'] });
    });
  });

  it.skipIf(!cluster().proxy)('kube-proxy in zone-a uses only the zone-a endpoints of a PreferClose Service', async () => {
    const chain = svcChain(f.namespace, 'close', 'http', 'TCP');
    await waitForNat((n) => {
      expect(svcJumps(n, chain)).toEqual(expectedJumps(f.namespace, 'close', 'http', 'TCP', pods.filter((p) => p.where !== 'b').map((p) => ({ ip: p.ip, port: 80 }))));
    });
  });

  it.skipIf(!cluster().proxy)('internalTrafficPolicy Local: ClusterIP traffic goes to KUBE-SVL with the node\'s own endpoints only', async () => {
    const svl = svcChain(f.namespace, 'local', 'http', 'TCP').replace('KUBE-SVC-', 'KUBE-SVL-');
    const nat = await waitForNat((n) => {
      expect(svcJumps(n, svl)).toEqual(expectedJumps(f.namespace, 'local', 'http', 'TCP', pods.filter((p) => p.where === 'proxy').map((p) => ({ ip: p.ip, port: 80 }))));
    });
    expect(nat.chains.has(svcChain(f.namespace, 'local', 'http', 'TCP'))).toBe(false);
    expect(nat.rules.get('KUBE-SERVICES')!.some((r) => r.includes(`"${f.namespace}/local:http cluster IP"`) && r.endsWith(`-j ${svl}`))).toBe(true);
    // Endpoint chains exist only for the endpoints this node can use.
    expect(nat.chains.has(sepChain(f.namespace, 'local', 'http', 'TCP', '10.244.32.4', 80))).toBe(false);
  });

  it.skipIf(!cluster().proxy)('internalTrafficPolicy Local without a local endpoint: no nat chains, a DROP in filter', async () => {
    await waitFor(() => iptablesSave('filter').includes(`"${f.namespace}/local-none:http has no local endpoints"`), { what: 'DROP rule' });
    expect(iptablesSave('filter')).toMatch(new RegExp(`--comment "${f.namespace}/local-none:http has no local endpoints" .*-j DROP`));
    const nat = parseIptablesSave(iptablesSave('nat'));
    expect(nat.chains.has(svcChain(f.namespace, 'local-none', 'http', 'TCP').replace('KUBE-SVC-', 'KUBE-SVL-'))).toBe(false);
  });
});
