// NetworkPolicies on the real API server: `can-reach`, explain's per-port summary and the policy checks
// read policies and namespaces (with the labels the API server sets) from the cluster and give the
// same answers as offline. The policies hold the two classic mistakes (a namespaceSelector on a label
// the namespace lacks, the Service port instead of the targetPort); fixing them flips the answer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, createNamespace, createService, deleteNamespace, fixture, runPod, waitForSlices } from './helpers/k8s.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--kubeconfig', cluster().kubeconfig], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const show = (r: { status: number | null; stdout: string; stderr: string }) => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

function apiRequest(method: string, apiPath: string, body?: unknown): Promise<unknown> {
  const { server, caFile, adminToken } = cluster();
  return new Promise((resolve, reject) => {
    const contentType = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
    const req = https.request(new URL(apiPath, server), { method, ca: fs.readFileSync(caFile), headers: { authorization: `Bearer ${adminToken}`, 'content-type': contentType } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve(JSON.parse(text)) : reject(new Error(`${method} ${apiPath}: HTTP ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
const policyPath = (namespace: string, name = '') => `/apis/networking.k8s.io/v1/namespaces/${namespace}/networkpolicies${name ? `/${name}` : ''}`;

let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;
let clientNs: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  f = await fixture('np-live', { nodes: [{ zone: 'zone-a' }] });
  ns = f.namespace;
  clientNs = await createNamespace('np-client');
  await runPod(ns, 'api-1', { labels: { app: 'api' }, node: f.nodes[0], ip: '10.244.88.1', ports: [{ name: 'http', containerPort: 8080 }] });
  await runPod(clientNs, 'frontend', { labels: { app: 'frontend' }, node: f.nodes[0], ip: '10.244.88.9' });
  await createService(ns, 'api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
  await waitForSlices(ns, 'api', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(1));
  await apiRequest('POST', policyPath(ns), { metadata: { name: 'default-deny' }, spec: { podSelector: {} } });
  await apiRequest('POST', policyPath(ns), {
    metadata: { name: 'allow-frontend' },
    spec: { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { name: clientNs } }, podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 80 }] }] },
  });
}, 120_000);
afterAll(async () => {
  await f?.cleanup();
  if (clientNs) await deleteNamespace(clientNs);
});

describe('NetworkPolicies live', () => {
  it('can-reach: no, isolated by both policies, with the rule that would allow it', () => {
    const r = run(['can-reach', '--from', 'frontend', '--from-namespace', clientNs, 'api', '-n', ns]);
    expect(r.status, show(r)).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`no: Pod ${clientNs}/frontend cannot reach Service ${ns}/api`);
    expect(r.stdout).toContain('✗ api-1 port http → 8080/TCP: api-1 is isolated for ingress by allow-frontend, default-deny');
    expect(r.stdout).toContain(`{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${clientNs}}}, podSelector: {matchLabels: {app: frontend}}}], ports: [{port: 8080, protocol: TCP}]}`);
    expect(r.stdout).toContain('✓ DNS lookup of the Service name');
  });

  it('explain: who may connect, per port and Pod', () => {
    const r = run(['explain', 'api', '-n', ns, '-o', 'json']);
    expect(r.status, show(r)).toBe(0);
    const view = JSON.parse(r.stdout);
    expect(view.networkPolicy.state).toBe('read');
    expect(view.networkPolicy.ports).toEqual([{ port: 'http', protocol: 'TCP', targetPort: 'http', pods: [{ pod: 'api-1', port: 8080, isolatedBy: ['allow-frontend', 'default-deny'], access: 'nobody', allowedBy: [] }] }]);
    const text = run(['explain', 'api', '-n', ns]);
    expect(text.stdout).toContain('Network policies (who may connect to the Pods):');
    expect(text.stdout).toContain('api-1 :8080: nobody: isolated by allow-frontend, default-deny, and no ingress rule allows 8080/TCP');
  });

  it('check: the policy checks name both mistakes (namespaces read from the cluster)', () => {
    const r = run(['check', '-n', ns, '-o', 'json']);
    const findings = JSON.parse(r.stdout).findings.map((finding: { check: string; message: string }) => `${finding.check}: ${finding.message}`);
    expect(findings, show(r)).toContainEqual(expect.stringMatching(/^network-policy-denies-all: Service .*\/api: NetworkPolicies allow-frontend, default-deny isolate all its Pods/));
    expect(findings).toContainEqual(expect.stringMatching(/^network-policy-port-not-declared: .*allows port 80\/TCP, which is the port of Service .*\/api, but its Pods receive the traffic on targetPort 8080/));
    expect(findings).toContainEqual(expect.stringMatching(new RegExp(`^network-policy-peer-selects-nothing: .*namespaceSelector name=${clientNs} selects no namespace.*select it by kubernetes.io/metadata.name: ${clientNs}`)));
  });

  it('with both mistakes fixed, the client may connect', async () => {
    await apiRequest('PATCH', policyPath(ns, 'allow-frontend'), {
      spec: { ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': clientNs } }, podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 'http' }] }] },
    });
    const r = run(['can-reach', '--from', 'frontend', '--from-namespace', clientNs, 'api:http', '-n', ns]);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`yes: Pod ${clientNs}/frontend can reach Service ${ns}/api`);
    expect(r.stdout).toContain('✓ api-1 port http → 8080/TCP: allowed (allow-frontend/ingress[0])');
    const other = run(['can-reach', '--from', `ns/${clientNs},app=other`, 'api', '-n', ns]);
    expect(other.status, show(other)).toBe(1);
  });
});
