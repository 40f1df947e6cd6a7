// kubectl's connection habits, through the built CLI as a child process against the test control
// plane: impersonation (--as, --as-group, --as-uid) decided by the API server's RBAC, an http://
// server (a loopback forwarder, like `kubectl proxy`), proxy-url and HTTPS_PROXY through a small
// CONNECT proxy that counts tunnels, the auth and TLS override flags, -v, version and -l.
// The proxies run in this process, so the CLI is spawned asynchronously (spawnSync would block them).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runPlugin } from './helpers/plugin-process.js';
import { cluster, clients, createService, fixture, isNotFound, randomSuffix, runPod, waitFor, waitForSlices } from './helpers/k8s.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
const show = (r: Run) => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runPlugin(args, { env: { HTTPS_PROXY: '', HTTP_PROXY: '', https_proxy: '', http_proxy: '', NO_PROXY: '', no_proxy: '', ...env }, timeoutMs: 60_000 });
}

const admin = (args: string[], env?: NodeJS.ProcessEnv) => run([...args, '--kubeconfig', cluster().kubeconfig], env);
const apiPort = () => Number(new URL(cluster().server).port);
const caData = () => fs.readFileSync(cluster().caFile).toString('base64');

/** A kubeconfig with one cluster and one user, written to the temp dir. */
function kubeconfigFile(name: string, cluster: Record<string, unknown>, user: Record<string, unknown>): string {
  const file = path.join(tmp, `${name}.kubeconfig`);
  const doc = {
    apiVersion: 'v1', kind: 'Config',
    clusters: [{ name: 'c', cluster }], users: [{ name: 'u', user }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u', namespace: ns } }], 'current-context': 'x',
  };
  fs.writeFileSync(file, JSON.stringify(doc), { mode: 0o600 });
  return file;
}

/** Plain-HTTP forwarder on loopback that adds the admin token, as `kubectl proxy` does; records the headers it received. */
function startHttpForwarder(): Promise<{ port: number; seen: http.IncomingHttpHeaders[]; raw: string[][]; close: () => void }> {
  const seen: http.IncomingHttpHeaders[] = [];
  const raw: string[][] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    raw.push(req.rawHeaders);
    const headers: http.OutgoingHttpHeaders = { ...req.headers, authorization: `Bearer ${cluster().adminToken}`, host: `127.0.0.1:${apiPort()}` };
    const upstream = https.request({ host: '127.0.0.1', port: apiPort(), path: req.url, method: req.method, headers, ca: fs.readFileSync(cluster().caFile) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    upstream.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, seen, raw, close: () => server.close() })));
}

/** CONNECT proxy on loopback that counts tunnels; the host name "kubernetes" is mapped to 127.0.0.1, nothing else is reachable. */
function startConnectProxy(): Promise<{ port: number; tunnels: string[]; close: () => void }> {
  const tunnels: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(':');
    if (!['127.0.0.1', 'kubernetes'].includes(host)) return socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    tunnels.push(req.url ?? '');
    const upstream = net.connect(Number(port), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, tunnels, close: () => server.close() })));
}

