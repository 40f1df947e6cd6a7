// `explain httproute/NAME`, `explain ingress/NAME` and "Routed by" in `explain SERVICE` against the real
// kube-apiserver (Gateway API CRDs installed by the global setup) and the real EndpointSlice controller:
// the whole way in while everything works, then with one hop broken at a time (a wrong port, a
// controller's Accepted=False written into status as a controller would, a Pod no longer ready), and
// `explain SERVICE --watch` redrawing when an HTTPRoute changes. Runs dist/ as a process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, createService, fixture, runPod, setPodStatus, waitFor, waitForSlices } from './helpers/k8s.js';
import { createObject, deleteObject, gatewayBody, GATEWAY_GROUP, patchObject } from './helpers/route-objects.js';
import { startWatch } from './helpers/watch-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');

interface Run { status: number | null; stdout: string; stderr: string }
function run(args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args, '--width', '400', '--kubeconfig', cluster().kubeconfig], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const show = (r: Run) => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;
const className = `svcx-explain-${Date.now().toString(36)}`;
const storeRules = (port: number, weight = 1) => [{ backendRefs: [{ name: 'web', port, weight }] }];
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const acceptedStatus = (accepted: boolean) => ({
  status: { parents: [{ parentRef: { group: GATEWAY_GROUP, kind: 'Gateway', name: 'gw' }, controllerName: 'example.invalid/gateway-controller', conditions: [
    { type: 'Accepted', status: accepted ? 'True' : 'False', reason: accepted ? 'Accepted' : 'NotAllowedByListeners', message: accepted ? 'Accepted' : 'no listener takes this route', observedGeneration: 1, lastTransitionTime: now() },
  ] }] },
});

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  f = await fixture('route-explain', { nodes: [{ zone: 'zone-a' }] });
  ns = f.namespace;
  await runPod(ns, 'web-1', { labels: { app: 'web' }, node: f.nodes[0], ip: '10.244.92.1', ports: [{ name: 'http', containerPort: 8080 }] });
  await createService(ns, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
  await createObject('gatewayclasses', null, { kind: 'GatewayClass', metadata: { name: className }, spec: { controllerName: 'example.invalid/gateway-controller' } });
  await createObject('gateways', ns, gatewayBody('gw', className));
  await createObject('httproutes', ns, { kind: 'HTTPRoute', metadata: { name: 'store' }, spec: { parentRefs: [{ name: 'gw' }], hostnames: ['store.example.com'], rules: storeRules(80) } });
  await createObject('ingresses', ns, { kind: 'Ingress', metadata: { name: 'shop' }, spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] } });
  await waitForSlices(ns, 'web', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(1));
});

afterAll(async () => {
  await deleteObject('gatewayclasses', null, className).catch(() => {});
  await f?.cleanup();
});

describe('explain httproute/NAME live', () => {
  it('the whole way in: Gateway listener, the hop to Service port 80, the Pod, the slice and kube-proxy\'s backend', () => {
    const r = run(['explain', 'httproute/store', '-n', ns]);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toContain(`HTTPRoute ${ns}/store`);
    expect(r.stdout).toContain('Hostnames: store.example.com');
    expect(r.stdout).toContain(`✓ spec.parentRefs[0] → Gateway ${ns}/gw: taken by listener http (HTTP 80)`);
    expect(r.stdout).toContain(`✓ rules[0].backendRefs[0] → Service ${ns}/web port 80 (weight 1, 100%) → http 80/TCP → targetPort http`);
    expect(r.stdout).toContain('EndpointSlices: as predicted');
    expect(r.stdout).toMatch(/100\.0% {2}10\.244\.92\.1:8080/);
    expect(r.stdout).not.toContain('✗');
    const json = JSON.parse(run(['explain', 'httproute/store', '-n', ns, '-o', 'json']).stdout);
    expect(json.backends.map((hop: { broken: boolean; service: { name: string } }) => [hop.service.name, hop.broken])).toEqual([['web', false]]);
    expect(json.services[0].live.pods.map((pod: { name: string }) => pod.name)).toEqual(['web-1']);
  });

  it('a broken hop: port 8080 (the Pods\' port) is marked, with the finding, exit 1; fixed back to 80', async () => {
    await patchObject('httproutes', ns, 'store', { spec: { rules: storeRules(8080) } });
    try {
      const r = run(['explain', 'httproute/store', '-n', ns]);
      expect(r.status, show(r)).toBe(1);
      expect(r.stdout).toContain(`✗ rules[0].backendRefs[0] → Service ${ns}/web port 8080 (weight 1, 100%): no such port`);
      expect(r.stdout).toContain('8080 is where its port 80 (http) delivers to on the Pods');
      const json = JSON.parse(run(['explain', 'httproute/store', '-n', ns, '-o', 'json']).stdout);
      expect(json.backends[0].broken).toBe(true);
      expect(json.backends[0].findings.map((x: { check: string }) => x.check)).toEqual(['route-backend-port-missing']);
    } finally {
      await patchObject('httproutes', ns, 'store', { spec: { rules: storeRules(80) } });
    }
    expect(run(['explain', 'httproute/store', '-n', ns]).status).toBe(0);
  });

  it('a broken parent: the controller wrote Accepted=False into status; Accepted=True clears it', async () => {
    await patchObject('httproutes', ns, 'store', acceptedStatus(false), { status: true });
    try {
      const r = run(['explain', 'httproute/store', '-n', ns]);
      expect(r.status, show(r)).toBe(1);
      expect(r.stdout).toContain(`✗ spec.parentRefs[0] → Gateway ${ns}/gw: not accepted by the controller (NotAllowedByListeners)`);
      expect(r.stdout).toContain('(Accepted=False, NotAllowedByListeners: no listener takes this route)');
    } finally {
      await patchObject('httproutes', ns, 'store', acceptedStatus(true), { status: true });
    }
    const ok = run(['explain', 'httproute/store', '-n', ns]);
    expect(ok.status, show(ok)).toBe(0);
    expect(ok.stdout).toContain(`✓ spec.parentRefs[0] → Gateway ${ns}/gw: accepted by the controller (Accepted)`);
  });

  it('a route that does not exist: exit 4, one line', () => {
    const r = run(['explain', 'httproute/nope', '-n', ns]);
    expect(r.status, show(r)).toBe(4);
    expect(r.stderr.trim().split('\n'), show(r)).toHaveLength(1);
    expect(r.stderr).toMatch(/httproute "nope" in namespace "\S+" not found/);
  });
});

