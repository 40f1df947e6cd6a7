// The places where explain/check disagreed with the real controllers and kube-proxy (issue 8), built by
// hand as a new user would: a foreign EndpointSlice next to the controller's, dual-stack Services (and a
// selectorless one with mixed-family Endpoints), Pods on a Node that does not exist, Pods that match
// only in another namespace, and selectorless Services whose hand-written endpoints kube-proxy cannot pair. Each compares the CLI's output (`explain -o json`, `check -o json`) with the
// real kube-proxy rules of both families. Needs `npm run build` first: it runs dist/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceExplainView } from '../../src/core/live/explain-view.js';
import {
  clients, cluster, createNamespace, createService, deleteNamespace, fixture, iptablesSave, nftList, parseIptablesSave, randomSuffix,
  runPod, svcChain, svcJumps, waitFor, waitForSlices,
} from './helpers/k8s.js';
import { parseNftTable } from './helpers/nft-table.js';
import { iptablesViewDifferences, nftablesViewDifferences } from './helpers/proxy-view-oracle.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');

interface Run { status: number | null; stdout: string; stderr: string }
function run(args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args, '--kubeconfig', cluster().kubeconfig], {
    encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const show = (r: Run) => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
function explainJson(args: string[]): ServiceExplainView {
  const r = run(['explain', ...args, '-o', 'json']);
  expect([0, 1], show(r)).toContain(r.status);
  return JSON.parse(r.stdout) as ServiceExplainView;
}
interface Finding { check: string; severity: string; message: string; object: { name: string } }
function checkFindings(namespace: string): Finding[] {
  const r = run(['check', '-n', namespace, '-o', 'json']);
  expect([0, 1], show(r)).toContain(r.status);
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
}

/** The explain view of every family equals kube-proxy's real tables (iptables and ip6tables, nft ip and ip6). */
function viewDifferences(view: ServiceExplainView): string[] {
  return view.live.proxyByFamily.flatMap((family) =>
    iptablesViewDifferences(family, parseIptablesSave(iptablesSave('nat', family.family)), parseIptablesSave(iptablesSave('filter', family.family))).differences);
}
function nftViewDifferences(view: ServiceExplainView): string[] {
  return view.live.proxyByFamily.flatMap((family) =>
    nftablesViewDifferences(family, parseNftTable(nftList('table', family.family === 'IPv6' ? 'ip6' : 'ip', 'kube-proxy'))).differences);
}

let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;
const proxyNode = () => cluster().proxy?.node ?? f.nodes[0];
const http = [{ name: 'http', containerPort: 8080 }];
const httpPort = [{ name: 'http', port: 80, targetPort: 'http' as never }];

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  f = await fixture('exact', { nodes: [{ zone: 'zone-a' }] });
  ns = f.namespace;
});
afterAll(async () => {
  await f?.cleanup();
});

