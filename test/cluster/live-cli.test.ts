// The built CLI (`node bin/kubectl-svc_explain`, and `kubectl svc-explain` through kubectl's plugin
// lookup) run as a child process against the test cluster: exit codes, output, error messages.
// Needs `npm run build` (or `npx tsc -p tsconfig.json`) first: it runs dist/, not the sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsForMinor } from '../../src/core/version/index.js';
import { usesLocalhostNfacct } from './helpers/cluster-snapshot.js';
import { clients, cluster, createService, fixture, iptablesSave, nftList, runPod, svcChain, svcJumps, waitFor, waitForNat, waitForSlices } from './helpers/k8s.js';
import { freePort } from '../helpers/free-port.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], opts: { kubeconfig?: string | null; env?: NodeJS.ProcessEnv } = {}): Run {
  const kubeconfig = opts.kubeconfig === undefined ? cluster().kubeconfig : opts.kubeconfig;
  const r = spawnSync(process.execPath, [bin, ...args, ...(kubeconfig ? ['--kubeconfig', kubeconfig] : [])], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', KUBECONFIG: '', ...(opts.env ?? {}) },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const show = (r: Run) => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;
let tmp: string;
const node = () => cluster().proxy?.node ?? f.nodes[0];

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svcx-cli-'));
  f = await fixture('cli', { nodes: [{ zone: 'zone-a' }] });
  ns = f.namespace;
  for (const [i, name] of ['web-1', 'web-2'].entries()) {
    await runPod(ns, name, { labels: { app: 'web', tier: 'front' }, node: node(), ip: `10.244.77.${i + 1}`, ports: [{ name: 'http', containerPort: 8080 }] });
  }
  await createService(ns, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
  // One label value off: web-1 and web-2 are the near misses.
  await createService(ns, 'web-typo', { selector: { app: 'wbe', tier: 'front' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
  await waitForSlices(ns, 'web', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(2));
});
afterAll(async () => {
  await f?.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('explain', () => {
  it('healthy Service: exit 0, Pods listed, slices and Endpoints as predicted', () => {
    const r = run(['explain', 'web', '-n', ns]);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toContain(`Service ${ns}/web`);
    expect(r.stdout).toContain('web-1');
    expect(r.stdout).toContain('web-2');
    expect(r.stdout).toMatch(/EndpointSlices: as predicted/);
    expect(r.stdout).toMatch(/Endpoints: as predicted/);
    expect(r.stderr).toBe('');
  });

  it('the default command is explain', () => {
    const r = run(['web', '-n', ns]);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toContain('web-1');
  });

  it('-o json: selected Pods and no differences', () => {
    const r = run(['explain', 'web', '-n', ns, '-o', 'json']);
    expect(r.status, show(r)).toBe(0);
    const view = JSON.parse(r.stdout);
    const text = JSON.stringify(view);
    expect(text).toContain('"web-1"');
    expect(text).toContain('"web-2"');
    expect(view.live?.endpointSlices?.differences ?? view.endpointSlices?.differences ?? []).toEqual([]);
  });

  it('broken selector: exit 1, the near miss is named', () => {
    const r = run(['explain', 'web-typo', '-n', ns]);
    expect(r.status, show(r)).toBe(1);
    expect(r.stdout).toContain('selector-matches-nothing');
    expect(r.stdout).toMatch(/web-[12]/);
    expect(r.stdout).toMatch(/app=web|app: web|"web"/);
  });

  it('missing Service: exit 4 with one line on stderr', () => {
    const r = run(['explain', 'nope', '-n', ns]);
    expect(r.status, show(r)).toBe(4);
    expect(r.stderr).toMatch(/not found/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('missing namespace: exit 4', () => {
    const r = run(['explain', 'web', '-n', `${ns}-gone`]);
    expect(r.status, show(r)).toBe(4);
  });

  it.skipIf(!cluster().proxy)('--show-rules: every predicted nat line is in the real iptables-save', async () => {
    const chain = svcChain(ns, 'web', 'http', 'TCP');
    await waitForNat((nat) => expect(svcJumps(nat, chain)).toHaveLength(2));
    const r = run(['explain', 'web', '-n', ns, '--show-rules', '--node', cluster().proxy!.node, '--cluster-cidr', cluster().clusterCIDR]);
    expect(r.status, show(r)).toBe(0);
    const lines = r.stdout.split('\n').map((l) => l.trim());
    const start = lines.indexOf('*nat');
    const end = lines.indexOf('*filter');
    expect(start, show(r)).toBeGreaterThanOrEqual(0);
    const natLines = lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.startsWith('-A ') || l.startsWith(':'));
    // KUBE-SERVICES jump; KUBE-SVC: masquerade + 2 jumps; 2 KUBE-SEP chains: masquerade + DNAT each.
    expect(natLines.filter((l) => l.startsWith('-A ')), show(r)).toHaveLength(8);
    const real = new Set(iptablesSave('nat').split('\n').map((l) => (l.startsWith(':') ? l.split(' ')[0] : l)));
    const missing = natLines.map((l) => (l.startsWith(':') ? l.split(' ')[0] : l)).filter((l) => !real.has(l));
    expect(missing, `predicted lines not in iptables-save -t nat:\n${missing.join('\n')}\n${show(r)}`).toEqual([]);
  });
});

describe('check', () => {
  it('check -n NS -o json: one entry per Service, the broken one with its finding, exit 1', () => {
    const r = run(['check', '-n', ns, '-o', 'json']);
    expect(r.status, show(r)).toBe(1);
    const report = JSON.parse(r.stdout);
    const names = (report.services as Array<{ namespace: string; name: string }>).map((s) => `${s.namespace}/${s.name}`).sort();
    expect(names).toEqual([`${ns}/web`, `${ns}/web-typo`]);
    const findings = report.findings as Array<{ check: string; severity: string; object: { name: string } }>;
    expect(findings.filter((x) => x.object.name === 'web-typo').map((x) => x.check)).toContain('selector-matches-nothing');
    expect(findings.filter((x) => x.object.name === 'web' && x.severity === 'error')).toEqual([]);
  });

  it('check -n NS (table): one line per Service', () => {
    const r = run(['check', '-n', ns]);
    expect(r.status, show(r)).toBe(1);
    expect(r.stdout).toContain('web-typo');
  });

  it('check -A -o json covers this namespace and others', () => {
    const r = run(['check', '-A', '-o', 'json']);
    expect([0, 1], show(r)).toContain(r.status);
    const report = JSON.parse(r.stdout);
    const namespaces = new Set((report.services as Array<{ namespace: string }>).map((s) => s.namespace));
    expect(namespaces.has(ns)).toBe(true);
    expect(namespaces.has('default')).toBe(true); // the kubernetes Service
  });
});

describe('connection errors', () => {
  it('unknown context: exit 3, one line, no stack', () => {
    const r = run(['explain', 'web', '-n', ns, '--context', 'no-such-context']);
    expect(r.status, show(r)).toBe(3);
    expect(r.stderr).toMatch(/context "no-such-context"/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('unreachable server (closed loopback port): exit 3, one line, no stack', async () => {
    const port = await freePort();
    const text = fs.readFileSync(cluster().kubeconfig, 'utf8').replace(/server: \S+/, `server: https://127.0.0.1:${port}`);
    const kc = path.join(tmp, 'closed.kubeconfig');
    fs.writeFileSync(kc, text, { mode: 0o600 });
    for (const args of [['explain', 'web', '-n', ns], ['check', '-A']]) {
      const r = run(args, { kubeconfig: kc });
      expect(r.status, show(r)).toBe(3);
      expect(r.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
      expect(r.stderr.trim().split('\n'), show(r)).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('missing kubeconfig file: exit 3', () => {
    const r = run(['check', '-A'], { kubeconfig: path.join(tmp, 'does-not-exist') });
    expect(r.status, show(r)).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('KUBECONFIG from the environment is honoured', () => {
    const r = run(['explain', 'web', '-n', ns], { kubeconfig: null, env: { KUBECONFIG: cluster().kubeconfig } });
    expect(r.status, show(r)).toBe(0);
  });
});

describe.skipIf(!cluster().nftProxy)('explain --proxy-mode nftables, against kube-proxy in nftables mode', () => {
  interface Frontend { kind: string; address: string | null; port: number; chain: string | null; backends: { ip: string; port: number; chain: string | null }[] }
  const frontendOf = (service: string, kind: string): Frontend => {
    const r = run(['explain', service, '-n', ns, '-o', 'json', '--proxy-mode', 'nftables', '--node', cluster().nftProxy!.node]);
    expect(r.stderr, show(r)).toBe('');
    const proxy = JSON.parse(r.stdout).live.proxy as { mode: string; ports: { frontends: Frontend[] }[] };
    expect(proxy.mode).toBe('nftables');
    return proxy.ports[0].frontends.find((frontend) => frontend.kind === kind) as Frontend;
  };
  const clusterIpFrontend = (service: string) => frontendOf(service, 'cluster-ip');
  /** The real service chain once kube-proxy maps the ClusterIP to the predicted chain. */
  const realChain = async (frontend: Frontend): Promise<string> => {
    const element = `${frontend.address} . tcp . ${frontend.port} : goto ${frontend.chain}`;
    await waitFor(() => nftList('map', 'ip', 'kube-proxy', 'service-ips').includes(element), { what: `service-ips element ${element}` });
    return nftList('chain', 'ip', 'kube-proxy', frontend.chain as string);
  };

  it('the ClusterIP maps to the predicted service chain, which DNATs to the predicted backends (through endpoint chains up to 1.35)', async () => {
    const frontend = clusterIpFrontend('web');
    expect(frontend.chain).toMatch(new RegExp(`^service-[A-Z2-7]{8}-${ns}/web/tcp/http$`));
    const chain = await realChain(frontend);
    if (factsForMinor(cluster().kubernetesMinor).nftablesEndpointChainsAlways) {
      const jumps = [...new Set([...chain.matchAll(/goto (endpoint-[^\s,}]+)/g)].map((m) => m[1]))].sort();
      expect(jumps, chain).toEqual(frontend.backends.map((backend) => backend.chain).sort());
      expect(jumps).toHaveLength(2);
      return;
    }
    const targets = [...chain.matchAll(/\d+ : ([\d.]+) \. (\d+)/g)].map((m) => `${m[1]}:${m[2]}`).sort();
    expect(targets, chain).toEqual(frontend.backends.map((backend) => `${backend.ip}:${backend.port}`).sort());
    expect(frontend.backends.map((backend) => backend.chain)).toEqual([null, null]);
  });

  it('with ClientIP affinity, the service chain jumps to exactly the predicted endpoint chains', async () => {
    await createService(ns, 'web-sticky', { selector: { app: 'web' }, sessionAffinity: 'ClientIP', ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
    await waitForSlices(ns, 'web-sticky', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(2));
    const frontend = clusterIpFrontend('web-sticky');
    const chain = await realChain(frontend);
    const jumps = [...new Set([...chain.matchAll(/goto (endpoint-[^\s,}]+)/g)].map((m) => m[1]))].sort();
    expect(jumps, chain).toEqual(frontend.backends.map((backend) => backend.chain).sort());
    expect(jumps).toHaveLength(2);
  });

  it('a NodePort maps to the predicted external chain', async () => {
    await createService(ns, 'web-np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
    await waitForSlices(ns, 'web-np', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(2));
    const frontend = frontendOf('web-np', 'node-port');
    expect(frontend.chain).toMatch(/^external-[A-Z2-7]{8}-/);
    const element = `tcp . ${frontend.port} : goto ${frontend.chain}`;
    await waitFor(() => nftList('map', 'ip', 'kube-proxy', 'service-nodeports').includes(element), { what: `service-nodeports element ${element}` });
  });

  it('--show-rules with --proxy-mode nftables: exit 2, one line', () => {
    const r = run(['explain', 'web', '-n', ns, '--show-rules', '--proxy-mode', 'nftables']);
    expect(r.status, show(r)).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('check: Local traffic policy with an endpoint on one of two nodes', () => {
  let local: Awaited<ReturnType<typeof fixture>>;
  const CHECK = 'local-traffic-policy-without-local-endpoints';
  const severities = (service: string): string[] => {
    const r = run(['check', '-n', local.namespace, '-o', 'json']);
    expect(r.stderr, show(r)).toBe('');
    const findings = JSON.parse(r.stdout).findings as { check: string; severity: string; object: { name: string }; message: string }[];
    return findings.filter((finding) => finding.check === CHECK && finding.object.name === service).map((finding) => finding.severity);
  };

  beforeAll(async () => {
    local = await fixture('local', { nodes: [{ zone: 'zone-a' }, { zone: 'zone-b' }] });
    await runPod(local.namespace, 'edge-1', { labels: { app: 'edge' }, node: local.nodes[0], ip: '10.244.78.1', ports: [{ name: 'http', containerPort: 8080 }] });
    const spec = { externalTrafficPolicy: 'Local', selector: { app: 'edge' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] };
    await createService(local.namespace, 'edge-nodeport', { ...spec, type: 'NodePort' });
    await createService(local.namespace, 'edge-lb', { ...spec, type: 'LoadBalancer' });
    for (const name of ['edge-nodeport', 'edge-lb']) {
      await waitForSlices(local.namespace, name, (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(1));
    }
  });
  afterAll(async () => {
    await local?.cleanup();
  });

  it('NodePort: a warning, NodePort traffic to the other node is dropped', () => {
    expect(severities('edge-nodeport')).toEqual(['warning']);
  });

  it('LoadBalancer still without an address: a warning, nothing steers traffic away from that node', () => {
    expect(severities('edge-lb')).toEqual(['warning']);
  });

  it.skipIf(!cluster().proxy)('--show-rules: its KUBE-NODEPORTS lines are the real ones, the localhost counter line included when the node writes it', async () => {
    const comment = `"${local.namespace}/edge-nodeport:http"`;
    const nat = await waitForNat((table) => expect((table.rules.get('KUBE-NODEPORTS') ?? []).some((rule) => rule.includes(comment))).toBe(true));
    const counter = usesLocalhostNfacct(nat);
    const args = ['explain', 'edge-nodeport', '-n', local.namespace, '--show-rules', '--node', cluster().proxy!.node, '--cluster-cidr', cluster().clusterCIDR];
    const r = run(counter ? [...args, '--localhost-nodeport-counter'] : args);
    const predicted = r.stdout.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('-A KUBE-NODEPORTS '));
    const real = (nat.rules.get('KUBE-NODEPORTS') ?? []).filter((rule) => rule.includes(comment)).map((rule) => `-A KUBE-NODEPORTS ${rule}`);
    expect(real.length, show(r)).toBe(counter ? 2 : 1);
    expect(predicted.sort(), show(r)).toEqual(real.sort());
    expect(r.stdout.includes('# not shown'), show(r)).toBe(!counter);
  });

  it('LoadBalancer with an address: info, its health checks of healthCheckNodePort skip that node', async () => {
    const { core } = clients();
    const service = await core.readNamespacedService({ name: 'edge-lb', namespace: local.namespace });
    expect(service.spec?.healthCheckNodePort).toBeGreaterThan(0);
    service.status = { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } };
    await core.replaceNamespacedServiceStatus({ name: 'edge-lb', namespace: local.namespace, body: service });
    expect(severities('edge-lb')).toEqual(['info']);
  });
});

describe.skipIf(!cluster().kubectl)('as a kubectl plugin', () => {
  const viaKubectl = (args: string[]): Run => {
    const r = spawnSync(cluster().kubectl!, ['svc-explain', ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PATH: `${path.join(root, 'bin')}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1', KUBECONFIG: cluster().kubeconfig },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('kubectl plugin list finds it', () => {
    const r = spawnSync(cluster().kubectl!, ['plugin', 'list'], { encoding: 'utf8', env: { ...process.env, PATH: `${path.join(root, 'bin')}${path.delimiter}${process.env.PATH}` } });
    expect(r.stdout).toContain('kubectl-svc_explain');
  });

  it('kubectl svc-explain explain SERVICE -n NS: same result as the binary', () => {
    const r = viaKubectl(['explain', 'web', '-n', ns]);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toContain('web-1');
    expect(r.stdout).toMatch(/EndpointSlices: as predicted/);
  });

  it('kubectl svc-explain passes exit codes through (missing Service → 4)', () => {
    const r = viaKubectl(['explain', 'nope', '-n', ns]);
    expect(r.status, show(r)).toBe(4);
  });
});