describe('explain ingress/NAME live', () => {
  it('the rule\'s hop to Service port http; broken while its only Pod is not ready (503), whole again once it is', async () => {
    const ok = run(['explain', 'ingress/shop', '-n', ns]);
    expect(ok.status, show(ok)).toBe(0);
    expect(ok.stdout).toContain(`Ingress ${ns}/shop`);
    expect(ok.stdout).toMatch(/✓ rules\[0\]\.http\.paths\[0\].* → Service \S+\/web port http → http 80\/TCP → targetPort http/);

    await setPodStatus(ns, 'web-1', { phase: 'Running', ips: ['10.244.92.1'], ready: false });
    await waitForSlices(ns, 'web', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(0));
    try {
      const r = run(['explain', 'ingress/shop', '-n', ns]);
      expect(r.status, show(r)).toBe(1);
      expect(r.stdout).toMatch(/✗ rules\[0\]\.http\.paths\[0\].* → Service \S+\/web port http/);
      expect(r.stdout).toContain('which has no ready endpoint');
      expect(r.stdout).toContain('the Ingress controller answers 503');
    } finally {
      await setPodStatus(ns, 'web-1', { phase: 'Running', ips: ['10.244.92.1'], ready: true });
      await waitForSlices(ns, 'web', (s) => expect(s.flatMap((x) => x.endpoints).filter((e) => e.ready)).toHaveLength(1));
    }
    expect(run(['explain', 'ingress/shop', '-n', ns]).status).toBe(0);
  });
});

describe('completion of route names live', () => {
  const helper = path.join(root, 'bin', 'kubectl_complete-svc_explain');
  const complete = (...words: string[]) => {
    const r = spawnSync(helper, ['--kubeconfig', cluster().kubeconfig, ...words], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '' }, timeout: 60_000 });
    expect(r.stderr).toBe('');
    return r.stdout.trimEnd().split('\n').map((line) => line.split('\t')[0]);
  };

  it('explain httproute/<TAB> and ing/<TAB> list the names the cluster serves', () => {
    expect(complete('explain', '-n', ns, 'httproute/')).toEqual(['httproute/store', ':4']);
    expect(complete('explain', '-n', ns, 'ing/')).toEqual(['ing/shop', ':4']);
    expect(complete('explain', '-n', ns, 'tcproute/')).toEqual([':4']);
  });
});

describe('Routed by in explain SERVICE live', () => {
  it('lists the Ingress rule and the HTTPRoute with its Gateway and weight', () => {
    const r = run(['explain', 'web', '-n', ns]);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toContain('Routed by:');
    expect(r.stdout).toMatch(new RegExp(`✓ Ingress ${ns}/shop rules\\[0\\]\\.http\\.paths\\[0\\].* → port http`));
    expect(r.stdout).toContain(`✓ HTTPRoute ${ns}/store rules[0].backendRefs[0] → port 80, weight 1 (100%), via Gateway ${ns}/gw (http)`);
  });

  it('--watch redraws when the HTTPRoute changes (weight 0), and again when it is put back', async () => {
    const watch = startWatch(['explain', 'web', '-n', ns], cluster().kubeconfig);
    try {
      await waitFor(() => watch.blocks().some((block) => block.includes('weight 1 (100%)')), { what: 'the first view' });
      await patchObject('httproutes', ns, 'store', { spec: { rules: storeRules(80, 0) } });
      await waitFor(() => watch.blocks().at(-1)?.includes(`HTTPRoute ${ns}/store rules[0].backendRefs[0] → port 80, weight 0 (no traffic)`), { what: 'a block with weight 0' });
      await patchObject('httproutes', ns, 'store', { spec: { rules: storeRules(80, 1) } });
      await waitFor(() => watch.blocks().at(-1)?.includes('weight 1 (100%)'), { what: 'a block with weight 1 again' });
    } finally {
      const end = await watch.interrupt();
      expect(end.status, end.stderr).toBe(0);
    }
  });
});