describe('a foreign EndpointSlice next to the controller\'s', () => {
  beforeAll(async () => {
    for (const [i, name] of ['mixed-1', 'mixed-2'].entries()) {
      await runPod(ns, name, { labels: { app: 'mixed' }, node: proxyNode(), ip: `10.244.90.${i + 1}`, ports: http });
    }
    await createService(ns, 'mixed', { selector: { app: 'mixed' }, ports: httpPort });
    await clients().discovery.createNamespacedEndpointSlice({
      namespace: ns,
      body: {
        metadata: { name: 'mixed-remote', labels: { 'kubernetes.io/service-name': 'mixed', 'endpointslice.kubernetes.io/managed-by': 'mesh.example.com' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['10.244.90.9'], conditions: { ready: true } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    });
    await waitForSlices(ns, 'mixed', (s) => expect(s.flatMap((x) => x.endpoints)).toHaveLength(3));
  });

  it.skipIf(!cluster().proxy)('kube-proxy balances over 3 backends at 1/3; explain shows the same 3, the third naming its slice and manager', async () => {
    await waitFor(() => svcJumps(parseIptablesSave(iptablesSave('nat')), svcChain(ns, 'mixed', 'http')).length === 3, { what: 'KUBE-SVC with 3 jumps' });
    const view = explainJson(['mixed', '-n', ns, '--node', proxyNode()]);
    const backends = view.live.proxy.ports[0].frontends[0].backends;
    expect(backends.map((b) => [b.ip, b.share.toFixed(4)])).toEqual([['10.244.90.1', '0.3333'], ['10.244.90.2', '0.3333'], ['10.244.90.9', '0.3333']]);
    expect(backends.find((b) => b.ip === '10.244.90.9')).toMatchObject({ slice: 'mixed-remote', managedBy: 'mesh.example.com' });
    expect(backends.find((b) => b.ip === '10.244.90.1')?.managedBy).toBe('endpointslice-controller.k8s.io');
    expect(viewDifferences(view)).toEqual([]);
    const text = run(['explain', 'mixed', '-n', ns, '--node', proxyNode()]);
    expect(text.stdout, show(text)).toMatch(/10\.244\.90\.9:8080 +KUBE-SEP-\S+ +from mixed-remote \(mesh\.example\.com\)/);
    expect(text.stdout).toMatch(/EndpointSlices: as predicted/);
  });

  it('check warns with foreign-endpointslices, and endpoints-drift stays quiet (it compares the controller\'s slices only)', () => {
    const findings = checkFindings(ns).filter((x) => x.object.name === 'mixed');
    const foreign = findings.filter((x) => x.check === 'foreign-endpointslices');
    expect(foreign.map((x) => x.severity), JSON.stringify(findings)).toEqual(['warning']);
    expect(foreign[0].message).toMatch(/mixed-remote \(managed-by mesh\.example\.com\).*10\.244\.90\.9/);
    expect(findings.map((x) => x.check)).not.toContain('endpoints-drift');
  });
});

describe('dual-stack Services: a proxy view per family', () => {
  const ips = (i: number) => [`10.244.91.${i}`, `fd00:10:244::91:${i}`];
  beforeAll(async () => {
    for (const i of [1, 2]) await runPod(ns, `ds-${i}`, { labels: { app: 'ds' }, node: proxyNode(), ip: ips(i)[0], ips: ips(i), ports: http });
    await createService(ns, 'ds6', { selector: { app: 'ds' }, ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6', 'IPv4'], ports: httpPort });
    await createService(ns, 'ds4', { selector: { app: 'ds' }, ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'], ports: httpPort });
    // Selectorless, dual-stack, with hand-written Endpoints of both families (mirrored into one slice per family).
    await createService(ns, 'manual', { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'], ports: [{ name: 'http', port: 80, targetPort: 8080 as never }] });
    await clients().core.createNamespacedEndpoints({
      namespace: ns,
      body: { metadata: { name: 'manual' }, subsets: [{ addresses: [{ ip: '10.244.92.1' }, { ip: 'fd00:10:244::92:1' }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }] },
    });
    for (const name of ['ds6', 'ds4']) await waitForSlices(ns, name, (s) => expect(s.flatMap((x) => x.endpoints)).toHaveLength(4));
    await waitForSlices(ns, 'manual', (s) => expect(s.flatMap((x) => x.endpoints)).toHaveLength(2));
  });

  it.skipIf(!cluster().proxy).each([
    ['ds6', ['IPv6', 'IPv4'], 2],
    ['ds4', ['IPv4', 'IPv6'], 2],
    ['manual', ['IPv4', 'IPv6'], 1],
  ])('%s: explain -o json has families %j, each equal to iptables-save / ip6tables-save', async (name, families, backends) => {
    const view = await waitFor(() => {
      const v = explainJson([name as string, '-n', ns, '--node', proxyNode()]);
      expect(viewDifferences(v)).toEqual([]);
      return v;
    }, { what: `${name}: explain view equals the real rules`, timeoutMs: 30_000, intervalMs: 1000 });
    expect(view.live.proxyByFamily.map((x) => x.family)).toEqual(families);
    for (const family of view.live.proxyByFamily) {
      expect(family.skipped).toBeNull();
      expect(family.ports[0].frontends[0].backends, family.family).toHaveLength(backends as number);
      for (const b of family.ports[0].frontends[0].backends) expect(b.ip.includes(':')).toBe(family.family === 'IPv6');
    }
    const text = run(['explain', name as string, '-n', ns, '--node', proxyNode(), '--show-rules', '--cluster-cidr', [cluster().clusterCIDR, cluster().clusterCIDRv6].filter(Boolean).join(',')]);
    expect(text.stdout, show(text)).toMatch(/Proxy \(kube-proxy [0-9.]+, iptables mode, IPv4, iptables\)/);
    expect(text.stdout).toMatch(/Proxy \(kube-proxy [0-9.]+, iptables mode, IPv6, ip6tables\)/);
    expect(text.stdout).toMatch(/Predicted ip6tables-save rules for this Service \(IPv6\)/);
    // Every predicted IPv6 KUBE-SVC/KUBE-SEP rule line is in the real ip6tables-save.
    const real6 = iptablesSave('nat', 'IPv6');
    const ipv6Rules = text.stdout.split('Predicted ip6tables-save rules for this Service (IPv6):')[1].split('Predicted iptables-save rules')[0].split('\n').map((l) => l.trim()).filter((l) => /^-A KUBE-(SVC|SEP)-/.test(l));
    expect(ipv6Rules.length).toBeGreaterThan(0);
    for (const rule of ipv6Rules) expect(real6).toContain(rule);
  });

  it.skipIf(!cluster().nftProxy).each(['ds6', 'ds4', 'manual'])('%s: the nftables view of both tables (ip, ip6) equals nft list', async (name) => {
    const nft = cluster().nftProxy!;
    await waitFor(() => {
      const v = explainJson([name, '-n', ns, '--node', nft.node, '--proxy-mode', 'nftables']);
      expect(v.live.proxyByFamily).toHaveLength(2);
      expect(nftViewDifferences(v)).toEqual([]);
      return true;
    }, { what: `${name}: nftables view equals nft list`, timeoutMs: 30_000, intervalMs: 1000 });
  });
});

describe('Pods on a Node that does not exist', () => {
  const ghost = `ghost-${randomSuffix()}`;
  beforeAll(async () => {
    for (const [i, name] of ['gh-1', 'gh-2'].entries()) await runPod(ns, name, { labels: { app: 'gh' }, node: ghost, ip: `10.244.93.${i + 1}`, ports: http });
    await createService(ns, 'gh', { selector: { app: 'gh' }, ports: httpPort });
    await waitForSlices(ns, 'gh', (s) => expect(s.length).toBeGreaterThan(0));
  });

  it('check reports no-proxy-backends, naming the missing Node for each Pod', () => {
    const findings = checkFindings(ns).filter((x) => x.object.name === 'gh');
    const found = findings.filter((x) => x.check === 'no-proxy-backends');
    expect(found.map((x) => x.severity), JSON.stringify(findings)).toEqual(['error']);
    expect(found[0].message).toContain(`Pod gh-1: its Node ${ghost} does not exist`);
    expect(found[0].message).toContain(`Pod gh-2: its Node ${ghost} does not exist`);
  });

  it.skipIf(!cluster().proxy)('explain marks the Node as missing and shows the REJECT kube-proxy really writes', async () => {
    await waitFor(() => {
      expect(viewDifferences(explainJson(['gh', '-n', ns, '--node', proxyNode()]))).toEqual([]);
      return true;
    }, { what: 'gh: REJECT as explained', timeoutMs: 30_000, intervalMs: 1000 });
    const text = run(['explain', 'gh', '-n', ns]);
    expect(text.stdout, show(text)).toContain(`${ghost} (no such Node)`);
    expect(text.stdout).toContain('REJECT: no endpoints');
  });
});

describe('Pods that match only in another namespace', () => {
  let other: string;
  beforeAll(async () => {
    other = await createNamespace('exact-other');
    await runPod(other, 'lost-1', { labels: { app: 'lost' }, node: f.nodes[0], ip: '10.244.94.1', ports: http });
    await createService(ns, 'lost', { selector: { app: 'lost' }, ports: httpPort });
  });
  afterAll(async () => {
    if (other) await deleteNamespace(other);
  });

  it('explain SERVICE names selector-in-other-namespace, not selector-matches-nothing', () => {
    const view = explainJson(['lost', '-n', ns]);
    const checks = view.findings.map((x) => x.check);
    expect(checks, JSON.stringify(view.findings)).toContain('selector-in-other-namespace');
    expect(checks).not.toContain('selector-matches-nothing');
    expect(view.findings.find((x) => x.check === 'selector-in-other-namespace')?.message).toContain(`Pod ${other}/lost-1`);
  });

  it('check -n NS names it too', () => {
    const checks = checkFindings(ns).filter((x) => x.object.name === 'lost').map((x) => x.check);
    expect(checks).toContain('selector-in-other-namespace');
    expect(checks).not.toContain('selector-matches-nothing');
  });
});

describe('selectorless Services whose hand-written endpoints give kube-proxy no backend', () => {
  // Each: the Service's ports, its Endpoints (or one EndpointSlice), and the Service ports that must end in a REJECT.
  const cases: Array<{ name: string; ports: object[]; subsets?: object[]; labels?: Record<string, string>; slice?: object; cause?: RegExp; broken: string[] }> = [
    { name: 'he-unnamed', ports: [{ name: 'pg', port: 5432 }], subsets: [{ addresses: [{ ip: '10.244.95.1' }], ports: [{ port: 5432 }] }], cause: /the port \(unnamed\) 5432\/TCP.*name the endpoint port pg/, broken: ['pg'] },
    { name: 'he-half', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }], subsets: [{ addresses: [{ ip: '10.244.95.2' }], ports: [{ name: 'http', port: 8080 }, { name: 'tls', port: 8443 }] }], cause: /tls 8443\/TCP/, broken: ['https'] },
    { name: 'he-notready', ports: [{ port: 6379 }], subsets: [{ notReadyAddresses: [{ ip: '10.244.95.3' }], ports: [{ port: 6379 }] }], cause: /none of the 1 addresses/, broken: [''] },
    { name: 'he-skip', ports: [{ port: 443 }], labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' }, subsets: [{ addresses: [{ ip: '10.244.95.4' }], ports: [{ port: 8443 }] }], cause: /skip-mirror/, broken: [''] },
    { name: 'he-udp', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }], slice: { addressType: 'IPv4', endpoints: [{ addresses: ['10.244.95.5'] }], ports: [{ name: 'dns', port: 53, protocol: 'TCP' }] }, cause: /the Service port is UDP/, broken: ['dns'] },
    { name: 'he-good', ports: [{ name: 'pg', port: 5432 }], subsets: [{ addresses: [{ ip: '10.244.95.6' }], ports: [{ name: 'pg', port: 15432 }] }], broken: [] },
    { name: 'he-plain', ports: [{ port: 80, targetPort: 9376 }], subsets: [{ addresses: [{ ip: '10.244.95.7' }], ports: [{ port: 9376 }] }], broken: [] },
  ];
  const manifests: object[] = [];
  beforeAll(async () => {
    for (const c of cases) {
      const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: c.name, namespace: ns }, spec: { ports: c.ports } };
      await createService(ns, c.name, service.spec as never);
      manifests.push(service);
      if (c.subsets) {
        const endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: c.name, namespace: ns, ...(c.labels ? { labels: c.labels } : {}) }, subsets: c.subsets };
        await clients().core.createNamespacedEndpoints({ namespace: ns, body: endpoints as never });
        manifests.push(endpoints);
      }
      if (c.slice) {
        const slice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `${c.name}-1`, namespace: ns, labels: { 'kubernetes.io/service-name': c.name } }, ...c.slice };
        await clients().discovery.createNamespacedEndpointSlice({ namespace: ns, body: slice as never });
        manifests.push(slice);
      }
    }
    // Every Endpoints not labelled skip-mirror is mirrored before the checks run.
    for (const c of cases) if (c.subsets && !c.labels) await waitForSlices(ns, c.name, (s) => expect(s.length).toBeGreaterThan(0));
  });

  const portsOf = (findings: Finding[], name: string) =>
    findings.filter((x) => x.check === 'manual-endpoints-no-backend' && x.object.name === name).map((x) => /for port (\S+) \(/.exec(x.message)?.[1] ?? '');

  it('check names exactly the broken ports, with their cause; lint of the same objects offline agrees', () => {
    const live = checkFindings(ns);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'svcx-he-')), 'objects.json');
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }));
    const r = spawnSync(process.execPath, [bin, 'lint', '-o', 'json', file], { encoding: 'utf8' });
    const offline = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
    for (const c of cases) {
      expect(portsOf(live, c.name), `${c.name}: ${JSON.stringify(live.filter((x) => x.object.name === c.name))}`).toEqual(c.broken);
      expect(portsOf(offline, c.name), `${c.name} offline`).toEqual(c.broken);
      for (const findings of [live, offline]) {
        const found = findings.find((x) => x.check === 'manual-endpoints-no-backend' && x.object.name === c.name);
        if (c.cause) expect(found?.message).toMatch(c.cause);
      }
    }
    expect(offline.filter((x) => x.check === 'invalid-endpoints')).toEqual([]);
  });

  it.skipIf(!cluster().proxy)('kube-proxy rejects exactly those ports: the explain view equals iptables-save, no backend where check says so', async () => {
    for (const c of cases) {
      const view = await waitFor(() => {
        const v = explainJson([c.name, '-n', ns, '--node', proxyNode()]);
        expect(viewDifferences(v)).toEqual([]);
        return v;
      }, { what: `${c.name}: explain view equals the real rules`, timeoutMs: 30_000, intervalMs: 1000 });
      const empty = view.live.proxy.ports.filter((p) => p.frontends[0].backends.length === 0).map((p) => p.servicePortName.split(':')[1] ?? '');
      expect(empty, c.name).toEqual(c.broken);
    }
  });

  it.skipIf(!cluster().nftProxy)('and the nftables view equals nft list', async () => {
    const nft = cluster().nftProxy!;
    for (const c of cases) {
      await waitFor(() => {
        expect(nftViewDifferences(explainJson([c.name, '-n', ns, '--node', nft.node, '--proxy-mode', 'nftables']))).toEqual([]);
        return true;
      }, { what: `${c.name}: nftables view equals nft list`, timeoutMs: 30_000, intervalMs: 1000 });
    }
  });
});