let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;
let tmp: string;
const suffix = randomSuffix();
const roleName = `svcx-viewer-services-${suffix}`;
const rbac = () => clients().kc.makeApiClient(RbacAuthorizationV1Api);

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svcx-conn-'));
  f = await fixture('conn', { nodes: [{ zone: 'zone-a' }] });
  ns = f.namespace;
  await runPod(ns, 'web-1', { labels: { app: 'web' }, node: f.nodes[0], ip: '10.244.79.1', ports: [{ name: 'http', containerPort: 8080 }] });
  await createService(ns, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] }, { labels: { team: 'a' } });
  await createService(ns, 'web-typo', { selector: { app: 'wbe' }, ports: [{ port: 80 }] }, { labels: { team: 'b' } });
  await waitForSlices(ns, 'web', (s) => expect(s.flatMap((x) => x.endpoints)).toHaveLength(1));
  // viewer may read Services and Pods in this namespace only (a Role, not a ClusterRole).
  await rbac().createNamespacedRole({ namespace: ns, body: { metadata: { name: roleName }, rules: [{ apiGroups: [''], resources: ['services', 'pods', 'endpoints', 'namespaces'], verbs: ['get', 'list'] }] } });
  await rbac().createNamespacedRoleBinding({
    namespace: ns,
    body: { metadata: { name: roleName }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer' }] },
  });
});
afterAll(async () => {
  await rbac().deleteNamespacedRoleBinding({ name: roleName, namespace: ns }).catch((e) => { if (!isNotFound(e)) throw e; });
  await f?.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('impersonation: --as sees what that user sees', () => {
  it('--as viewer: the namespace with a Role works, with notes for what viewer cannot read; like viewer\'s own kubeconfig', async () => {
    const r = await waitFor(async () => {
      const x = await admin(['check', '-n', ns, '-o', 'json', '--as', 'viewer']);
      return x.status === 1 ? x : null;
    }, { timeoutMs: 20_000, intervalMs: 500, what: 'viewer role visible to the authorizer' });
    const report = JSON.parse(r.stdout);
    expect(report.services.map((s: { name: string }) => s.name).sort()).toEqual(['web', 'web-typo']);
    expect(report.notes.join('\n'), show(r)).toMatch(/endpointslices.*could not be read|could not be read.*endpointslices/);
    const own = await run(['check', '-n', ns, '-o', 'json', '--kubeconfig', cluster().viewerKubeconfig]);
    expect(JSON.parse(own.stdout).notes, show(own)).toEqual(report.notes);
    const asAdmin = await admin(['check', '-n', ns, '-o', 'json']);
    expect(JSON.parse(asAdmin.stdout).notes, show(asAdmin)).toEqual([]);
  });

  it('--as viewer elsewhere: refused (exit 3), one line', async () => {
    const r = await admin(['check', '-n', 'kube-system', '--as', 'viewer']);
    expect(r.status, show(r)).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not allowed|forbidden|403/i);
  });

  it('--as-group system:masters gives viewer everything (the Impersonate-Group header reaches the authorizer)', async () => {
    const r = await admin(['check', '-n', 'kube-system', '-o', 'json', '--as', 'viewer', '--as-group', 'system:masters', '--as-group', 'system:authenticated']);
    expect([0, 1], show(r)).toContain(r.status);
    expect(JSON.parse(r.stdout).notes).toEqual([]);
  });

  it('--as-group without --as is a usage error', async () => {
    const r = await admin(['check', '-n', ns, '--as-group', 'g']);
    expect(r.status, show(r)).toBe(2);
    expect(r.stderr).toMatch(/--as-group.*need --as/);
  });
});

describe('an http:// server (a loopback forwarder, like kubectl proxy)', () => {
  it('works; the kubeconfig token is not sent over http (as kubectl); the Impersonate-* headers are', async () => {
    const forwarder = await startHttpForwarder();
    try {
      const kc = kubeconfigFile('http', { server: `http://127.0.0.1:${forwarder.port}` }, { token: 'token-that-must-stay-home' });
      const r = await run(['explain', 'web', '--kubeconfig', kc]);
      expect(r.status, show(r)).toBe(0);
      expect(r.stdout).toContain(`Service ${ns}/web`);
      expect(forwarder.seen.length).toBeGreaterThan(0);
      expect(forwarder.seen.every((h) => h.authorization === undefined)).toBe(true);

      forwarder.seen.length = 0;
      forwarder.raw.length = 0;
      const as = await run(['check', '-n', ns, '-o', 'name', '--kubeconfig', kc, '--as', 'viewer', '--as-group', 'g1', '--as-group', 'g2', '--as-uid', 'uid-7']);
      expect(as.status, show(as)).toBe(1);
      expect(as.stdout).toBe('service/web\nservice/web-typo\n');
      const first = forwarder.seen[0];
      expect(first['impersonate-user']).toBe('viewer');
      expect(first['impersonate-group']).toBe('g1, g2');
      const groups = forwarder.raw[0].filter((_, i, all) => i % 2 === 1 && all[i - 1].toLowerCase() === 'impersonate-group');
      expect(groups).toEqual(['g1', 'g2']); // one header line per group, as client-go sends them
      expect(first['impersonate-uid']).toBe('uid-7');
    } finally {
      forwarder.close();
    }
  });
});

describe('proxies', () => {
  it("the cluster's proxy-url is used, even for a loopback server", async () => {
    const proxy = await startConnectProxy();
    try {
      const kc = kubeconfigFile('proxied', { server: cluster().server, 'certificate-authority-data': caData(), 'proxy-url': `http://127.0.0.1:${proxy.port}` }, { token: cluster().adminToken });
      const r = await run(['explain', 'web', '--kubeconfig', kc]);
      expect(r.status, show(r)).toBe(0);
      expect(proxy.tunnels.length).toBeGreaterThan(0);
      expect(proxy.tunnels.every((t) => t === `127.0.0.1:${apiPort()}`)).toBe(true);
    } finally {
      proxy.close();
    }
  });

  it('HTTPS_PROXY: used for a named host, never for loopback (Go rules), and NO_PROXY is read', async () => {
    const proxy = await startConnectProxy();
    try {
      const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` };
      const loopback = await admin(['explain', 'web', '-n', ns], env);
      expect(loopback.status, show(loopback)).toBe(0);
      expect(proxy.tunnels).toEqual([]);

      // "kubernetes" is a name of the API server's certificate; only the proxy can resolve it.
      const kc = kubeconfigFile('named', { server: `https://kubernetes:${apiPort()}`, 'certificate-authority-data': caData() }, { token: cluster().adminToken });
      const named = await run(['explain', 'web', '--kubeconfig', kc], env);
      expect(named.status, show(named)).toBe(0);
      expect(proxy.tunnels.length).toBeGreaterThan(0);
      expect(new Set(proxy.tunnels)).toEqual(new Set([`kubernetes:${apiPort()}`]));

      const before = proxy.tunnels.length;
      const bypass = await admin(['explain', 'web', '-n', ns], { ...env, NO_PROXY: 'example.invalid,127.0.0.0/8' });
      expect(bypass.status, show(bypass)).toBe(0);
      expect(proxy.tunnels.length).toBe(before);
    } finally {
      proxy.close();
    }
  });
});

describe('auth and TLS flags', () => {
  it('--token replaces the user\'s token; a wrong one is refused (401, exit 3) and never printed', async () => {
    const good = await run(['check', '-n', 'kube-system', '-o', 'json', '--kubeconfig', cluster().viewerKubeconfig, '--token', cluster().adminToken]);
    expect([0, 1], show(good)).toContain(good.status);
    expect(JSON.parse(good.stdout).notes).toEqual([]);
    const bad = await admin(['explain', 'web', '-n', ns, '--token', 'wrong-token-123']);
    expect(bad.status, show(bad)).toBe(3);
    expect(bad.stderr).toMatch(/401/);
    expect(bad.stderr).not.toContain('wrong-token-123');
  });

  it('--server, --insecure-skip-tls-verify, --certificate-authority, --tls-server-name', async () => {
    const kc = kubeconfigFile('elsewhere', { server: 'https://127.0.0.1:1', 'certificate-authority-data': caData() }, { token: cluster().adminToken });
    const server = `https://127.0.0.1:${apiPort()}`;
    const r = await run(['explain', 'web', '--kubeconfig', kc, '--server', server]);
    expect(r.status, show(r)).toBe(0);

    const otherCa = path.join(tmp, 'other-ca.crt');
    fs.writeFileSync(otherCa, otherCaPem());
    const wrongCa = await run(['explain', 'web', '--kubeconfig', kc, '--server', server, '--certificate-authority', otherCa]);
    expect(wrongCa.status, show(wrongCa)).toBe(3);
    expect(wrongCa.stderr).toMatch(/TLS|certificate/i);
    const insecure = await run(['explain', 'web', '--kubeconfig', kc, '--server', server, '--insecure-skip-tls-verify']);
    expect(insecure.status, show(insecure)).toBe(0);
    const rightCa = await run(['explain', 'web', '--kubeconfig', kc, '--server', server, '--certificate-authority', cluster().caFile]);
    expect(rightCa.status, show(rightCa)).toBe(0);

    const named = await run(['explain', 'web', '--kubeconfig', kc, '--server', server, '--tls-server-name', 'kubernetes']);
    expect(named.status, show(named)).toBe(0);
    const wrongName = await run(['explain', 'web', '--kubeconfig', kc, '--server', server, '--tls-server-name', 'not-in-the-cert.example']);
    expect(wrongName.status, show(wrongName)).toBe(3);
  });

  it('--user and --cluster pick other kubeconfig entries', async () => {
    const file = path.join(tmp, 'two.kubeconfig');
    fs.writeFileSync(file, JSON.stringify({
      clusters: [{ name: 'real', cluster: { server: cluster().server, 'certificate-authority-data': caData() } }, { name: 'dead', cluster: { server: 'https://127.0.0.1:1' } }],
      users: [{ name: 'admin', user: { token: cluster().adminToken } }, { name: 'nobody', user: { token: 'nobody-token' } }],
      contexts: [{ name: 'x', context: { cluster: 'dead', user: 'admin', namespace: ns } }], 'current-context': 'x',
    }));
    const dead = await run(['explain', 'web', '--kubeconfig', file]);
    expect(dead.status, show(dead)).toBe(3);
    const real = await run(['explain', 'web', '--kubeconfig', file, '--cluster', 'real']);
    expect(real.status, show(real)).toBe(0);
    const nobody = await run(['explain', 'web', '--kubeconfig', file, '--cluster', 'real', '--user', 'nobody']);
    expect(nobody.status, show(nobody)).toBe(3);
    expect(nobody.stderr).toMatch(/401/);
  });

  it('-v 6 logs each request; -v 7 the headers with the token masked; never the token', async () => {
    const six = await admin(['explain', 'web', '-n', ns, '-v', '6']);
    expect(six.status, show(six)).toBe(0);
    expect(six.stderr).toMatch(new RegExp(`GET https://127\\.0\\.0\\.1:${apiPort()}/api/v1/namespaces/${ns}/services/web 200 OK in \\d+ milliseconds`));
    expect(six.stderr).toContain(`Config loaded from file: ${cluster().kubeconfig}`);
    const seven = await admin(['explain', 'web', '-n', ns, '--v=7']);
    expect(seven.stderr).toMatch(/Authorization: Bearer <masked>/);
    for (const r of [six, seven]) expect(r.stderr).not.toContain(cluster().adminToken);
    expect(seven.stdout).toBe(six.stdout);
  });
});

describe('version and -l', () => {
  it('version prints the client and the server version', async () => {
    const r = await admin(['version']);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toMatch(/^Client Version: v\d+\.\d+\.\d+\nServer Version: v1\.\d+\.\d+/);
    const json = JSON.parse((await admin(['version', '-o', 'json'])).stdout);
    expect(json.serverVersion.gitVersion).toMatch(/^v1\./);
  });

  it('version with an unreachable server: the client version, the error on stderr, exit 3', async () => {
    const kc = kubeconfigFile('dead', { server: 'https://127.0.0.1:1' }, {});
    const r = await run(['version', '--kubeconfig', kc]);
    expect(r.status, show(r)).toBe(3);
    expect(r.stdout).toMatch(/^Client Version: v/);
    expect(r.stderr).toMatch(/cannot reach/);
  });

  it('-o yaml is the -o json document and -o name lists service/NAME, on explain, pod and why-not', async () => {
    for (const args of [['explain', 'web'], ['pod', 'web-1'], ['why-not', 'web', 'web-1']]) {
      const json = await admin([...args, '-n', ns, '-o', 'json']);
      const yaml = await admin([...args, '-n', ns, '-o', 'yaml']);
      expect(yaml.status, show(yaml)).toBe(json.status);
      expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(json.stdout));
    }
    expect((await admin(['explain', 'web', '-n', ns, '-o', 'name'])).stdout).toBe('service/web\n');
    const pod = await admin(['pod', 'web-1', '-n', ns, '-o', 'json']);
    const related = (JSON.parse(pod.stdout).services as { service: string }[]).map((entry) => `service/${entry.service}\n`).join('');
    expect(related).toContain('service/web\n');
    expect((await admin(['pod', 'web-1', '-n', ns, '-o', 'name'])).stdout).toBe(related);
    expect((await admin(['why-not', 'web', 'web-1', '-n', ns, '-o', 'name'])).stdout).toBe('service/web\n');
  });

  it('check -l and --field-selector filter the Services on the server', async () => {
    const a = await admin(['check', '-n', ns, '-l', 'team=a', '-o', 'name']);
    expect(a.status, show(a)).toBe(0);
    expect(a.stdout).toBe('service/web\n');
    const b = await admin(['check', '-n', ns, '--selector', 'team in (b)', '-o', 'json']);
    expect(JSON.parse(b.stdout).services.map((s: { name: string }) => s.name)).toEqual(['web-typo']);
    const named = await admin(['check', '-n', ns, '--field-selector', 'metadata.name=web-typo', '-o', 'name']);
    expect(named.stdout).toBe('service/web-typo\n');
    const bad = await admin(['check', '-n', ns, '-l', 'team==a==b']);
    expect(bad.status, show(bad)).toBe(2);
    expect(bad.stderr).toMatch(/selector/);
    const badField = await admin(['check', '-n', ns, '--field-selector', 'spec.nothing=x']);
    expect(badField.status, show(badField)).toBe(2);
  });
});

/** A CA that did not sign the API server's certificate (P-256, made with openssl like the cluster's own). */
function otherCaPem(): string {
  const key = path.join(tmp, 'other-ca.key');
  const crt = path.join(tmp, 'other-ca.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', crt, '-days', '1', '-subj', '/CN=other-ca'], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('openssl could not make a CA');
  return fs.readFileSync(crt, 'utf8');
}
