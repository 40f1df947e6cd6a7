// explain ingress/NAME against the real control plane: the route, each hop to a Service port, the
// backend Service's Pods and EndpointSlices as the controllers wrote them, and a hop made broken
// (a missing Service, then a Pod that stops being ready). Needs `npm run build` first: it runs dist/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NetworkingV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, cluster, createService, fixture, runPod, setPodStatus, waitForSlices } from './helpers/k8s.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');

interface Run { status: number | null; stdout: string; stderr: string }
function run(args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args, '--kubeconfig', cluster().kubeconfig], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  f = await fixture('ingress', { nodes: [{ zone: 'zone-a' }] });
  ns = f.namespace;
  await runPod(ns, 'web-1', { labels: { app: 'web' }, node: f.nodes[0], ip: '10.244.91.1', ports: [{ name: 'http', containerPort: 8080 }] });
  await createService(ns, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
  await clients().kc.makeApiClient(NetworkingV1Api).createNamespacedIngress({ namespace: ns, body: {
    metadata: { name: 'shop' },
    spec: {
      defaultBackend: { service: { name: 'wbe', port: { number: 80 } } },
      rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }],
    },
  } });
  await waitForSlices(ns, 'web', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(1));
});

afterAll(async () => {
  await f?.cleanup();
});

describe('explain ingress/NAME (live)', () => {
  it('walks each path to the Service port, its Pods and EndpointSlices; the defaultBackend to a missing Service is marked', () => {
    const r = run(['explain', 'ingress/shop', '-n', ns]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain(`✓ rules[0].http.paths[0] (shop.example.com/) → Service ${ns}/web port http → http 80/TCP → targetPort http`);
    expect(r.stdout).toContain(`✗ defaultBackend → Service ${ns}/wbe port 80: no such Service`);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(`route-backend-service-missing: Ingress ${ns}/shop defaultBackend sends traffic to Service ${ns}/wbe port 80, which does not exist`);
    expect(r.stdout).toContain('Pods: 1 selected, 1 ready');
    expect(r.stdout).toContain('10.244.91.1:8080');
    expect(r.stdout).toMatch(/Routed by:\n {2}✓ Ingress \S+\/shop rules\[0\]\.http\.paths\[0\] \(shop\.example\.com\/\) → port http/);
  });

  it('a Pod that stops being ready breaks the path: ingress-backend-no-ready-endpoints, read from the EndpointSlices', async () => {
    await setPodStatus(ns, 'web-1', { phase: 'Running', ips: ['10.244.91.1'], ready: false });
    await waitForSlices(ns, 'web', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(0));
    const r = run(['explain', 'ing/shop', '-n', ns, '-o', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const view = JSON.parse(r.stdout);
    expect(view.backends.map((hop: { position: string; broken: boolean }) => [hop.position, hop.broken])).toEqual([['rules[0].http.paths[0] (shop.example.com/)', true], ['defaultBackend', true]]);
    expect(view.backends[0].findings.map((finding: { check: string }) => finding.check)).toEqual(['ingress-backend-no-ready-endpoints']);
    expect(view.backends[0].findings[0].message).toMatch(/which has no ready endpoint \(1 endpoint, none ready\): the Ingress controller answers 503/);
    expect(view.services.map((service: { service: { name: string }; live: { pods: unknown[] } }) => [service.service.name, service.live.pods.length])).toEqual([['web', 1]]);
  });

  it('a route that does not exist: exit 4, one line', () => {
    const r = run(['explain', 'ingress/nope', '-n', ns]);
    expect(r.status).toBe(4);
    expect(r.stderr).toBe(`svc-explain: ingress "nope" in namespace "${ns}" not found\n`);
  });
});
