// What differs between Kubernetes minors, checked on the minor the control plane runs
// (SVC_EXPLAIN_K8S_VERSION; CI runs this file on 1.37, 1.36 and 1.33): the server version in the
// reports, Service validation and deprecation warnings of the real API server against lint for the
// same minor, and the nftables rule shapes of the real kube-proxy against explain's prediction.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsForMinor } from '../../src/core/version/index.js';
import { clients, cluster, createService, fixture, iptablesSave, nftList, parseIptablesSave, runPod, waitFor, waitForSlices } from './helpers/k8s.js';
import { chainTargets } from './helpers/nft-table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');
const minor = cluster().kubernetesMinor;
const facts = factsForMinor(minor);

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', KUBECONFIG: cluster().kubeconfig } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A server-side dry-run create: whether the API server accepts the Service, and its Warning headers. */
function dryRunCreate(namespace: string, service: object): Promise<{ accepted: boolean; warnings: string[]; body: string }> {
  const data = JSON.stringify(service);
  return new Promise((resolve, reject) => {
    const req = https.request(`${cluster().server}/api/v1/namespaces/${namespace}/services?dryRun=All`, {
      method: 'POST',
      ca: fs.readFileSync(cluster().caFile),
      headers: { Authorization: `Bearer ${cluster().adminToken}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) },
    }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        const header = res.headers.warning;
        const warnings = (Array.isArray(header) ? header : header ? [header] : []).map((w) => w.replace(/^299 - "?|"$/g, '').replaceAll('\\"', '"'));
        resolve({ accepted: (res.statusCode ?? 0) < 300, warnings, body });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** lint for this minor on one Service: the ids of its findings. */
function lintFindings(dir: string, service: object): string[] {
  const file = path.join(dir, `${randomName()}.json`);
  fs.writeFileSync(file, JSON.stringify(service));
  const r = cli(['lint', '--kubernetes-version', `1.${minor}`, '-o', 'json', file]);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout);
  expect(report.kubernetesVersion).toEqual({ minor: `1.${minor}`, source: 'flag', server: null });
  return report.findings.map((f: { check: string }) => f.check);
}
let counter = 0;
const randomName = () => `svc-${process.pid}-${counter++}`;

const svc = (name: string, spec: object, annotations?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'Service',
  metadata: { name, ...(annotations ? { annotations } : {}) },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec },
});

let f: Awaited<ReturnType<typeof fixture>>;
let tmp: string;
beforeAll(async () => {
  f = await fixture('versions');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svcx-versions-'));
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await f?.cleanup();
});

describe(`Kubernetes ${cluster().kubernetesVersion}`, () => {
  it('check and explain report the server version they predicted for', async () => {
    await createService(f.namespace, 'plain', { selector: { app: 'none' }, ports: [{ port: 80 }] });
    for (const args of [['check', '-n', f.namespace, '-o', 'json'], ['explain', 'plain', '-n', f.namespace, '-o', 'json']]) {
      const r = cli(args);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).kubernetesVersion).toEqual({ minor: `1.${minor}`, source: 'server', server: cluster().kubernetesVersion });
    }
  });

  it.each([
    ['a name starting with a digit', svc('1web', {})],
    ['trafficDistribution PreferSameZone', svc('tdzone', { trafficDistribution: 'PreferSameZone' })],
    ['trafficDistribution PreferSameNode', svc('tdnode', { trafficDistribution: 'PreferSameNode' })],
    ['trafficDistribution PreferClose', svc('tdclose', { trafficDistribution: 'PreferClose' })],
    ['an unknown trafficDistribution', svc('tdfar', { trafficDistribution: 'PreferFar' })],
  ])('validation of %s: invalid-service for this minor agrees with the API server', async (_what, service) => {
    const server = await dryRunCreate(f.namespace, service);
    const findings = lintFindings(tmp, service);
    expect(findings.includes('invalid-service'), server.body).toBe(!server.accepted);
  });

  it('names may start with a digit exactly from 1.36', async () => {
    expect((await dryRunCreate(f.namespace, svc('7up', {}))).accepted).toBe(facts.serviceNameMayStartWithDigit);
  });

  it.each([
    ['PreferClose', svc('dep-close', { trafficDistribution: 'PreferClose' }), 'deprecated-prefer-close', /trafficDistribution: "PreferClose" is deprecated/],
    ['externalIPs', svc('dep-eip', { externalIPs: ['192.0.2.10'] }), 'deprecated-external-ips', /spec\.externalIPs is deprecated/],
    ['the topology-aware-hints annotation', svc('dep-hints', {}, { 'service.kubernetes.io/topology-aware-hints': 'Auto' }), 'deprecated-topology-aware-hints', /topology-aware-hints is deprecated/],
    ['the topology-mode annotation', svc('dep-mode', {}, { 'service.kubernetes.io/topology-mode': 'Auto' }), 'deprecated-topology-aware-hints', /topology-mode is deprecated/],
  ])('deprecation of %s: lint reports it for this minor exactly when the API server warns', async (_what, service, check, warning) => {
    const server = await dryRunCreate(f.namespace, service);
    expect(server.accepted, server.body).toBe(true);
    const warned = server.warnings.some((w) => warning.test(w));
    expect(lintFindings(tmp, service).includes(check), server.warnings.join('\n')).toBe(warned);
  });
});

describe.skipIf(!cluster().nftProxy)(`nftables rule shapes of kube-proxy ${cluster().kubernetesVersion}`, () => {
  const expected = (backends: number) =>
    facts.nftablesEndpointChainsAlways ? 'endpoint-chains' : backends === 1 && facts.nftablesSingleEndpointWithoutMap ? 'dnat' : 'dnat-map';

  it.each([1, 2])('%i endpoint(s): the service chain picks its backends the way explain predicts', async (count) => {
    const app = `shape${count}`;
    for (let i = 0; i < count; i++) {
      await runPod(f.namespace, `${app}-${i}`, { labels: { app }, node: cluster().nftProxy!.node, ip: `10.244.${60 + count}.${i + 1}`, ports: [{ name: 'http', containerPort: 8080 }] });
    }
    await createService(f.namespace, app, { selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
    await waitForSlices(f.namespace, app, (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(count));
    const r = cli(['explain', app, '-n', f.namespace, '-o', 'json', '--proxy-mode', 'nftables', '--node', cluster().nftProxy!.node]);
    expect(r.stderr).toBe('');
    const frontend = JSON.parse(r.stdout).live.proxy.ports[0].frontends.find((x: { kind: string }) => x.kind === 'cluster-ip');
    expect(frontend.dispatch).toBe(expected(count));
    const element = `${frontend.address} . tcp . 80 : goto ${frontend.chain}`;
    await waitFor(() => nftList('map', 'ip', 'kube-proxy', 'service-ips').includes(element), { what: `service-ips element ${element}` });
    const real = await waitFor(() => {
      const parsed = chainTargets(nftList('chain', 'ip', 'kube-proxy', frontend.chain).split('\n').map((l) => l.trim()));
      return parsed.targets.length === count ? parsed : null;
    }, { what: `${count} targets in ${frontend.chain}` });
    expect(real.dispatch).toBe(frontend.dispatch);
    const predicted = frontend.backends.map((b: { chain: string | null; ip: string; port: number }) => b.chain ?? `${b.ip} . ${b.port}`).sort();
    expect(real.targets).toEqual(predicted);
  });
});

describe.skipIf(!cluster().proxy)(`duplicate IP:ports in kube-proxy ${cluster().kubernetesVersion}`, () => {
  // Two slices carry 10.244.71.1:8080: ready on another node, and terminating on kube-proxy's node. Both
  // rules are independent of kube-proxy's (unordered) read of the slices: up to 1.35 the copy on its own
  // node wins (`!exists || isLocal`), from 1.36 the non-terminating one (`!exists || !terminating`).
  it('keeps the copy explain predicts for this minor, in the real iptables rules', async () => {
    const name = 'dup';
    await createService(f.namespace, name, { ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    const slice = (suffix: string, endpoints: object[]) => clients().discovery.createNamespacedEndpointSlice({
      namespace: f.namespace,
      body: {
        metadata: { name: `${name}-${suffix}`, labels: { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'hand-made.example.com' } },
        addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], endpoints: endpoints as never,
      },
    });
    await slice('a', [{ addresses: ['10.244.71.1'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'elsewhere' }]);
    await slice('b', [
      { addresses: ['10.244.71.1'], conditions: { ready: false, serving: true, terminating: true }, nodeName: cluster().proxy!.node },
      { addresses: ['10.244.71.2'], conditions: { ready: true, serving: true, terminating: false } },
    ]);
    const expected = facts.proxyDuplicatePrefersNonTerminating ? ['10.244.71.1:8080', '10.244.71.2:8080'] : ['10.244.71.2:8080'];
    const r = cli(['explain', name, '-n', f.namespace, '-o', 'json', '--node', cluster().proxy!.node]);
    expect(r.stderr).toBe('');
    const port = JSON.parse(r.stdout).live.proxy.ports[0];
    const frontend = port.frontends.find((x: { kind: string }) => x.kind === 'cluster-ip');
    expect(frontend.backends.map((b: { endpoint: string }) => b.endpoint)).toEqual(expected);
    expect(port.endpoints.filter((e: { readOrderDecides?: boolean }) => e.readOrderDecides)).toEqual([]);
    // kube-proxy may first sync with slice a alone; the rules are compared once they settle on the prediction, or after 30 s.
    let real: string[] = [];
    await waitFor(() => {
      const rules = parseIptablesSave(iptablesSave('nat')).rules.get(frontend.chain) ?? [];
      real = rules.flatMap((rule) => /-> (\S+)" .*-j KUBE-SEP-/.exec(rule)?.[1] ?? []);
      return real.join() === expected.join();
    }, { what: `backends ${expected.join(', ')} in ${frontend.chain}` }).catch(() => undefined);
    expect(real).toEqual(expected);
  });
});
