// `why-not SERVICE POD` and `pod POD` run as the kubectl plugin (a child process) against the real
// control plane, once the real controllers have published the Service's endpoints.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clients, cluster, createPod, createService, eventually, fixture, runPod, setPodStatus, terminatePod, waitForEndpoints, waitForSlices,
} from './helpers/k8s.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/kubectl-svc_explain');

/** Runs the plugin as kubectl would, against the test cluster, without colour. */
function plugin(...args: string[]): { code: number | null; stdout: string; stderr: string; first: string } {
  return pluginAs(cluster().kubeconfig, ...args);
}

function pluginAs(kubeconfig: string, ...args: string[]): { code: number | null; stdout: string; stderr: string; first: string } {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'KUBECONFIG']) delete env[name];
  const result = spawnSync(process.execPath, [BIN, ...args, '--kubeconfig', kubeconfig, '--no-color'], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, first: result.stdout.split('\n')[0] };
}

describe('why-not and pod against the real controllers', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  const ip = (n: number) => `10.244.31.${n}`;

  beforeAll(async () => {
    f = await fixture('whynot', { nodes: [{ zone: 'zone-a' }] });
    const base = { labels: { app: 'web' }, node: f.nodes[0], ports: [{ name: 'http', containerPort: 8080 }] };
    await runPod(f.namespace, 'ready', { ...base, ip: ip(1) });
    await runPod(f.namespace, 'unready', { ...base, ip: ip(2), ready: false });
    await runPod(f.namespace, 'wrong-label', { ...base, labels: { app: 'webb' }, ip: ip(3) });
    await runPod(f.namespace, 'terminating', { ...base, ip: ip(4) });
    await runPod(f.namespace, 'no-port', { ...base, ports: [{ name: 'web', containerPort: 8080 }], ip: ip(5) });
    await createPod(f.namespace, 'ghost-node', { ...base, node: 'no-such-node' });
    await setPodStatus(f.namespace, 'ghost-node', { phase: 'Running', ips: [ip(6)], ready: true });
    await terminatePod(f.namespace, 'terminating', { via: 'finalizer' });
    await createService(f.namespace, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
    // Let both controllers settle, so the answers compare the prediction with finished objects.
    await waitForSlices(f.namespace, 'web', (s) => {
      expect(s.flatMap((slice) => slice.endpoints.map((e) => e.pod)).sort()).toEqual(['no-port', 'ready', 'terminating', 'unready']);
    });
    await waitForEndpoints(f.namespace, 'web', (s) => {
      expect(s.flatMap((subset) => [...subset.addresses, ...subset.notReadyAddresses].map((a) => a.pod)).sort()).toEqual(['ghost-node', 'ready', 'unready']);
    });
  });
  afterAll(async () => f?.cleanup());

  it('a ready Pod: exit 0, behind and ready', () => {
    const run = plugin('why-not', 'web', 'ready', '-n', f.namespace);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.first).toBe('Pod ready is behind Service web and ready');
    expect(run.stdout).toContain('  ✓ port http 80/TCP → 8080 (container app)');
    expect(run.stdout).toMatch(/✓ EndpointSlices: listed as ready with ports \[http 8080\/TCP\] \(web-\w+\), as expected/);
    expect(run.stdout).toContain('✓ Endpoints: in addresses with ports [http 8080/TCP], as expected');
  });

  it('an unready Pod: exit 1, not ready, listed as not ready as Kubernetes should', () => {
    const run = plugin('why-not', 'svc/web', 'pod/unready', '-n', f.namespace);
    expect(run.code).toBe(1);
    expect(run.first).toBe('Pod unready is not behind Service web: it is not ready (container app running but not ready)');
    expect(run.stdout).toContain('✗ EndpointSlices: listed as not ready with ports [http 8080/TCP]');
    expect(run.stdout).toContain('✗ Endpoints: in notReadyAddresses with ports [http 8080/TCP], as expected');
    expect(run.stdout).not.toContain('disagree');
  });

  it('a Pod with the wrong label: exit 1, names the label', () => {
    const run = plugin('why-not', 'web', 'wrong-label', '-n', f.namespace);
    expect(run.code).toBe(1);
    expect(run.first).toBe('Pod wrong-label is not behind Service web: label app is "webb", the selector wants "web"');
    expect(run.stdout).toContain('✗ EndpointSlices: not listed, as expected');
  });

  it('a terminating Pod: exit 1, in the slices as terminating, dropped from Endpoints', () => {
    const run = plugin('why-not', 'web', 'terminating', '-n', f.namespace);
    expect(run.code).toBe(1);
    expect(run.first).toBe('Pod terminating is not behind Service web: it is terminating');
    expect(run.stdout).toContain('✗ EndpointSlices: listed as terminating (serving=true) with ports [http 8080/TCP]');
    expect(run.stdout).toContain('✗ Endpoints: not listed, as expected');
  });

  it('a Pod without the named port: exit 1, in a slice without ports', () => {
    const run = plugin('why-not', 'web', 'no-port', '-n', f.namespace);
    expect(run.code).toBe(1);
    expect(run.first).toBe('Pod no-port is not behind Service web: no Service port resolves on it (port http: targetPort "http" is not a port name of the Pod)');
    expect(run.stdout).toContain('✗ port http 80/TCP: targetPort "http" is not a port name of the Pod; this port is left out for this Pod');
    expect(run.stdout).toContain('✓ EndpointSlices: listed as ready with ports []');
    expect(run.stdout).not.toContain('disagree');
  });

  it('a Pod on a missing Node: exit 1, skipped by the EndpointSlice controller, still in Endpoints', () => {
    const run = plugin('why-not', 'web', 'ghost-node', '-n', f.namespace);
    expect(run.code).toBe(1);
    expect(run.first).toBe('Pod ghost-node is not behind Service web: its node no-such-node does not exist, so the EndpointSlice controller skips it');
    expect(run.stdout).toContain('✓ Endpoints: in addresses with ports [http 8080/TCP], as expected');
    expect(run.stdout).not.toContain('disagree');
  });

  it('-o json carries the verdict', () => {
    const run = plugin('why-not', 'web', 'unready', '-n', f.namespace, '-o', 'json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ service: 'web', pod: 'unready', behind: 'no', selected: true, actual: { endpoints: { list: 'notReadyAddresses' } } });
  });

  it('a Pod that does not exist: exit 4 with its namespace; a bad -o: exit 2', () => {
    const missing = plugin('why-not', 'web', 'nope', '-n', f.namespace);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toBe(`svc-explain: pod "nope" not found in namespace "${f.namespace}"\n`);
    const badOutput = plugin('why-not', 'web', 'ready', '-n', f.namespace, '-o', 'xml');
    expect(badOutput.code).toBe(2);
    expect(badOutput.stderr).toContain('why-not prints table, json, yaml or name, not xml');
  });

  it('pod: the selecting Service for a ready Pod, exit 0', () => {
    const run = plugin('pod', 'ready', '-n', f.namespace);
    expect(run.code).toBe(0);
    expect(run.first).toBe(`Pod ready in namespace ${f.namespace}: Running, IP ${ip(1)}, node ${f.nodes[0]}, ready`);
    expect(run.stdout).toContain('Selected by 1 Service:\n  ✓ web: is behind and ready\n');
  });

  it('pod: a near miss for the wrong label, and why, still exit 0', () => {
    const run = plugin('pod', 'wrong-label', '-n', f.namespace);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Selected by no Service in namespace ${f.namespace}.`);
    expect(run.stdout).toContain('Nearly selected by 1 Service (one label away):\n  ✗ web: is not behind: label app is "webb", the selector wants "web"\n');
  });

  it('pod: an unready Pod is selected but not behind, exit 0', () => {
    const run = plugin('pod', 'unready', '-n', f.namespace, '-o', 'json');
    expect(run.code).toBe(0);
    const view = JSON.parse(run.stdout);
    expect(view.services).toHaveLength(1);
    expect(view.services[0]).toMatchObject({ service: 'web', relation: 'selects', verdict: { behind: 'no' } });
    expect(plugin('pod', 'nope', '-n', f.namespace).code).toBe(4);
  });

  it('user viewer without any role: exit 3 with a one-line error', () => {
    const run = pluginAs(cluster().viewerKubeconfig, 'why-not', 'web', 'ready', '-n', f.namespace);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^svc-explain: not allowed to get (service "web"|pod "ready") in namespace "[\w-]+" \(403 Forbidden\)\n$/);
  });

  it('user viewer allowed Pods and Services only: answers from the prediction and says what it could not read', async () => {
    const rbac = clients().kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: f.namespace,
      body: { metadata: { name: 'pods-and-services' }, rules: [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list'] }] },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: f.namespace,
      body: {
        metadata: { name: 'viewer' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pods-and-services' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer' }],
      },
    });
    // RBAC reaches the authorizer through an informer: poll.
    const run = await eventually(() => {
      const attempt = pluginAs(cluster().viewerKubeconfig, 'why-not', 'web', 'ready', '-n', f.namespace);
      expect(attempt.stderr).toBe('');
      return attempt;
    }, { timeoutMs: 20_000, intervalMs: 500 });
    expect(run.code).toBe(0);
    expect(run.first).toBe('Pod ready is behind Service web and ready');
    expect(run.stdout).toContain(`? node ${f.nodes[0]}: cannot tell whether it exists (reading nodes is forbidden)`);
    expect(run.stdout).toContain('? EndpointSlices: cannot be read (forbidden); should be listed as ready with ports [http 8080/TCP]');
    expect(run.stdout).toContain('? Endpoints: cannot be read (forbidden); should be in addresses with ports [http 8080/TCP]');
    const pod = pluginAs(cluster().viewerKubeconfig, 'pod', 'ready', '-n', f.namespace);
    expect(pod.code).toBe(0);
    expect(pod.stdout).toContain('Could not read (forbidden): endpoints, endpointslices, networkpolicies, nodes; those parts use the prediction.');
  });
});