describe('a hand-written Endpoints for a Service that has a selector', () => {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'he-owned' }, spec: { selector: { app: 'he-owned' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } };
  const endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'he-owned' }, subsets: [{ addresses: [{ ip: '192.0.2.80' }], ports: [{ name: 'http', port: 8080 }] }] };
  beforeAll(async () => {
    // Written first, as `kubectl apply -f` of one file does when the Endpoints comes before the Service.
    await clients().core.createNamespacedEndpoints({ namespace: ns, body: endpoints as never });
    await runPod(ns, 'he-owned-1', { labels: { app: 'he-owned' }, node: proxyNode(), ip: '10.244.96.1', ports: http });
    await createService(ns, 'he-owned', service.spec as never);
  });

  it('lint warns with endpoints-with-selector, and the Endpoints controller does replace the address with the Pod\'s', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'svcx-owned-')), 'objects.json');
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [endpoints, service].map((o) => ({ ...o, metadata: { ...o.metadata, namespace: ns } })) }));
    const r = spawnSync(process.execPath, [bin, 'lint', '-o', 'json', file], { encoding: 'utf8' });
    const found = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((x) => x.check === 'endpoints-with-selector');
    expect(found.map((x) => x.severity), r.stdout).toEqual(['warning']);
    expect(found[0].message).toContain('replaces the address written there');
    await waitFor(async () => {
      const real = await clients().core.readNamespacedEndpoints({ namespace: ns, name: 'he-owned' });
      expect(JSON.stringify(real.subsets)).toContain('10.244.96.1');
      expect(JSON.stringify(real.subsets)).not.toContain('192.0.2.80');
      return true;
    }, { what: 'the Endpoints controller rewrites he-owned', timeoutMs: 30_000, intervalMs: 500 });
    const slices = await waitForSlices(ns, 'he-owned', (s) => expect(s.flatMap((x) => x.endpoints).length).toBeGreaterThan(0));
    expect(JSON.stringify(slices)).not.toContain('192.0.2.80');
  });
});
